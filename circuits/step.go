package circuits

import (
	"fmt"
	"math/big"
	"math/bits"
	"slices"

	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/lookup/logderivlookup"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/fixed"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/state"
)

// StepShape fixes everything the step circuit's constraints depend on: one
// compiled circuit (and one key pair) per shape.
type StepShape struct {
	Model        model.Spec
	Batch        int // samples per step, a power of two
	DatasetDepth int // depth of the dataset tree, ceil(log2 N)
	Steps        int // consecutive steps of one job per proof (k)
}

// Check reports whether the shape is usable.
func (s StepShape) Check() error {
	if err := s.Model.Check(); err != nil {
		return err
	}
	if s.Batch < 1 || s.Batch > 1024 || s.Batch&(s.Batch-1) != 0 {
		return fmt.Errorf("step shape: batch %d is not a power of two in [1, 1024]", s.Batch)
	}
	if s.DatasetDepth < 0 || s.DatasetDepth > 24 {
		return fmt.Errorf("step shape: dataset depth %d outside [0, 24]", s.DatasetDepth)
	}
	if s.Steps < 1 {
		return fmt.Errorf("step shape: %d steps per proof", s.Steps)
	}
	return nil
}

// String names the shape, e.g. "4-8-3/b8/d7/k1".
func (s StepShape) String() string {
	return fmt.Sprintf("%s/b%d/d%d/k%d", s.Model, s.Batch, s.DatasetDepth, s.Steps)
}

// StepSample is one sample of a batch: its index, features, label and
// dataset Merkle path.
type StepSample struct {
	Index    frontend.Variable
	X        []frontend.Variable
	Y        frontend.Variable
	Siblings []frontend.Variable
}

// StepCircuit proves k consecutive training steps of one job
// (spec/proofs.md#step): the job leaf before is in RootBefore; its weights
// hash to the leaf's commitment; every sample is in the job's dataset at its
// index, and a seeded job's indices are its order's (spec/dataset.md#order);
// each step's forward, backward and update follow spec/model.md; and the
// updated leaf, with the same siblings, gives RootAfter. The digests are
// chain.Digests.Proof of the running transaction digest and the L1 queue
// hash: DigestAfter extends the transaction digest over each step (job id
// and sample indices), as a block's digest advances, and keeps the queue
// hash.
//
// With Create set it proves a job's creation instead: the leaf at JobID is
// empty under RootBefore, and the new job's leaf (initial weights, no steps
// done, training) gives RootAfter; the creation's H(7, id, params hash,
// owner) extends the transaction digest for a rollup job (id below 2^31)
// and the L1 queue hash for an L1 job. With Reject set too it proves an L1
// message the rollup rejected: the state is unchanged (the leaf stays
// empty) and the queue hash is extended with the message's params hash,
// given as is. The training steps are still computed, on any valid weights
// and samples, and their result is unused.
type StepCircuit struct {
	RootBefore   frontend.Variable `gnark:",public"`
	RootAfter    frontend.Variable `gnark:",public"`
	DigestBefore frontend.Variable `gnark:",public"`
	DigestAfter  frontend.Variable `gnark:",public"`

	Create       frontend.Variable // 1: a creation proof, 0: k training steps
	Reject       frontend.Variable // with Create: an L1 message rejected
	ParamsHash   frontend.Variable // with Reject: the message's params hash
	TxBefore     frontend.Variable // the transaction digest before
	L1Before     frontend.Variable // the L1 queue hash before
	JobID        frontend.Variable
	Owner        frontend.Variable
	StepsDone    frontend.Variable
	Status       frontend.Variable
	DatasetRoot  frontend.Variable
	DatasetSize  frontend.Variable
	LearningRate frontend.Variable
	Seed         frontend.Variable
	InitWeights  frontend.Variable
	TotalSteps   frontend.Variable
	Order        frontend.Variable   // 0 given, 1 seeded
	StateProof   []frontend.Variable // state.Depth siblings
	Weights      []frontend.Variable // parameters before the first step
	Samples      [][]StepSample      // [step][batch]

	shape StepShape
}

