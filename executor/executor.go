package executor

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/state"
)

// Config configures an Executor.
type Config struct {
	// Workers bounds the goroutines of one CPU step; 0 means GOMAXPROCS.
	// The result never depends on it.
	Workers int
	// Backend runs the training steps; nil means CPU{Workers}. The result
	// never depends on it either.
	Backend Backend
}

// Executor applies jobs' creation and training steps to a state store
// (spec/state.md#transitions). Calls are serialised: an Executor is safe for
// concurrent use but runs one transition at a time, in call order.
type Executor struct {
	cfg      Config
	store    store
	mu       *sync.Mutex // shared with the executors In returns
	datasets map[commit.Element]*registered
	steppers *steppers
	// weights holds the weights this executor last wrote for each job, keyed
	// by job id with their commitment, so that a step does not read and
	// re-hash what the previous step of the job produced. An entry is
	// dropped before its weights are changed and put back only after the
	// store accepted the step.
	weights map[state.JobID]cachedWeights
	// params holds each job's params hash: a job's parameters never change,
	// and its leaf is hashed twice a step.
	params map[state.JobID]commit.Element
}

type cachedWeights struct {
	commitment commit.Element
	w          *model.Weights
}

type registered struct {
	data *dataset.Dataset
	tree *dataset.Tree
}

type netKey struct {
	spec  string
	batch int
	eta   int64
}

// stepper is the Stepper of one netKey and what it holds: the weights of
// job at commitment, or nothing (held false) after a failure or before the
// first step. A job's next step skips the upload of weights the stepper
// already holds.
type stepper struct {
	Stepper
	held       bool
	job        state.JobID
	commitment commit.Element
	used       uint64 // when it last ran a step, on steppers.clock
}

// maxSteppers bounds the steppers an executor keeps, each with its buffers
// (on a GPU, device memory): when another shape needs one, the least
// recently used is closed.
const maxSteppers = 8

// steppers are an executor's steppers by shape, shared with the executors
// In returns.
type steppers struct {
	m     map[netKey]*stepper
	clock uint64
}

// store is the state an executor reads and writes: a *state.Store, where
// every transition is one synced write, or a *state.Batch, where many are.
type store interface {
	Job(id state.JobID) (*state.Job, error)
	Weights(j *state.Job) (*model.Weights, error)
	Root() (commit.Element, error)
	Proof(id state.JobID) ([]commit.Element, error)
	Put(j *state.Job, w *model.Weights) (commit.Element, error)
	PutLeaf(j *state.Job, w *model.Weights, leaf commit.Element) (commit.Element, error)
}

// New returns an executor over store.
func New(store *state.Store, cfg Config) *Executor {
	if cfg.Backend == nil {
		cfg.Backend = CPU{Workers: cfg.Workers}
	}
	return &Executor{cfg: cfg, store: store, mu: new(sync.Mutex), datasets: map[commit.Element]*registered{}, steppers: &steppers{m: map[netKey]*stepper{}}, weights: map[state.JobID]cachedWeights{},
		params: map[state.JobID]commit.Element{}}
}

// Close releases the steppers (a GPU backend's device memory). The store
// is the caller's to close.
func (e *Executor) Close() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	var errs []error
	for k, s := range e.steppers.m {
		errs = append(errs, s.Close())
		delete(e.steppers.m, k)
	}
	return errors.Join(errs...)
}

// In returns an executor that applies transitions to batch b instead of
// the store, so that a block's transitions commit in one synced write
// (b.Commit). It shares e's datasets, networks and weights cache, and its
// calls are serialised with e's. Its cache entries stay correct if b is
// discarded: an entry is used only for a job whose commitment equals it.
func (e *Executor) In(b *state.Batch) *Executor {
	c := *e
	c.store = b
	return &c
}

// AddDataset makes d's samples available to steps of jobs whose dataset root
// is d's root, and returns its tree. Datasets live in memory only: after a
// restart the caller adds them again before applying steps (steps of a job
// whose dataset is missing fail with ErrNoDataset and change nothing).
func (e *Executor) AddDataset(d *dataset.Dataset) (*dataset.Tree, error) {
	t, err := dataset.NewTree(d)
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	// A root commits to leaves, not to the sample width (spec/dataset.md#tree):
	// two datasets of different shapes must not share one.
	if old, ok := e.datasets[t.Root()]; ok && (old.data.Features != d.Features || old.data.Len() != d.Len()) {
		return nil, fmt.Errorf("%w: %s has the root of %s with another shape", ErrDataset, d.Name, old.data.Name)
	}
	e.datasets[t.Root()] = &registered{data: d, tree: t}
	return t, nil
}

