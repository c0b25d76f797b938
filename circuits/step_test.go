package circuits

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend"
	"github.com/consensys/gnark/constraint/solver"
	"github.com/consensys/gnark/test"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/fixed"
	"github.com/trainrollup/trainrollup/internal/testjob"
	"github.com/trainrollup/trainrollup/state"
)

// irisSteps runs k steps of an Iris job (batch 8) in a real executor and
// returns their witnesses and the circuit shape.
func irisSteps(t testing.TB, specText string, k int, seed uint64) (StepShape, []*executor.StepWitness) {
	t.Helper()
	depth, wits := testjob.Steps(t, specText, testjob.Iris(t), 8, k, seed)
	return StepShape{Model: wits[0].JobBefore.Params.Model, Batch: 8, DatasetDepth: depth, Steps: k}, wits
}

// testDigests are the digests the test proofs extend.
var testDigests = chain.Digests{Tx: commit.FromUint64(77), L1: commit.FromUint64(78)}

func TestStepCircuitIris(t *testing.T) {
	for _, k := range []int{1, 2} {
		shape, wits := irisSteps(t, "4-8-3", k, 3)
		requireSolved(t, shape, wits)
	}
}

func TestStepCircuitMSE(t *testing.T) {
	shape, wits := irisSteps(t, "4-5-3:mse", 1, 4)
	requireSolved(t, shape, wits)
}

// requireSolved checks that the executor's witnesses satisfy the circuit of
// shape and returns the circuit and the assignment.
func requireSolved(t *testing.T, shape StepShape, wits []*executor.StepWitness) (*StepCircuit, *StepCircuit) {
	t.Helper()
	circuit, err := NewStepCircuit(shape)
	if err != nil {
		t.Fatal(err)
	}
	assignment, err := NewStepAssignment(shape, testDigests, wits)
	if err != nil {
		t.Fatal(err)
	}
	if err := test.IsSolved(circuit, assignment, field); err != nil {
		t.Fatalf("%s: executor witness rejected: %v", shape, err)
	}
	return circuit, assignment
}

// TestStepCircuitTamper changes every kind of witness field, one at a time,
// and requires the circuit to reject each.
func TestStepCircuitTamper(t *testing.T) {
	shape, wits := irisSteps(t, "4-8-3", 1, 3)
	circuit, good := requireSolved(t, shape, wits)
	tampers := map[string]func(c *StepCircuit){
		"weight":         func(c *StepCircuit) { c.Weights[7] = bump(c.Weights[7], 1) },
		"bias":           func(c *StepCircuit) { c.Weights[len(c.Weights)-1] = bump(c.Weights[len(c.Weights)-1], -1) },
		"sample value":   func(c *StepCircuit) { c.Samples[0][3].X[2] = bump(c.Samples[0][3].X[2], 1) },
		"sample index":   func(c *StepCircuit) { c.Samples[0][1].Index = bump(c.Samples[0][1].Index, 1) },
		"sample label":   func(c *StepCircuit) { c.Samples[0][0].Y = (c.Samples[0][0].Y.(uint32) + 1) % 3 },
		"merkle sibling": func(c *StepCircuit) { c.Samples[0][2].Siblings[0] = 1 },
		"state sibling":  func(c *StepCircuit) { c.StateProof[9] = 1 },
		"learning rate":  func(c *StepCircuit) { c.LearningRate = bump(c.LearningRate, 1) },
		"dataset size":   func(c *StepCircuit) { c.DatasetSize = bump(c.DatasetSize, 1) },
		"steps done":     func(c *StepCircuit) { c.StepsDone = bump(c.StepsDone, 1) },
		"status":         func(c *StepCircuit) { c.Status = uint64(state.StatusCompleted) },
		"total steps":    func(c *StepCircuit) { c.TotalSteps = bump(c.TotalSteps, 1) },
		"owner":          func(c *StepCircuit) { c.Owner = 12345 },
		"job id":         func(c *StepCircuit) { c.JobID = bump(c.JobID, 1) },
		"seed":           func(c *StepCircuit) { c.Seed = bump(c.Seed, 1) },
		"root before":    func(c *StepCircuit) { c.RootBefore = 1 },
		"root after":     func(c *StepCircuit) { c.RootAfter = 1 },
		"digest before":  func(c *StepCircuit) { c.DigestBefore = 1 },
		"digest after":   func(c *StepCircuit) { c.DigestAfter = 1 },
		"tx digest":      func(c *StepCircuit) { c.TxBefore = bump(c.TxBefore, 1) },
		"L1 queue hash":  func(c *StepCircuit) { c.L1Before = bump(c.L1Before, 1) },
		"order":          func(c *StepCircuit) { c.Order = 1 },
		"reject a step":  func(c *StepCircuit) { c.Reject = 1 },
		"out of range weight": func(c *StepCircuit) {
			// Same packed element: move 2^24 between neighbouring slots.
			c.Weights[0] = bump(c.Weights[0], 1<<24)
			c.Weights[1] = bump(c.Weights[1], -1)
		},
	}
	opts := []test.TestingOption{test.WithValidAssignment(good)}
	for name, f := range tampers {
		t.Run(name, func(t *testing.T) {
			bad := cloneAssignment(good)
			f(bad)
			if test.IsSolved(circuit, bad, field) == nil {
				t.Fatal("tampered witness accepted")
			}
		})
		bad := cloneAssignment(good)
		f(bad)
		opts = append(opts, test.WithInvalidAssignment(bad))
	}
	// The same assignments through the real R1CS solver, range-check
	// commitment included (the test engine above checks ranges directly).
	assert := test.NewAssert(t)
	assert.CheckCircuit(circuit, append(opts, test.WithCurves(ecc.BLS12_377), test.WithBackends(backend.GROTH16),
		test.NoFuzzing(), test.NoSerializationChecks(), test.NoProverChecks())...)
}

