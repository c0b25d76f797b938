package l1_test

import (
	"testing"

	"github.com/trainrollup/trainrollup/circuits"
	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/internal/evmtest"
)

// TestClaimsSolidity checks the contract's public input against the one
// the aggregation circuit and the prover compute.
func TestClaimsSolidity(t *testing.T) {
	d := evmtest.DeployTest(t, "ClaimsHarness")
	var minusOne commit.Element
	minusOne.SetOne().Neg(&minusOne)
	for _, c := range []circuits.Claim{
		{},
		{ChainID: 1337, FirstBatch: 10, LastBatch: 12, RootBefore: commit.FromUint64(1), RootAfter: commit.FromUint64(2),
			DigestBefore: commit.FromUint64(3), DigestAfter: minusOne},
		{ChainID: 1<<64 - 1, FirstBatch: 1<<64 - 1, LastBatch: 1<<64 - 1, RootBefore: minusOne, RootAfter: minusOne, DigestBefore: minusOne, DigestAfter: minusOne},
	} {
		got, gas, err := call(t, d, "publicInput", c.ChainID, c.FirstBatch, c.LastBatch,
			element(c.RootBefore), element(c.RootAfter), element(c.DigestBefore), element(c.DigestAfter))
		if err != nil {
			t.Fatal(err)
		}
		if want := c.PublicInput(); got.Cmp(want) != 0 {
			t.Fatalf("claim %+v: contract %v, prover %v", c, got, want)
		}
		t.Logf("publicInput: %d gas (transaction)", gas)
	}
}