// HasDataset reports whether the samples of the dataset with root were
// added (AddDataset).
func (e *Executor) HasDataset(root commit.Element) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	_, ok := e.datasets[root]
	return ok
}

// CheckParams reports whether p describes a job that can run: CheckShape,
// and a known dataset (AddDataset) that fits (CheckFit).
func (e *Executor) CheckParams(p state.Params) error {
	if err := CheckShape(p); err != nil {
		return err
	}
	e.mu.Lock()
	reg, ok := e.datasets[p.DatasetRoot]
	e.mu.Unlock()
	if !ok {
		return fmt.Errorf("%w: no dataset with root %s", ErrNoDataset, commit.Hex(p.DatasetRoot))
	}
	return CheckFit(p, uint64(reg.data.Len()), reg.data.Features, reg.data.Classes)
}

// CheckShape reports whether p is valid apart from its dataset: a valid
// model and hyperparameters, at least one step, and the initial weights
// commitment of model.Init(p.Model, p.Seed).
func CheckShape(p state.Params) error {
	if err := p.Model.Check(); err != nil {
		return err
	}
	if err := CheckHyper(int(p.Batch), p.LearningRate); err != nil {
		return err
	}
	if p.Steps < 1 {
		return fmt.Errorf("%w: a job needs at least one step", ErrHyper)
	}
	if p.Order != state.OrderGiven && p.Order != state.OrderSeeded {
		return fmt.Errorf("%w: %s, want seeded or given", ErrHyper, p.Order)
	}
	w, err := model.Init(p.Model, p.Seed)
	if err != nil {
		return err
	}
	if c := w.Commitment(); !c.Equal(&p.InitWeights) {
		return fmt.Errorf("%w: initial weights commitment %s is not that of seed %d (%s)", ErrHyper, commit.Hex(p.InitWeights), p.Seed, commit.Hex(c))
	}
	return nil
}

// CheckFit reports whether a dataset of samples samples, each of features
// values with labels below classes, fits p: p's size, the model's input
// width and at most its class count (spec/state.md#transitions).
func CheckFit(p state.Params, samples uint64, features, classes int) error {
	if samples != p.DatasetSize {
		return fmt.Errorf("%w: the dataset has %d samples, the job says %d", ErrDataset, samples, p.DatasetSize)
	}
	if features != p.Model.Inputs() || classes > p.Model.Classes() {
		return fmt.Errorf("%w: the dataset (%d features, %d classes) does not fit model %s", ErrDataset, features, classes, p.Model)
	}
	return nil
}