// NewStepCircuit returns the circuit of a shape, ready to compile.
func NewStepCircuit(s StepShape) (*StepCircuit, error) {
	if err := s.Check(); err != nil {
		return nil, err
	}
	c := &StepCircuit{shape: s, StateProof: make([]frontend.Variable, state.Depth), Weights: make([]frontend.Variable, s.Model.NumParams())}
	c.Samples = make([][]StepSample, s.Steps)
	for i := range c.Samples {
		c.Samples[i] = make([]StepSample, s.Batch)
		for b := range c.Samples[i] {
			c.Samples[i][b] = StepSample{X: make([]frontend.Variable, s.Model.Inputs()), Siblings: make([]frontend.Variable, s.DatasetDepth)}
		}
	}
	return c, nil
}

// Define implements frontend.Circuit.
func (c *StepCircuit) Define(api frontend.API) error {
	s := c.shape
	a := NewArith(api)
	h, err := NewHasher(api)
	if err != nil {
		return err
	}
	spec, B, K := s.Model, s.Batch, s.Steps
	logB := bits.TrailingZeros(uint(B))

	// The job: leaf before in RootBefore, still training, K steps left; or,
	// creating it, an empty leaf before and at least one step to do.
	create, reject := c.Create, c.Reject
	api.AssertIsBoolean(create)
	api.AssertIsBoolean(reject)
	api.AssertIsEqual(api.Mul(reject, api.Sub(1, create)), 0) // reject => create
	api.AssertIsBoolean(c.Order)
	api.AssertIsEqual(c.Status, uint64(state.StatusTraining))
	a.Check(api.Sub(c.LearningRate, 1), 20) // eta in [1, 2^20]
	a.Check(c.DatasetSize, MaxDatasetBits)
	a.Check(api.Sub(c.TotalSteps, api.Select(create, 1, api.Add(c.StepsDone, K))), 64)
	idBits := api.ToBinary(c.JobID, state.Depth)
	l1Job := idBits[31]                                      // ids from 2^31 are the bridge's (spec/bridge.md#jobs)
	api.AssertIsEqual(api.Mul(reject, api.Sub(1, l1Job)), 0) // only L1 messages are rejected with a proof
	api.AssertIsEqual(h.Compress(c.TxBefore, c.L1Before), c.DigestBefore)
	paramsHash := api.Select(reject, c.ParamsHash, h.Hash(commit.TagParams, element(spec.Hash()), c.DatasetRoot, c.DatasetSize,
		c.LearningRate, B, c.Seed, c.InitWeights, c.TotalSteps, c.Order))
	for _, v := range c.Weights {
		a.CheckValue(v)
	}
	weightsBefore := h.Hash(append([]frontend.Variable{commit.TagWeights}, Pack(api, c.Weights)...)...)
	leafBefore := api.Select(create, 0, h.Hash(commit.TagJob, c.JobID, paramsHash, weightsBefore, c.StepsDone, c.Status, c.Owner))
	api.AssertIsEqual(h.RootFromPath(leafBefore, idBits, c.StateProof), c.RootBefore)

	// The steps.
	var pow, half logderivlookup.Table
	if spec.Loss == model.SoftmaxCE {
		pow, half = ExpTables(api)
	}
	w := c.Weights
	digest := c.TxBefore
	// A seeded job's indices are its order's: enforced for its steps, not
	// for the unused step of a creation.
	seeded := api.Mul(c.Order, api.Sub(1, create))
	orderKey := h.OrderKey(c.Seed)
	for k := range K {
		stepKey := h.Compress(orderKey, api.Add(c.StepsDone, k))
		covered := []frontend.Variable{commit.TagSteps, c.JobID}
		x := make([]frontend.Variable, 0, B*spec.Inputs())
		y := make([]frontend.Variable, B)
		for b, smp := range c.Samples[k] {
			for _, v := range smp.X {
				a.CheckValue(v)
			}
			a.Check(api.Sub(api.Sub(c.DatasetSize, 1), smp.Index), MaxDatasetBits) // index < N
			api.AssertIsEqual(api.Mul(seeded, api.Sub(a.SeededIndex(h, stepKey, b, c.DatasetSize), smp.Index)), 0)
			leaf := h.Hash(append([]frontend.Variable{commit.TagSample, smp.Y}, Pack(api, smp.X)...)...)
			var ib []frontend.Variable
			if s.DatasetDepth == 0 {
				api.AssertIsEqual(smp.Index, 0) // one sample: the leaf is the root
			} else {
				ib = api.ToBinary(smp.Index, s.DatasetDepth) // also bounds the index below 2^D
			}
			api.AssertIsEqual(h.RootFromPath(leaf, ib, smp.Siblings), c.DatasetRoot)
			x = append(x, smp.X...)
			y[b] = smp.Y
			covered = append(covered, smp.Index)
		}
		digest = h.Compress(digest, h.Hash(covered...))
		w = a.step(spec, logB, w, x, y, c.LearningRate, pow, half)
	}

	// The leaf after, under the same siblings.
	weightsAfter := h.Hash(append([]frontend.Variable{commit.TagWeights}, Pack(api, w)...)...)
	stepsAfter := api.Add(c.StepsDone, K)
	done := api.IsZero(api.Sub(c.TotalSteps, stepsAfter))
	statusAfter := api.Add(uint64(state.StatusTraining), done) // 2 = completed
	newLeaf := api.Select(reject, 0, h.Hash(commit.TagJob, c.JobID, paramsHash, c.InitWeights, 0, uint64(state.StatusTraining), c.Owner))
	leafAfter := api.Select(create, newLeaf,
		h.Hash(commit.TagJob, c.JobID, paramsHash, weightsAfter, stepsAfter, statusAfter, c.Owner))
	api.AssertIsEqual(h.RootFromPath(leafAfter, idBits, c.StateProof), c.RootAfter)
	// A creation extends the transaction digest (a rollup job) or the L1
	// queue hash (an L1 message, applied or rejected).
	item := h.Hash(commit.TagCreate, c.JobID, paramsHash, c.Owner)
	txCreated := api.Select(l1Job, c.TxBefore, h.Compress(c.TxBefore, item))
	l1Created := api.Select(l1Job, h.Compress(c.L1Before, item), c.L1Before)
	txAfter := api.Select(create, txCreated, digest)
	l1After := api.Select(create, l1Created, c.L1Before)
	api.AssertIsEqual(h.Compress(txAfter, l1After), c.DigestAfter)
	return nil
}