// TestStepCircuitCreate proves a job's creation with the step circuit
// (spec/proofs.md#step): the executor's creation witness is accepted for
// k = 1 and 2, chains into the first step's proof (roots and digests), and
// every change that would create another job, create it over an existing
// one, or skip the creation is rejected.
func TestStepCircuitCreate(t *testing.T) {
	for _, k := range []int{1, 2} {
		r := testjob.Train(t, testjob.Config{Spec: "4-8-3", Data: testjob.Iris(t), Batch: 8, Steps: k, Total: 5, Seed: 9, ID: 42, Owner: [20]byte{7, 19: 1}})
		shape := StepShape{Model: r.Params.Model, Batch: 8, DatasetDepth: r.Depth, Steps: k}
		if !r.Created.RootAfter.Equal(&r.Wits[0].RootBefore) {
			t.Fatal("the creation's root after is not the first step's root before")
		}
		_, create := requireSolved(t, shape, []*executor.StepWitness{r.Created})
		_, step := requireSolved(t, shape, r.Wits)
		want := chain.Digests{Tx: chain.CreateDigest(testDigests.Tx, 42, r.Params.Hash(), [20]byte{7, 19: 1}), L1: testDigests.L1}
		if create.DigestAfter.(*big.Int).Cmp(element(want.Proof())) != 0 {
			t.Fatal("creation digest is not chain.CreateDigest")
		}
		if step.RootBefore.(*big.Int).Cmp(create.RootAfter.(*big.Int)) != 0 {
			t.Fatal("step proof does not start where the creation proof ends")
		}
	}
	r := testjob.Train(t, testjob.Config{Spec: "4-8-3", Data: testjob.Iris(t), Batch: 8, Steps: 1, Total: 5, Seed: 9, ID: 42, Owner: [20]byte{7, 19: 1}})
	shape := StepShape{Model: r.Params.Model, Batch: 8, DatasetDepth: r.Depth, Steps: 1}
	circuit, good := requireSolved(t, shape, []*executor.StepWitness{r.Created})
	_, step := requireSolved(t, shape, r.Wits)
	tampers := map[string]func(c *StepCircuit){
		"not a creation":          func(c *StepCircuit) { c.Create = 0 },
		"create flag 2":           func(c *StepCircuit) { c.Create = 2 },
		"over an existing job":    func(c *StepCircuit) { c.RootBefore = c.RootAfter },
		"other initial weights":   func(c *StepCircuit) { c.InitWeights = bump(c.InitWeights, 1) },
		"other owner":             func(c *StepCircuit) { c.Owner = bump(c.Owner, 1) },
		"other job id":            func(c *StepCircuit) { c.JobID = bump(c.JobID, 1) },
		"other learning rate":     func(c *StepCircuit) { c.LearningRate = bump(c.LearningRate, 1) },
		"zero steps":              func(c *StepCircuit) { c.TotalSteps = 0 },
		"root after":              func(c *StepCircuit) { c.RootAfter = step.RootAfter },
		"digest of a step":        func(c *StepCircuit) { c.DigestAfter = step.DigestAfter },
		"digest before":           func(c *StepCircuit) { c.DigestBefore = 1 },
		"rollup job rejected":     func(c *StepCircuit) { c.Reject = 1 },
		"other order":             func(c *StepCircuit) { c.Order = 1 },
		"status completed":        func(c *StepCircuit) { c.Status = uint64(state.StatusCompleted) },
		"state sibling":           func(c *StepCircuit) { c.StateProof[3] = 1 },
		"sample outside the data": func(c *StepCircuit) { c.Samples[0][1].X[0] = bump(c.Samples[0][1].X[0], 1) },
	}
	opts := []test.TestingOption{test.WithValidAssignment(good)}
	for name, f := range tampers {
		bad := cloneAssignment(good)
		f(bad)
		if test.IsSolved(circuit, bad, field) == nil {
			t.Errorf("%s: accepted", name)
		}
		opts = append(opts, test.WithInvalidAssignment(bad))
	}
	assert := test.NewAssert(t)
	assert.CheckCircuit(circuit, append(opts, test.WithCurves(ecc.BLS12_377), test.WithBackends(backend.GROTH16),
		test.NoFuzzing(), test.NoSerializationChecks(), test.NoProverChecks())...)
}