// CreateJob adds job id with parameters p and its initial weights, and
// returns the creation's witness (spec/proofs.md#step, creation): the empty
// leaf before, the new leaf, both roots and the siblings, the initial
// weights, and the first Batch samples of the dataset (indices i mod
// DatasetSize) with their paths, which a creation proof runs its unused
// training step on.
func (e *Executor) CreateJob(id state.JobID, owner [20]byte, p state.Params) (*StepWitness, error) {
	if id > state.MaxJobID {
		return nil, fmt.Errorf("%w: id %d above %d", state.ErrInvalidJob, id, state.MaxJobID)
	}
	if err := e.CheckParams(p); err != nil {
		return nil, fmt.Errorf("create job %d: %w", id, err)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, err := e.store.Job(id); err == nil {
		return nil, fmt.Errorf("create job %d: %w", id, ErrJobExists)
	} else if !errors.Is(err, state.ErrNotFound) {
		return nil, fmt.Errorf("create job %d: %w", id, err)
	}
	reg, ok := e.datasets[p.DatasetRoot]
	if !ok { // CheckParams saw it; datasets are never removed
		return nil, fmt.Errorf("create job %d: %w: no dataset with root %s", id, ErrNoDataset, commit.Hex(p.DatasetRoot))
	}
	w, _ := model.Init(p.Model, p.Seed) // checked by CheckParams
	j := &state.Job{ID: id, Params: p, Owner: owner, Weights: p.InitWeights, Status: state.StatusTraining}
	wit := &StepWitness{Created: true, Step: Step{Job: id, Indices: make([]uint64, p.Batch)}, JobBefore: state.Job{ID: id}, JobAfter: *j,
		WeightsBefore: slices.Clone(w.Flat), WeightsAfter: slices.Clone(w.Flat)}
	for b := range wit.Step.Indices {
		i := uint64(b) % p.DatasetSize
		x, y := reg.data.Sample(int(i))
		path, err := reg.tree.Proof(int(i))
		if err != nil {
			return nil, err
		}
		wit.Step.Indices[b] = i
		wit.X = append(wit.X, x...)
		wit.Y = append(wit.Y, y)
		wit.SamplePaths = append(wit.SamplePaths, path)
	}
	var err error
	if wit.StateProof, err = e.store.Proof(id); err != nil {
		return nil, err
	}
	wit.RootBefore = state.RootFromProof(id, commit.Element{}, wit.StateProof)
	wit.LeafAfter = j.Leaf()
	if wit.RootAfter, err = e.store.PutLeaf(j, w, wit.LeafAfter); err != nil {
		return nil, err
	}
	return wit, nil
}

// RejectL1 returns the witness of an L1 message creating job id for owner
// with params hash ph that the rollup rejected: nothing changes, and a
// proof of it only moves the L1 queue hash on (spec/proofs.md#step).
func (e *Executor) RejectL1(id state.JobID, owner [20]byte, ph commit.Element) (*StepWitness, error) {
	if id > state.MaxJobID {
		return nil, fmt.Errorf("%w: id %d above %d", state.ErrInvalidJob, id, state.MaxJobID)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, err := e.store.Job(id); err == nil {
		return nil, fmt.Errorf("reject L1 job %d: %w", id, ErrJobExists)
	} else if !errors.Is(err, state.ErrNotFound) {
		return nil, fmt.Errorf("reject L1 job %d: %w", id, err)
	}
	proof, err := e.store.Proof(id)
	if err != nil {
		return nil, err
	}
	root := state.RootFromProof(id, commit.Element{}, proof)
	return &StepWitness{Created: true, Rejected: true, ParamsHash: ph, Step: Step{Job: id}, JobBefore: state.Job{ID: id},
		JobAfter: state.Job{ID: id, Owner: owner}, RootBefore: root, RootAfter: root, StateProof: proof}, nil
}

// Step is one training step of a job: the samples of the batch, by index
// into the job's dataset, in order.
type Step struct {
	Job     state.JobID
	Indices []uint64
}

// StepWitness is everything the step circuit needs to prove one step
// (spec/state.md#transitions): the state before and after, the weights before
// and after, the samples with their Merkle paths, and the full arithmetic
// trace with every rounding remainder. A creation's witness (Created) has
// the empty job before (only its id set), no trace, and samples a
// creation proof computes an unused step on (spec/proofs.md#step).
type StepWitness struct {
	Created bool
	// Rejected marks the witness of an L1 message the rollup rejected
	// (spec/proofs.md#step): Created is set too, the state is unchanged,
	// and only the job id, the owner (JobAfter), ParamsHash, the root and
	// the siblings of the empty leaf are filled.
	Rejected   bool
	ParamsHash commit.Element // Rejected: the message's params hash
	Step       Step
	JobBefore  state.Job
	JobAfter   state.Job
	LeafBefore commit.Element
	LeafAfter  commit.Element
	RootBefore commit.Element
	RootAfter  commit.Element
	// StateProof holds the siblings of the job's leaf from the leaf level
	// up; they are the same before and after, as only this leaf changes.
	StateProof    []commit.Element
	WeightsBefore []int32
	WeightsAfter  []int32
	X             []int32            // the batch, sample-major
	Y             []uint32           // labels
	SamplePaths   [][]commit.Element // dataset Merkle path of each sample
	Trace         *Trace
}

// ApplyStep applies one training step to the state and returns its witness.
// On error the state is unchanged.
func (e *Executor) ApplyStep(s Step) (*StepWitness, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	wit, err := e.applyStep(s)
	if err != nil {
		return nil, fmt.Errorf("step of job %d: %w", s.Job, err)
	}
	return wit, nil
}

func (e *Executor) applyStep(s Step) (*StepWitness, error) {
	j, err := e.store.Job(s.Job)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrUnknownJob, err)
	}
	if j.Status != state.StatusTraining {
		return nil, fmt.Errorf("%w: %d of %d steps done", ErrJobDone, j.StepsDone, j.Params.Steps)
	}
	p := j.Params
	if len(s.Indices) != int(p.Batch) {
		return nil, fmt.Errorf("%w: %d sample indices, the job's batch is %d", ErrBatch, len(s.Indices), p.Batch)
	}
	reg, ok := e.datasets[p.DatasetRoot]
	if !ok {
		return nil, fmt.Errorf("%w: no dataset with root %s", ErrNoDataset, commit.Hex(p.DatasetRoot))
	}
	if p.Order == state.OrderSeeded {
		want := dataset.NewOrder(p.Seed, p.DatasetSize).Step(j.StepsDone, int(p.Batch))
		if !slices.Equal(s.Indices, want) {
			return nil, fmt.Errorf("%w: step %d of a seeded job must take indices %v (spec/dataset.md#order), not %v", ErrOrder, j.StepsDone, want, s.Indices)
		}
	}
	wit := &StepWitness{Step: Step{Job: s.Job, Indices: append([]uint64(nil), s.Indices...)}, JobBefore: *j}
	F := reg.data.Features
	wit.X = make([]int32, 0, len(s.Indices)*F)
	for _, i := range s.Indices {
		if i >= p.DatasetSize {
			return nil, fmt.Errorf("%w: %d, dataset has %d samples", dataset.ErrIndex, i, p.DatasetSize)
		}
		x, y := reg.data.Sample(int(i))
		path, err := reg.tree.Proof(int(i))
		if err != nil {
			return nil, err
		}
		wit.X = append(wit.X, x...)
		wit.Y = append(wit.Y, y)
		wit.SamplePaths = append(wit.SamplePaths, path)
	}
	w, err := e.jobWeights(j)
	if err != nil {
		return nil, err
	}
	delete(e.weights, j.ID) // w changes in place below
	wit.WeightsBefore = slices.Clone(w.Flat)
	if wit.RootBefore, err = e.store.Root(); err != nil {
		return nil, err
	}
	if wit.StateProof, err = e.store.Proof(j.ID); err != nil {
		return nil, err
	}
	ph, ok := e.params[j.ID]
	if !ok {
		ph = p.Hash()
		e.params[j.ID] = ph
	}
	wit.LeafBefore = j.LeafWith(ph)
	st, err := e.stepper(p)
	if err != nil {
		return nil, err
	}
	// Until the state takes the step, the stepper holds weights the state
	// does not: it must be loaded again for the next step of any job.
	resident := st.held && st.job == j.ID && st.commitment.Equal(&j.Weights)
	st.held = false
	if !resident {
		if err := st.Load(w); err != nil {
			return nil, err
		}
	}
	if err := st.Step(wit.X, wit.Y); err != nil {
		return nil, err
	}
	if err := st.Store(w); err != nil {
		return nil, err
	}
	if wit.Trace, err = st.Trace(); err != nil {
		return nil, err
	}
	wit.WeightsAfter = slices.Clone(w.Flat)
	after := *j
	after.Weights = w.Commitment()
	after.StepsDone++
	if after.StepsDone == p.Steps {
		after.Status = state.StatusCompleted
	}
	wit.LeafAfter = after.LeafWith(ph)
	if wit.RootAfter, err = e.store.PutLeaf(&after, w, wit.LeafAfter); err != nil {
		return nil, err
	}
	st.held, st.job, st.commitment = true, j.ID, after.Weights
	e.weights[j.ID] = cachedWeights{commitment: after.Weights, w: w}
	wit.JobAfter = after
	return wit, nil
}

