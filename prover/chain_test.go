package prover

import (
	"math/big"
	"os"
	"strings"
	"testing"

	"github.com/trainrollup/trainrollup/circuits"
	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/internal/evmtest"
	"github.com/trainrollup/trainrollup/internal/testjob"
)

// TestRecursiveChainOnL1 runs the whole proof chain for real: Iris training
// steps in the executor, a BLS12-377 step proof each, two BW6-761
// aggregations (a full run of 2 slots and a partial run of 1), a BN254 wrap
// of each, and gnark's Solidity verifier, compiled by the pinned solc and
// deployed on the simulated L1, accepting both; a tampered proof, a
// tampered public input, an unreduced one and a proof replayed for another
// batch range are rejected on L1.
func TestRecursiveChainOnL1(t *testing.T) {
	if testing.Short() {
		t.Skip("sets up and proves the recursive chain: not in -short")
	}
	ks := defaultKeyStore(t)
	depth, wits := testjob.Steps(t, "4-8-3", testjob.Iris(t), 8, 3, 21)
	shape := circuits.StepShape{Model: wits[0].JobBefore.Params.Model, Batch: 8, DatasetDepth: depth, Steps: 1}
	stepKeys, err := ks.StepKeys(shape)
	if err != nil {
		t.Fatal(err)
	}
	var steps []*StepProof
	digest := commit.FromUint64(99)
	for i := range wits {
		p, err := ProveSteps(stepKeys, shape, digest, wits[i:i+1])
		if err != nil {
			t.Fatal(err)
		}
		digest = circuits.DigestAfter(digest, wits[i:i+1])
		steps = append(steps, p)
	}

	const slots, chainID = 2, 1337
	aggKeys, err := ks.AggregateKeys(stepKeys, slots)
	if err != nil {
		t.Fatal(err)
	}
	wrapKeys, err := ks.WrapKeys(aggKeys)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("constraints: step %d, aggregate(%d) %d, wrap %d; setup s: %.1f %.1f %.1f", stepKeys.CCS.GetNbConstraints(), slots,
		aggKeys.CCS.GetNbConstraints(), wrapKeys.CCS.GetNbConstraints(), stepKeys.SetupTime.Seconds(), aggKeys.SetupTime.Seconds(), wrapKeys.SetupTime.Seconds())

	var wraps []*WrapProof
	for _, run := range []struct {
		first, last uint64
		steps       []*StepProof
	}{{1, 1, steps[:2]}, {2, 2, steps[2:]}} {
		agg, err := ProveAggregate(aggKeys, slots, chainID, run.first, run.last, run.steps)
		if err != nil {
			t.Fatal(err)
		}
		if err := VerifyAggregate(aggKeys, agg); err != nil {
			t.Fatal(err)
		}
		w, err := ProveWrap(wrapKeys, agg)
		if err != nil {
			t.Fatal(err)
		}
		if err := VerifyWrap(wrapKeys, w); err != nil {
			t.Fatal(err)
		}
		t.Logf("batches %d..%d: %d step proofs, aggregate %v, wrap %v", run.first, run.last, len(run.steps), agg.ProveTime, w.ProveTime)
		wraps = append(wraps, w)
	}
	if wraps[0].Claim.RootAfter != wraps[1].Claim.RootBefore || wraps[0].Claim.DigestAfter != wraps[1].Claim.DigestBefore {
		t.Fatal("the two runs do not chain")
	}

	// The L1 verifier.
	var src strings.Builder
	if err := ExportSolidity(wrapKeys, &src); err != nil {
		t.Fatal(err)
	}
	// The committed verifier is this one: public-seed keys are the same on
	// every machine.
	if committed, err := os.ReadFile("../contracts/src/Verifier.sol"); err != nil || string(committed) != src.String() {
		t.Errorf("contracts/src/Verifier.sol is not the verifier of these keys (%v): run make contracts", err)
	}
	verifier := evmtest.Deploy(t, "Verifier", src.String())
	t.Logf("verifier deployed: %d gas", verifier.Gas)
	verify := func(proof []byte, input *big.Int) (uint64, error) {
		_, gas, err := verifier.Call(t, "verifyProof", proof, [1]*big.Int{input})
		return gas, err
	}
	for i, w := range wraps {
		proof, err := w.Calldata()
		if err != nil {
			t.Fatal(err)
		}
		gas, err := verify(proof, w.PublicInput())
		if err != nil {
			t.Fatalf("run %d rejected on L1: %v", i, err)
		}
		t.Logf("run %d verified on L1: %d gas (transaction)", i, gas)
	}

	proof, _ := wraps[0].Calldata()
	tampered := append([]byte(nil), proof...)
	tampered[70] ^= 1 // inside B
	replayed := wraps[0].Claim
	replayed.FirstBatch, replayed.LastBatch = 5, 5
	rejections := map[string]struct {
		proof []byte
		input *big.Int
	}{
		"tampered proof":         {tampered, wraps[0].PublicInput()},
		"tampered public input":  {proof, new(big.Int).Add(wraps[0].PublicInput(), big.NewInt(1))},
		"unreduced public input": {proof, new(big.Int).Add(wraps[0].PublicInput(), circuits.WrapField)},
		"replayed for batch 5":   {proof, replayed.PublicInput()},
		"another run's proof":    {proof, wraps[1].PublicInput()},
	}
	for name, r := range rejections {
		if _, err := verify(r.proof, r.input); err == nil {
			t.Errorf("%s: accepted on L1", name)
		}
	}
}

// defaultKeyStore is the user's key cache (or $TRAINROLLUP_KEYS): keys of
// the test circuits are generated once per machine.
func defaultKeyStore(t *testing.T) *KeyStore {
	t.Helper()
	dir, err := DefaultKeyDir()
	if err != nil {
		t.Fatal(err)
	}
	ks, err := NewKeyStore(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	return ks
}