// step is one training step (spec/model.md#step) on flat weights w.
func (a *Arith) step(spec model.Spec, logB int, w, x, y []frontend.Variable, eta frontend.Variable, pow, half logderivlookup.Table) []frontend.Variable {
	L, B, C := spec.Layers(), len(y), spec.Classes()
	wl := func(l int) []frontend.Variable {
		off := spec.LayerOffset(l)
		return w[off : off+spec.Widths[l]*spec.Widths[l-1]]
	}
	bl := func(l int) []frontend.Variable {
		off := spec.LayerOffset(l) + spec.Widths[l]*spec.Widths[l-1]
		return w[off : off+spec.Widths[l]]
	}
	acts := [][]frontend.Variable{x}
	derivs := make([][]frontend.Variable, L)
	var logits []frontend.Variable
	for l := 1; l <= L; l++ {
		z := a.Dense(acts[l-1], wl(l), bl(l), B, spec.Widths[l-1], spec.Widths[l])
		if l == L {
			logits = z
			break
		}
		act, d := a.ReLULayer(z)
		acts = append(acts, act)
		derivs[l-1] = d
	}
	delta := make([]frontend.Variable, 0, B*C)
	for b := range B {
		o := logits[b*C : (b+1)*C]
		onehot := a.OneHot(y[b], C)
		var p []frontend.Variable
		if spec.Loss == model.SoftmaxCE {
			p = a.Softmax(o, pow, half)
		}
		delta = append(delta, a.LossGrad(o, p, onehot, spec.Loss == model.SoftmaxCE)...)
	}
	gws, gbs := make([][]frontend.Variable, L+1), make([][]frontend.Variable, L+1)
	for l := L; l >= 1; l-- {
		in, out := spec.Widths[l-1], spec.Widths[l]
		gws[l], gbs[l] = a.WeightGrad(delta, acts[l-1], B, in, out)
		if l > 1 {
			e := a.BackError(delta, wl(l), B, in, out)
			delta = a.ReLUGrad(e, derivs[l-2])
		}
	}
	next := make([]frontend.Variable, 0, len(w))
	gwBound := accBound(B, new(big.Int))                                  // |sum_b delta*a| <= B * 2^46
	gbBound := new(big.Int).Lsh(big.NewInt(int64(B)), uint(fixed.Bits-1)) // |sum_b delta| <= B * 2^23
	for l := 1; l <= L; l++ {
		next = append(next, a.Update(wl(l), gws[l], eta, 2*fixed.Frac+logB, gwBound)...)
		next = append(next, a.Update(bl(l), gbs[l], eta, fixed.Frac+logB, gbBound)...)
	}
	return next
}