// jobWeights returns job j's current weights: those this executor wrote
// last when their commitment is the job's, else from the store (which checks
// them against the commitment).
func (e *Executor) jobWeights(j *state.Job) (*model.Weights, error) {
	if c, ok := e.weights[j.ID]; ok && c.commitment.Equal(&j.Weights) {
		return c.w, nil
	}
	return e.store.Weights(j)
}

// stepper returns the stepper of p's shape, making it if needed: after
// closing the least recently used one when maxSteppers are open, and, if
// the backend cannot make it (a GPU out of memory), once more after closing
// all the others.
func (e *Executor) stepper(p state.Params) (*stepper, error) {
	c := e.steppers
	c.clock++
	k := netKey{spec: p.Model.String(), batch: int(p.Batch), eta: p.LearningRate}
	if s, ok := c.m[k]; ok {
		s.used = c.clock
		return s, nil
	}
	if len(c.m) >= maxSteppers {
		c.evict(1)
	}
	st, err := e.cfg.Backend.NewStepper(p.Model, int(p.Batch), p.LearningRate)
	if err != nil && len(c.m) > 0 && !errors.Is(err, ErrHyper) && !errors.Is(err, model.ErrInvalidSpec) {
		c.evict(len(c.m))
		st, err = e.cfg.Backend.NewStepper(p.Model, int(p.Batch), p.LearningRate)
	}
	if err != nil {
		return nil, err
	}
	s := &stepper{Stepper: st, used: c.clock}
	c.m[k] = s
	return s, nil
}

// evict closes the n least recently used steppers. A stepper that fails to
// close is dropped all the same: a later step makes a new one.
func (c *steppers) evict(n int) {
	for range n {
		var oldest netKey
		var found *stepper
		for k, s := range c.m {
			if found == nil || s.used < found.used {
				oldest, found = k, s
			}
		}
		if found == nil {
			return
		}
		_ = found.Close()
		delete(c.m, oldest)
	}
}

