package circuits

import (
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend"
	"github.com/consensys/gnark/test"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/internal/testjob"
	"github.com/trainrollup/trainrollup/state"
)

// checkBoth requires good to be accepted and every bad assignment to be
// refused, by the test engine and by the R1CS solver (range-check
// commitment included).
func checkBoth(t *testing.T, circuit, good *StepCircuit, bad map[string]*StepCircuit) {
	t.Helper()
	opts := []test.TestingOption{test.WithValidAssignment(good)}
	for name, b := range bad {
		if test.IsSolved(circuit, b, field) == nil {
			t.Errorf("%s: accepted by the test engine", name)
		}
		opts = append(opts, test.WithInvalidAssignment(b))
	}
	test.NewAssert(t).CheckCircuit(circuit, append(opts, test.WithCurves(ecc.BLS12_377), test.WithBackends(backend.GROTH16),
		test.NoFuzzing(), test.NoSerializationChecks(), test.NoProverChecks())...)
}

// asSeeded turns the assignment of given-order steps into that of the same
// job with seeded order: the params hash changes, and with it both leaves
// and roots, under the same siblings. Nothing else moves, so the circuit
// can only refuse it for its indices.
func asSeeded(t *testing.T, c *StepCircuit, wits []*executor.StepWitness) *StepCircuit {
	t.Helper()
	out := cloneAssignment(c)
	out.Order = 1
	before, after := wits[0].JobBefore, wits[len(wits)-1].JobAfter
	before.Params.Order, after.Params.Order = state.OrderSeeded, state.OrderSeeded
	rb := state.RootFromProof(before.ID, before.Leaf(), wits[0].StateProof)
	ra := state.RootFromProof(after.ID, after.Leaf(), wits[0].StateProof)
	out.RootBefore, out.RootAfter = element(rb), element(ra)
	return out
}

// TestStepCircuitSeededOrder proves that a seeded job's steps take the
// protocol's indices (spec/dataset.md#order): a seeded job trained by the
// executor is accepted, and the same job trained on any other indices,
// with genuine samples, paths, weights and roots, is refused for k = 1
// and 2 (test engine and R1CS solver). A given job's steps may take any
// indices.
func TestStepCircuitSeededOrder(t *testing.T) {
	data := testjob.Iris(t)
	other := dataset.NewOrder(4242, uint64(data.Len()))
	for _, k := range []int{1, 2} {
		cfg := testjob.Config{Spec: "4-8-3", Data: data, Batch: 8, Steps: k, Total: 5, Seed: 9, ID: 42, Owner: [20]byte{7}, Order: state.OrderSeeded}
		seeded := testjob.Train(t, cfg)
		shape := StepShape{Model: seeded.Params.Model, Batch: 8, DatasetDepth: seeded.Depth, Steps: k}
		circuit, good := requireSolved(t, shape, seeded.Wits)

		// The executor refuses other indices for a seeded job.
		env := testjob.NewEnv(t, data)
		if _, err := env.Exec.CreateJob(42, [20]byte{7}, seeded.Params); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Exec.ApplyStep(executor.Step{Job: 42, Indices: other.Step(0, 8)}); err == nil {
			t.Fatal("executor applied a seeded step with other indices")
		}

		// The same job as a given one: its order's indices pass as seeded,
		// others (every step, or one index of the last step) do not.
		cfg.Order = state.OrderGiven
		same := testjob.Train(t, cfg)
		_, sameGood := requireSolved(t, shape, same.Wits)
		if test.IsSolved(circuit, asSeeded(t, sameGood, same.Wits), field) != nil {
			t.Fatal("the order's own indices, patched to seeded, were refused: the patch is wrong")
		}
		bad := map[string]*StepCircuit{}
		cfg.Indices = func(s uint64) []uint64 { return other.Step(s, 8) }
		r := testjob.Train(t, cfg)
		_, given := requireSolved(t, shape, r.Wits) // a given job may take them
		bad["other order"] = asSeeded(t, given, r.Wits)
		cfg.Indices = func(s uint64) []uint64 {
			idx := dataset.NewOrder(9, uint64(data.Len())).Step(s, 8)
			if s == uint64(k-1) {
				idx[5] = (idx[5] + 1) % uint64(data.Len())
			}
			return idx
		}
		r = testjob.Train(t, cfg)
		_, given = requireSolved(t, shape, r.Wits)
		bad["one index moved"] = asSeeded(t, given, r.Wits)
		checkBoth(t, circuit, good, bad)
	}
}