func element(e commit.Element) *big.Int { return e.BigInt(new(big.Int)) }

// NewStepAssignment fills the circuit of shape s from the witnesses of k
// consecutive steps of one job, as the executor produced them, or from the
// one witness of a job's creation or of a rejected L1 message, extending
// the digests before.
func NewStepAssignment(s StepShape, before chain.Digests, wits []*executor.StepWitness) (*StepCircuit, error) {
	if len(wits) == 0 {
		return nil, fmt.Errorf("no witnesses for a %d-step circuit", s.Steps)
	}
	created := len(wits) == 1 && wits[0].Created
	if len(wits) != s.Steps && !created {
		return nil, fmt.Errorf("%d witnesses for a %d-step circuit", len(wits), s.Steps)
	}
	c, err := NewStepCircuit(s)
	if err != nil {
		return nil, err
	}
	first, last := wits[0], wits[len(wits)-1]
	c.Create, c.Reject, c.ParamsHash = 0, 0, 0
	switch {
	case first.Rejected:
		c.Create, c.Reject, c.ParamsHash = 1, 1, element(first.ParamsHash)
		fillRejected(c, s, first)
	default:
		j := first.JobBefore
		if created {
			// The new job's fields; its unused training step runs every
			// one of the k sample slots on the creation's samples.
			j, c.Create = first.JobAfter, 1
			wits = slices.Repeat(wits, s.Steps)
		}
		if err := fillJob(c, s, j, wits); err != nil {
			return nil, err
		}
	}
	c.RootBefore, c.RootAfter = element(first.RootBefore), element(last.RootAfter)
	for i, e := range first.StateProof {
		c.StateProof[i] = element(e)
	}
	c.TxBefore, c.L1Before = element(before.Tx), element(before.L1)
	c.DigestBefore = element(before.Proof())
	after := DigestsAfter(before, wits)
	c.DigestAfter = element(after.Proof())
	return c, nil
}

// fillJob assigns job j's fields, its weights before and the samples of
// wits, one witness per step slot.
func fillJob(c *StepCircuit, s StepShape, j state.Job, wits []*executor.StepWitness) error {
	if j.Params.Model.String() != s.Model.String() || int(j.Params.Batch) != s.Batch || dataset.Depth(int(j.Params.DatasetSize)) != s.DatasetDepth {
		return fmt.Errorf("job %d (%s, batch %d, %d samples) does not fit circuit %s", j.ID, j.Params.Model, j.Params.Batch, j.Params.DatasetSize, s)
	}
	created := wits[0].Created
	for i := 1; i < len(wits) && !created; i++ {
		if wits[i].Created || wits[i].Step.Job != j.ID || !wits[i].RootBefore.Equal(&wits[i-1].RootAfter) {
			return fmt.Errorf("witness %d does not continue witness %d of job %d", i, i-1, j.ID)
		}
	}
	c.JobID, c.Owner, c.StepsDone, c.Status = uint64(j.ID), element(commit.FromAddress(j.Owner)), j.StepsDone, uint64(j.Status)
	p := j.Params
	c.DatasetRoot, c.DatasetSize, c.LearningRate, c.Seed = element(p.DatasetRoot), p.DatasetSize, p.LearningRate, p.Seed
	c.InitWeights, c.TotalSteps, c.Order = element(p.InitWeights), p.Steps, uint64(p.Order)
	for i, v := range wits[0].WeightsBefore {
		c.Weights[i] = v
	}
	F := s.Model.Inputs()
	for k, w := range wits {
		for b := range c.Samples[k] {
			smp := &c.Samples[k][b]
			smp.Index, smp.Y = w.Step.Indices[b], w.Y[b]
			for i := range smp.X {
				smp.X[i] = w.X[b*F+i]
			}
			for i, e := range w.SamplePaths[b] {
				smp.Siblings[i] = element(e)
			}
		}
	}
	return nil
}