// Root returns the current state root.
func (e *Executor) Root() (commit.Element, error) { return e.store.Root() }

// Check verifies the witness on its own, without the store: the samples are
// in the dataset root, the leaf before is in the root before, re-running the
// step on WeightsBefore gives WeightsAfter and the same trace, and the leaf
// and root after follow. A witness that passes Check is what the step
// circuit must accept.
func (w *StepWitness) Check() error {
	p := w.JobBefore.Params
	if err := p.Model.Check(); err != nil {
		return err
	}
	if err := CheckHyper(int(p.Batch), p.LearningRate); err != nil {
		return err
	}
	if w.JobBefore.Status != state.StatusTraining || w.JobBefore.StepsDone >= p.Steps {
		return fmt.Errorf("%w: job before has status %v and %d of %d steps", ErrJobDone, w.JobBefore.Status, w.JobBefore.StepsDone, p.Steps)
	}
	B, F, depth := int(p.Batch), p.Model.Inputs(), dataset.Depth(int(min(p.DatasetSize, dataset.MaxSamples)))
	switch {
	case len(w.Step.Indices) != B || len(w.Y) != B || len(w.X) != B*F || len(w.SamplePaths) != B:
		return fmt.Errorf("%w: witness batch does not have %d samples of %d values", ErrBatch, B, F)
	case len(w.StateProof) != state.Depth:
		return fmt.Errorf("%d state siblings, want %d", len(w.StateProof), state.Depth)
	case len(w.WeightsBefore) != p.Model.NumParams() || len(w.WeightsAfter) != p.Model.NumParams():
		return fmt.Errorf("%w: weights of the wrong length for %s", model.ErrInvalidSpec, p.Model)
	}
	for b, i := range w.Step.Indices {
		if i >= p.DatasetSize {
			return fmt.Errorf("%w: sample %d has index %d, dataset has %d", dataset.ErrIndex, b, i, p.DatasetSize)
		}
		if len(w.SamplePaths[b]) != depth {
			return fmt.Errorf("sample %d: %d siblings, dataset depth is %d", b, len(w.SamplePaths[b]), depth)
		}
		leaf := dataset.Leaf(w.X[b*F:(b+1)*F], w.Y[b])
		if !dataset.Verify(p.DatasetRoot, leaf, i, w.SamplePaths[b]) {
			return fmt.Errorf("sample %d (index %d) is not in the dataset", b, i)
		}
	}
	if l := w.JobBefore.Leaf(); !l.Equal(&w.LeafBefore) {
		return fmt.Errorf("leaf before does not hash from the job")
	}
	if r := state.RootFromProof(w.Step.Job, w.LeafBefore, w.StateProof); !r.Equal(&w.RootBefore) {
		return fmt.Errorf("leaf before is not in the root before")
	}
	wb, err := model.FromFlat(p.Model, append([]int32(nil), w.WeightsBefore...))
	if err != nil {
		return err
	}
	if c := wb.Commitment(); !c.Equal(&w.JobBefore.Weights) {
		return fmt.Errorf("weights before do not match the leaf's commitment")
	}
	n, err := NewNet(p.Model, int(p.Batch), p.LearningRate, 1)
	if err != nil {
		return err
	}
	if err := n.Step(wb, w.X, w.Y); err != nil {
		return err
	}
	for i := range wb.Flat {
		if wb.Flat[i] != w.WeightsAfter[i] {
			return fmt.Errorf("weight %d after: %d, re-execution gives %d", i, w.WeightsAfter[i], wb.Flat[i])
		}
	}
	if !reflect.DeepEqual(n.Trace(), w.Trace) {
		return fmt.Errorf("the trace differs from re-execution")
	}
	if c := wb.Commitment(); !c.Equal(&w.JobAfter.Weights) {
		return fmt.Errorf("weights after do not match the new leaf's commitment")
	}
	want := w.JobBefore
	want.Weights, want.StepsDone = w.JobAfter.Weights, w.JobBefore.StepsDone+1
	if want.StepsDone == p.Steps {
		want.Status = state.StatusCompleted
	}
	l := want.Leaf()
	if la := w.JobAfter.Leaf(); !la.Equal(&l) {
		return fmt.Errorf("job after is not the job before with one more step")
	}
	if !l.Equal(&w.LeafAfter) {
		return fmt.Errorf("leaf after is not the updated job")
	}
	if r := state.RootFromProof(w.Step.Job, w.LeafAfter, w.StateProof); !r.Equal(&w.RootAfter) {
		return fmt.Errorf("root after does not follow from the new leaf")
	}
	return nil
}