// TestStepCircuitL1Messages proves L1 messages (spec/proofs.md#step): an
// L1 job's creation and a rejected L1 message advance the L1 queue hash,
// not the transaction digest, by the bridge's H(7, id, params hash,
// owner); a rejection leaves the state as it was. Claiming another
// message, another digest, a rejection of a rollup job or of a job that
// exists, or a rejection that changes the state is refused.
func TestStepCircuitL1Messages(t *testing.T) {
	const id = state.JobID(1<<31 + 3)
	owner := [20]byte{9, 19: 9}
	r := testjob.Train(t, testjob.Config{Spec: "4-8-3", Data: testjob.Iris(t), Batch: 8, Steps: 1, Total: 5, Seed: 9, ID: id, Owner: owner, Order: state.OrderSeeded})
	shape := StepShape{Model: r.Params.Model, Batch: 8, DatasetDepth: r.Depth, Steps: 1}

	t.Run("creation", func(t *testing.T) {
		circuit, good := requireSolved(t, shape, []*executor.StepWitness{r.Created})
		want := chain.Digests{Tx: testDigests.Tx, L1: chain.CreateDigest(testDigests.L1, id, r.Params.Hash(), owner)}
		if good.DigestAfter.(*big.Int).Cmp(element(want.Proof())) != 0 {
			t.Fatal("an L1 creation does not advance the L1 queue hash alone")
		}
		bad := map[string]*StepCircuit{}
		asTx := cloneAssignment(good)
		asTx.DigestAfter = element(chain.Digests{Tx: chain.CreateDigest(testDigests.Tx, id, r.Params.Hash(), owner), L1: testDigests.L1}.Proof())
		bad["counted as a rollup creation"] = asTx
		other := cloneAssignment(good)
		other.Seed = bump(other.Seed, 1)
		bad["other params"] = other
		rejected := cloneAssignment(good)
		rejected.Reject, rejected.ParamsHash = 1, element(r.Params.Hash())
		bad["created and called rejected"] = rejected
		checkBoth(t, circuit, good, bad)
	})

	t.Run("rejection", func(t *testing.T) {
		ph := commit.FromUint64(123456789) // params that are no job: only their hash counts
		rej, err := executor.New(r.Store, executor.Config{}).RejectL1(id+1, owner, ph)
		if err != nil {
			t.Fatal(err)
		}
		circuit, good := requireSolved(t, shape, []*executor.StepWitness{rej})
		want := chain.Digests{Tx: testDigests.Tx, L1: chain.CreateDigest(testDigests.L1, id+1, ph, owner)}
		if good.DigestAfter.(*big.Int).Cmp(element(want.Proof())) != 0 || good.RootAfter.(*big.Int).Cmp(good.RootBefore.(*big.Int)) != 0 {
			t.Fatal("a rejection does not keep the root and advance the L1 queue hash")
		}
		tampers := map[string]func(c *StepCircuit){
			"other params hash": func(c *StepCircuit) { c.ParamsHash = bump(c.ParamsHash, 1) },
			"other owner":       func(c *StepCircuit) { c.Owner = bump(c.Owner, 1) },
			"other id":          func(c *StepCircuit) { c.JobID = bump(c.JobID, 1) },
			"a rollup job":      func(c *StepCircuit) { c.JobID = 77 },
			"not a creation":    func(c *StepCircuit) { c.Create = 0 },
			"reject flag 2":     func(c *StepCircuit) { c.Reject = 2 },
			"state changed":     func(c *StepCircuit) { c.RootAfter = element(r.GenesisRoot) },
			"tx digest moved": func(c *StepCircuit) {
				c.DigestAfter = element(chain.Digests{Tx: chain.CreateDigest(testDigests.Tx, id+1, ph, owner), L1: testDigests.L1}.Proof())
			},
		}
		bad := map[string]*StepCircuit{}
		for name, f := range tampers {
			b := cloneAssignment(good)
			f(b)
			bad[name] = b
		}
		// A job that exists: its leaf is not empty under the root (its
		// siblings are the same as at its creation).
		b := cloneAssignment(good)
		b.JobID = uint64(id)
		for i, e := range r.GenesisPath {
			b.StateProof[i] = element(e)
		}
		bad["an existing job"] = b
		checkBoth(t, circuit, good, bad)
	})
}
