package l1_test

import (
	"math/big"
	"testing"
	"time"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/l1"
)

// TestBridgeGas calls every entry point of the bridge on the mainnet-like
// simulated L1, prints the gas of each (the table make bench shows) and
// bounds them, so that a change that makes one much dearer fails.
// proveBatches here runs the test claim verifier: the real BN254
// verifier's cost comes on top (prover's TestRecursiveChainOnL1 logs the
// real total).
func TestBridgeGas(t *testing.T) {
	s := newFinalizeSetup(t)                                                                    // stake, requestTraining, commitBatch, proveBatches
	if _, err := s.commit(s.op, s.input(1, s.tr.root(), commit.FromUint64(9), 3)); err != nil { // to revert
		t.Fatal(err)
	}
	if err := s.finalize(s.b1, l1.LeafOf(s.jobs[s.a]), s.tr.path(s.a)); err != nil {
		t.Fatal(err)
	}
	s.mustCall(s.op, abiBridge.PackWithdraw(), nil)
	s.advance((3600 + proofWindow + 1) * time.Second)
	s.mustCall(s.bob, abiBridge.PackRefund(uint32(s.b)), nil)
	s.mustCall(s.bob, abiBridge.PackRevertBatches(s.headers[2]), nil)
	s.mustCall(s.op2, abiBridge.PackStake(), bigInt(minStake))
	s.mustCall(s.op2, abiBridge.PackRequestUnstake(), nil)
	s.advance((unstakeDelay + 1) * time.Second)
	s.mustCall(s.op2, abiBridge.PackWithdrawStake(), nil)
	t.Logf("bridge gas by entry point (mainnet-like simulated L1, last call of each):\n%s", s.gasTable())
	bounds := map[string]uint64{
		"requestTraining": 400_000, "stake": 80_000, "commitBatch": 150_000,
		"proveBatches": 100_000, "finalizeJob": 950_000, "refund": 100_000, "withdraw": 60_000,
		"revertBatches": 120_000, "requestUnstake": 60_000, "withdrawStake": 60_000,
	}
	for name, bound := range bounds {
		g, ok := s.gas[name]
		if !ok {
			t.Errorf("%s was not called", name)
		} else if g > bound {
			t.Errorf("%s: %d gas > %d", name, g, bound)
		}
	}
}

func bigInt(v int64) *big.Int { return big.NewInt(v) }