// fillRejected assigns a rejected L1 message: its id and owner, and for the
// unused training step zero weights and a one-sample dataset of zeros
// (whose root is the zero sample's leaf hashed up D levels of zero
// siblings), which every shape accepts.
func fillRejected(c *StepCircuit, s StepShape, w *executor.StepWitness) {
	c.JobID, c.Owner, c.StepsDone, c.Status = uint64(w.Step.Job), element(commit.FromAddress(w.JobAfter.Owner)), 0, uint64(state.StatusTraining)
	F := s.Model.Inputs()
	root := dataset.RootFromPath(dataset.Leaf(make([]int32, F), 0), 0, make([]commit.Element, s.DatasetDepth))
	c.DatasetRoot, c.DatasetSize, c.LearningRate, c.Seed = element(root), 1, 1, 0
	c.InitWeights, c.TotalSteps, c.Order = 0, 1, 0
	for i := range c.Weights {
		c.Weights[i] = 0
	}
	for k := range c.Samples {
		for b := range c.Samples[k] {
			smp := &c.Samples[k][b]
			smp.Index, smp.Y = 0, 0
			for i := range smp.X {
				smp.X[i] = 0
			}
			for i := range smp.Siblings {
				smp.Siblings[i] = 0
			}
		}
	}
}

// DigestsAfter are the digests after the proof wits, from d
// (spec/proofs.md#step): the transaction digest advanced over each step as
// a block's is (chain.StepDigest) or over a rollup job's creation
// (chain.CreateDigest), the L1 queue hash over an L1 message, applied or
// rejected.
func DigestsAfter(d chain.Digests, wits []*executor.StepWitness) chain.Digests {
	if w := wits[0]; w.Created {
		ph := w.ParamsHash
		if !w.Rejected {
			ph = w.JobAfter.Params.Hash()
		}
		if w.Step.Job > chain.MaxL2JobID {
			d.L1 = chain.CreateDigest(d.L1, w.Step.Job, ph, w.JobAfter.Owner)
		} else {
			d.Tx = chain.CreateDigest(d.Tx, w.Step.Job, ph, w.JobAfter.Owner)
		}
		return d
	}
	for _, w := range wits {
		d.Tx = chain.StepDigest(d.Tx, w.Step.Job, w.Step.Indices)
	}
	return d
}

// MACLowerBound is the cost floor a step circuit of shape s is measured
// against: per step, 3 multiply-accumulates per weight per sample (forward,
// weight gradient, back-propagated error) plus one range check per
// truncation (every forward output, every back-propagated error, every
// parameter update).
func MACLowerBound(s StepShape) int64 {
	var weights, outs, errs int64
	for l := 1; l <= s.Model.Layers(); l++ {
		weights += int64(s.Model.Widths[l] * s.Model.Widths[l-1])
		outs += int64(s.Model.Widths[l])
		if l > 1 {
			errs += int64(s.Model.Widths[l-1])
		}
	}
	B := int64(s.Batch)
	return int64(s.Steps) * (3*weights*B + B*outs + B*errs + int64(s.Model.NumParams()))
}

// CompressConstraints is the cost of one Poseidon2 compression in gnark
// v0.16.1 on BLS12-377 (38 S-boxes of 5 constraints).
const CompressConstraints = 190

// WeightHashConstraints is the cost of hashing the weights in a step
// circuit of shape s: the tag and the packed parameters, before and after.
func WeightHashConstraints(s StepShape) int {
	return 2 * (1 + commit.PackedLen(s.Model.NumParams())) * CompressConstraints
}