// TestStepCircuitRandomTamper changes one random private or public value
// of the assignment at a time: every change must be rejected.
func TestStepCircuitRandomTamper(t *testing.T) {
	shape, wits := irisSteps(t, "4-8-3", 1, 5)
	circuit, good := requireSolved(t, shape, wits)
	rng := rand.New(rand.NewPCG(11, 12))
	n := 40
	if testing.Short() {
		n = 10
	}
	for range n {
		bad := cloneAssignment(good)
		slots := bad.slots()
		i := rng.IntN(len(slots))
		delta := []int64{1, -1, 1 << 16, 7}[rng.IntN(4)]
		*slots[i] = bump(*slots[i], delta)
		if test.IsSolved(circuit, bad, field) == nil {
			t.Fatalf("slot %d changed by %d: accepted", i, delta)
		}
	}
}

// TestStepCircuitMNISTShape checks completeness for the MNIST 14x14 shape
// (196-16-10, batch 32) on a pixel-like synthetic dataset: the executor's
// witness satisfies the circuit. (A real Groth16 proof of this shape takes
// minutes of key generation: `trainrollup prove-step` does it.)
func TestStepCircuitMNISTShape(t *testing.T) {
	if testing.Short() {
		t.Skip("solves a circuit of 768k constraints")
	}
	rng := rand.New(rand.NewPCG(13, 14))
	d := &dataset.Dataset{Name: "pixels", Features: 196, Classes: 10}
	for i := range 1000 {
		for range 196 {
			v := int32(0)
			if rng.IntN(5) == 0 {
				v = int32(rng.IntN(fixed.One + 1))
			}
			d.X = append(d.X, v)
		}
		d.Y = append(d.Y, uint32(i%10))
	}
	depth, wits := testjob.Steps(t, "196-16-10", d, 32, 1, 7)
	shape := StepShape{Model: wits[0].JobBefore.Params.Model, Batch: 32, DatasetDepth: depth, Steps: 1}
	circuit, assignment := requireSolved(t, shape, wits)
	bad := cloneAssignment(assignment)
	bad.Weights[100] = bump(bad.Weights[100], 1)
	if test.IsSolved(circuit, bad, field) == nil {
		t.Fatal("changed weight accepted")
	}
}

