// Package testjob runs small training jobs in a real executor on an
// in-memory store, for tests that need genuine step witnesses (circuits,
// prover), and signs jobs' transactions for tests that send them to nodes.
package testjob

import (
	"crypto/ecdsa"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/state"
)

// JobID is the id of the job whose steps are returned.
const JobID = 5

// Iris returns the Iris training split (120 samples) from testdata/.
func Iris(t testing.TB) *dataset.Dataset {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	d, err := dataset.LoadCSV(filepath.Join(filepath.Dir(file), "..", "..", "testdata", "iris.csv"))
	if err != nil {
		t.Fatal(err)
	}
	train, _ := d.Split(5)
	return train
}

// Steps creates job JobID (model specText, the given batch, lr 0.05,
// k+1 total steps) on d beside another job, applies k steps in the seeded
// sample order and returns their witnesses with the matching circuit shape
// parameters: the dataset tree depth.
func Steps(t testing.TB, specText string, d *dataset.Dataset, batch, k int, seed uint64) (depth int, wits []*executor.StepWitness) {
	t.Helper()
	r := Train(t, Config{Spec: specText, Data: d, Batch: batch, Steps: k, Total: uint64(k + 1), Seed: seed, ID: JobID, Owner: [20]byte{0xde, 0xad, 19: 0xef}})
	return r.Depth, r.Wits
}

// Config is a job for Train.
type Config struct {
	Spec  string // model, text form
	Data  *dataset.Dataset
	Batch int
	Steps int    // steps to apply
	Total uint64 // the job's total steps (>= Steps)
	Seed  uint64
	ID    state.JobID
	Owner [20]byte
	Order state.Order
	// Indices, when set, gives step t's indices instead of the protocol's
	// order (a given job only).
	Indices func(t uint64) []uint64
}

// Run is a trained job: its state (the store keeps the job, the other
// job beside it and the tree), the dataset tree depth, the state root
// after creation and every step's witness.
type Run struct {
	Store       *state.Store
	Job         state.JobID
	Params      state.Params
	Depth       int
	GenesisRoot commit.Element
	GenesisJob  *state.Job            // the job after creation
	GenesisPath []commit.Element      // its siblings then
	Created     *executor.StepWitness // the job's creation, the last change before GenesisRoot
	Wits        []*executor.StepWitness
}

// Env is an executor on an in-memory state store (closed at the test's
// end) with one dataset added.
type Env struct {
	Store *state.Store
	Exec  *executor.Executor
	Data  *dataset.Dataset
	Tree  *dataset.Tree
}

// NewEnv returns an Env holding dataset d.
func NewEnv(t testing.TB, d *dataset.Dataset) *Env {
	t.Helper()
	st, err := state.Open("")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ex := executor.New(st, executor.Config{})
	tree, err := ex.AddDataset(d)
	if err != nil {
		t.Fatal(err)
	}
	return &Env{Store: st, Exec: ex, Data: d, Tree: tree}
}

// Params are valid parameters of a job on the Env's dataset: model spec,
// batch, learning rate (Q16), seed (the initial weights are Init's) and
// total steps.
func (e *Env) Params(t testing.TB, spec model.Spec, batch int, lr int64, seed, steps uint64) state.Params {
	t.Helper()
	w, err := model.Init(spec, seed)
	if err != nil {
		t.Fatal(err)
	}
	return state.Params{Model: spec, DatasetRoot: e.Tree.Root(), DatasetSize: uint64(e.Data.Len()), LearningRate: lr,
		Batch: uint32(batch), Seed: seed, InitWeights: w.Commitment(), Steps: steps}
}

// TrainSeeded creates job id owned by owner with parameters p in the Env's
// executor and applies all its steps in the protocol's sample order
// (dataset.Order), as a seeded job trains on the rollup; it returns the
// job after them.
func (e *Env) TrainSeeded(t testing.TB, id state.JobID, owner [20]byte, p state.Params) *state.Job {
	t.Helper()
	if _, err := e.Exec.CreateJob(id, owner, p); err != nil {
		t.Fatal(err)
	}
	order := dataset.NewOrder(p.Seed, p.DatasetSize)
	for k := range p.Steps {
		if _, err := e.Exec.ApplyStep(executor.Step{Job: id, Indices: order.Step(k, int(p.Batch))}); err != nil {
			t.Fatal(err)
		}
	}
	j, err := e.Store.Job(id)
	if err != nil {
		t.Fatal(err)
	}
	return j
}

// Train creates job cfg.ID on cfg.Data after another job (id 1000, so
// that the state tree is not a single leaf) and applies cfg.Steps steps
// in the protocol's sample order (dataset.Order).
func Train(t testing.TB, cfg Config) *Run {
	t.Helper()
	env := NewEnv(t, cfg.Data)
	st, ex, tree := env.Store, env.Exec, env.Tree
	spec, err := model.Parse(cfg.Spec)
	if err != nil {
		t.Fatal(err)
	}
	p := env.Params(t, spec, cfg.Batch, 3277, cfg.Seed, cfg.Total)
	p.Order = cfg.Order
	if _, err := ex.CreateJob(1000, [20]byte{1}, p); err != nil {
		t.Fatal(err)
	}
	created, err := ex.CreateJob(cfg.ID, cfg.Owner, p)
	if err != nil {
		t.Fatal(err)
	}
	root, err := st.Root()
	if err != nil {
		t.Fatal(err)
	}
	j, err := st.Job(cfg.ID)
	if err != nil {
		t.Fatal(err)
	}
	sib, err := st.Proof(cfg.ID)
	if err != nil {
		t.Fatal(err)
	}
	r := &Run{Store: st, Job: cfg.ID, Params: p, Depth: tree.Depth(), GenesisRoot: root, GenesisJob: j, GenesisPath: sib, Created: created}
	order := dataset.NewOrder(cfg.Seed, uint64(cfg.Data.Len()))
	for k := range uint64(cfg.Steps) {
		idx := order.Step(k, cfg.Batch)
		if cfg.Indices != nil {
			idx = cfg.Indices(k)
		}
		wit, err := ex.ApplyStep(executor.Step{Job: cfg.ID, Indices: idx})
		if err != nil {
			t.Fatal(err)
		}
		r.Wits = append(r.Wits, wit)
	}
	return r
}

// Sign signs tx with key for chain chainID and returns its encoding.
func Sign(t testing.TB, chainID uint64, key *ecdsa.PrivateKey, tx *chain.Tx) []byte {
	t.Helper()
	tx.ChainID = chainID
	if err := tx.Sign(key); err != nil {
		t.Fatal(err)
	}
	raw, err := tx.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// SignedJob returns job id's transactions from key's account, signed for
// chain chainID: its creation with parameters p (nonce 0), then its
// p.Steps steps in the job's seeded sample order (nonces 1, 2, ...).
func SignedJob(t testing.TB, chainID uint64, key *ecdsa.PrivateKey, id state.JobID, p state.Params) [][]byte {
	t.Helper()
	cp, err := chain.ParamsOf(p)
	if err != nil {
		t.Fatal(err)
	}
	raws := [][]byte{Sign(t, chainID, key, &chain.Tx{Type: chain.TxCreateJob, Job: id, Params: cp})}
	order := dataset.NewOrder(p.Seed, p.DatasetSize)
	for i := range p.Steps {
		raws = append(raws, Sign(t, chainID, key, &chain.Tx{Type: chain.TxTrainStep, Nonce: i + 1, Job: id, Indices: order.Step(i, int(p.Batch))}))
	}
	return raws
}