// TestStepCircuitMaliciousHints plays a prover that lies in one hint
// output: a remainder, a quotient, a ReLU bit, a softmax maximum or
// division, a one-hot bit. Whatever call it picks, the constraints reject it.
func TestStepCircuitMaliciousHints(t *testing.T) {
	shape, wits := irisSteps(t, "4-8-3", 1, 3)
	circuit, good := requireSolved(t, shape, wits)
	rng := rand.New(rand.NewPCG(21, 22))
	always := func([]*big.Int) bool { return true }
	saturating := func(in []*big.Int) bool { return in[2].Sign() != 0 } // Shift leaves cp, cn unused
	for _, h := range []struct {
		name     string
		hint     solver.Hint
		outs     []int // which outputs may be changed
		eligible func(in []*big.Int) bool
	}{
		{"shift remainder", shiftSatHint, []int{1}, always},
		{"shift quotient", shiftSatHint, []int{0}, always},
		{"saturation excess", shiftSatHint, []int{2, 3}, saturating},
		{"relu bit", reluHint, []int{0}, always},
		{"divmod", divModHint, []int{0, 1}, always},
		{"max", maxHint, []int{0}, always},
		{"exp cap bit", geqHint, []int{0}, always},
		{"one-hot", oneHotHint, []int{0, 1, 2}, always},
	} {
		for trial := range 3 {
			calls, target := 0, -1
			// Count the eligible calls once, then pick one at random.
			counter := func(mod *big.Int, in, out []*big.Int) error {
				if h.eligible(in) {
					calls++
				}
				return h.hint(mod, in, out)
			}
			if err := test.IsSolved(circuit, good, field, test.WithReplacementHint(hintID(h.hint), counter)); err != nil {
				t.Fatal(err)
			}
			target = rng.IntN(calls)
			seen := 0
			evil := func(mod *big.Int, in, out []*big.Int) error {
				if err := h.hint(mod, in, out); err != nil {
					return err
				}
				if !h.eligible(in) {
					return nil
				}
				if seen == target {
					o := out[h.outs[rng.IntN(len(h.outs))]]
					o.Add(o, big.NewInt(1)).Mod(o, mod)
				}
				seen++
				return nil
			}
			if test.IsSolved(circuit, good, field, test.WithReplacementHint(hintID(h.hint), evil)) == nil {
				t.Fatalf("%s: lie in call %d of %d (trial %d) accepted", h.name, target, calls, trial)
			}
		}
	}
}

// FuzzStepCircuitTamper changes one value of a valid Iris assignment by a
// fuzzed amount: no change is accepted.
func FuzzStepCircuitTamper(f *testing.F) {
	shape, wits := irisSteps(f, "4-8-3", 1, 3)
	circuit, err := NewStepCircuit(shape)
	if err != nil {
		f.Fatal(err)
	}
	good, err := NewStepAssignment(shape, testDigests, wits)
	if err != nil {
		f.Fatal(err)
	}
	n := len(good.slots())
	f.Add(uint(0), int64(1))
	f.Add(uint(n-1), int64(-1))
	f.Add(uint(50), int64(1<<24))
	f.Fuzz(func(t *testing.T, slot uint, delta int64) {
		if delta == 0 {
			return
		}
		bad := cloneAssignment(good)
		s := bad.slots()[slot%uint(n)]
		*s = bump(*s, delta)
		if test.IsSolved(circuit, bad, field) == nil {
			t.Fatalf("slot %d changed by %d: accepted", slot%uint(n), delta)
		}
	})
}

// TestStepCircuitOneSample covers a dataset of one sample (tree depth 0):
// every index must be 0.
func TestStepCircuitOneSample(t *testing.T) {
	d := &dataset.Dataset{Name: "one", Features: 4, Classes: 3, X: []int32{fixed.One, 0, -fixed.One, 5}, Y: []uint32{2}}
	depth, wits := testjob.Steps(t, "4-8-3", d, 2, 1, 9)
	shape := StepShape{Model: wits[0].JobBefore.Params.Model, Batch: 2, DatasetDepth: depth, Steps: 1}
	circuit, good := requireSolved(t, shape, wits)
	bad := cloneAssignment(good)
	bad.Samples[0][1].Index = 1
	if test.IsSolved(circuit, bad, field) == nil {
		t.Fatal("index 1 of a one-sample dataset accepted")
	}
}
