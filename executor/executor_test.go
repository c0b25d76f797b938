package executor

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"runtime"
	"slices"
	"testing"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/fixed"
	"github.com/trainrollup/trainrollup/internal/mnistdir"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/state"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// Hyperparameters of the documented runs (README, make demo-train).
var (
	irisConfig  = TrainConfig{Batch: 8, LearningRate: 3277, Steps: 2000, Seed: 1}   // lr 0.05
	mnistConfig = TrainConfig{Batch: 32, LearningRate: 13107, Steps: 8000, Seed: 1} // lr 0.2
)

func loadIris(t testing.TB) (train, test *dataset.Dataset) {
	t.Helper()
	d, err := dataset.LoadCSV("../testdata/iris.csv")
	if err != nil {
		t.Fatal(err)
	}
	return d.Split(5)
}

func mustSpec(t testing.TB, s string) model.Spec {
	t.Helper()
	spec, err := model.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return spec
}

func TestIrisAccuracy(t *testing.T) {
	train, test := loadIris(t)
	cfg := irisConfig
	cfg.Spec, cfg.Reference = mustSpec(t, "4-8-3"), true
	res, err := Train(context.Background(), cfg, train, test, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("iris: integer %.4f, float64 reference %.4f, loss %.4f", res.TestAccuracy, res.ReferenceAccuracy, res.FinalLoss)
	if res.TestAccuracy < 0.93 {
		t.Fatalf("iris test accuracy %.4f < 0.93", res.TestAccuracy)
	}
}

func TestMNISTAccuracy(t *testing.T) {
	if testing.Short() {
		t.Skip("MNIST training takes tens of seconds; run without -short")
	}
	train, test, err := dataset.LoadMNIST(mnistdir.Dir(t), true)
	if err != nil {
		t.Fatal(err)
	}
	cfg := mnistConfig
	cfg.Spec, cfg.Reference = mustSpec(t, "196-64-10"), true
	res, err := Train(context.Background(), cfg, train, test, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("mnist 196-64-10: integer %.4f, float64 reference %.4f, loss %.4f", res.TestAccuracy, res.ReferenceAccuracy, res.FinalLoss)
	if res.TestAccuracy < 0.95 {
		t.Errorf("integer test accuracy %.4f < 0.95", res.TestAccuracy)
	}
	if d := res.TestAccuracy - res.ReferenceAccuracy; d > 0.01 || d < -0.01 {
		t.Errorf("integer %.4f and float reference %.4f differ by more than 0.01", res.TestAccuracy, res.ReferenceAccuracy)
	}
}

// TestDeterminism trains with every combination of GOMAXPROCS and worker
// count and requires one weights commitment.
func TestDeterminism(t *testing.T) {
	train, test := loadIris(t)
	// A wide model so that the parallel paths really split work.
	spec := mustSpec(t, "4-256-64-3")
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var first commit.Element
	for i, run := range []struct{ procs, workers int }{{1, 1}, {2, 2}, {2, 0}, {1, 4}, {2, 3}} {
		runtime.GOMAXPROCS(run.procs)
		cfg := TrainConfig{Spec: spec, Batch: 64, LearningRate: 3277, Steps: 30, Seed: 9, Workers: run.workers}
		res, err := Train(context.Background(), cfg, train, test, nil)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = res.WeightsCommitment
			continue
		}
		if !res.WeightsCommitment.Equal(&first) {
			t.Fatalf("GOMAXPROCS=%d workers=%d: commitment %s, first run %s", run.procs, run.workers, commit.Hex(res.WeightsCommitment), commit.Hex(first))
		}
	}
}

// golden is testdata/golden.json: values any reimplementation must
// reproduce (hash test vectors, commitments, roots), rewritten with -update.
type golden struct {
	HashEmpty        string `json:"hash_empty"`
	Hash123          string `json:"hash_1_2_3"`
	Compress12       string `json:"compress_1_2"`
	PackMinMax       string `json:"pack_min_max_0"`
	ModelHash483     string `json:"model_hash_4_8_3"`
	InitCommitment   string `json:"init_commitment_4_8_3_seed_1"`
	IrisDatasetRoot  string `json:"iris_train_dataset_root"`
	IrisFinal        string `json:"iris_weights_commitment_after_2000_steps"`
	EmptyStateRoot   string `json:"empty_state_root"`
	StateRootCreated string `json:"state_root_after_create_job_7"`
	StateRootStep3   string `json:"state_root_after_3_steps"`
}

func TestGolden(t *testing.T) {
	train, test := loadIris(t)
	spec := mustSpec(t, "4-8-3")
	cfg := irisConfig
	cfg.Spec = spec
	res, err := Train(context.Background(), cfg, train, test, nil)
	if err != nil {
		t.Fatal(err)
	}
	tree, err := dataset.NewTree(train)
	if err != nil {
		t.Fatal(err)
	}
	one, two, three := commit.FromUint64(1), commit.FromUint64(2), commit.FromUint64(3)
	g := golden{
		HashEmpty:       commit.Hex(commit.Hash()),
		Hash123:         commit.Hex(commit.Hash(one, two, three)),
		Compress12:      commit.Hex(commit.Compress(one, two)),
		PackMinMax:      commit.Hex(commit.Pack([]int32{fixed.Min, fixed.Max, 0})[0]),
		ModelHash483:    commit.Hex(spec.Hash()),
		InitCommitment:  commit.Hex(res.InitCommitment),
		IrisDatasetRoot: commit.Hex(tree.Root()),
		IrisFinal:       commit.Hex(res.WeightsCommitment),
		EmptyStateRoot:  commit.Hex(state.EmptyRoot()),
	}
	ex, _ := newIrisJob(t, 7, 3)
	r, _ := ex.Root()
	g.StateRootCreated = commit.Hex(r)
	for i := range 3 {
		if _, err := ex.ApplyStep(Step{Job: 7, Indices: []uint64{uint64(i), 1, 2, 3, 50, 60, 70, 119}}); err != nil {
			t.Fatal(err)
		}
	}
	r, _ = ex.Root()
	g.StateRootStep3 = commit.Hex(r)

	path := "../testdata/golden.json"
	got, _ := json.MarshalIndent(g, "", "  ")
	got = append(got, '\n')
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./executor -run TestGolden -update)", err)
	}
	if string(got) != string(want) {
		t.Fatalf("golden values changed; if intended, rerun with -update and say why in the commit.\ngot:\n%s\nwant:\n%s", got, want)
	}
}

// newIrisJob returns an executor on a fresh on-disk store holding one Iris
// job with the given id and number of steps.
func newIrisJob(t *testing.T, id state.JobID, steps uint64) (*Executor, string) {
	t.Helper()
	dir := t.TempDir()
	st, err := state.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return newIrisJobOn(t, st, id, steps), dir
}

// newIrisJobOn creates the Iris job on st, which it closes at cleanup.
func newIrisJobOn(t *testing.T, st *state.Store, id state.JobID, steps uint64) *Executor {
	t.Helper()
	t.Cleanup(func() { st.Close() })
	ex := New(st, Config{})
	train, _ := loadIris(t)
	tree, err := ex.AddDataset(train)
	if err != nil {
		t.Fatal(err)
	}
	spec := mustSpec(t, "4-8-3")
	w, _ := model.Init(spec, 1)
	p := state.Params{Model: spec, DatasetRoot: tree.Root(), DatasetSize: uint64(train.Len()), LearningRate: 3277, Batch: 8, Seed: 1, InitWeights: w.Commitment(), Steps: steps}
	if _, err := ex.CreateJob(id, [20]byte{0xaa, 19: 0x01}, p); err != nil {
		t.Fatal(err)
	}
	return ex
}

func TestApplyStep(t *testing.T) {
	ex, _ := newIrisJob(t, 3, 2)
	idx := []uint64{0, 10, 20, 30, 40, 50, 60, 119}
	w1, err := ex.ApplyStep(Step{Job: 3, Indices: idx})
	if err != nil {
		t.Fatal(err)
	}
	if err := w1.Check(); err != nil {
		t.Fatalf("witness of step 1: %v", err)
	}
	if w1.JobAfter.StepsDone != 1 || w1.JobAfter.Status != state.StatusTraining {
		t.Fatalf("after step 1: %+v", w1.JobAfter)
	}
	w2, err := ex.ApplyStep(Step{Job: 3, Indices: idx})
	if err != nil {
		t.Fatal(err)
	}
	if !w2.RootBefore.Equal(&w1.RootAfter) {
		t.Fatal("step 2 does not start from step 1's root")
	}
	if !slices.Equal(w2.WeightsBefore, w1.WeightsAfter) || slices.Equal(w2.WeightsAfter, w1.WeightsAfter) {
		t.Fatal("step 2's witness does not continue from step 1's weights, or step 2 changed step 1's witness")
	}
	if w2.JobAfter.Status != state.StatusCompleted {
		t.Fatalf("job not completed after its last step: %v", w2.JobAfter.Status)
	}
	if err := w2.Check(); err != nil {
		t.Fatal(err)
	}
	if _, err := ex.ApplyStep(Step{Job: 3, Indices: idx}); !errors.Is(err, ErrJobDone) {
		t.Fatalf("step after completion: %v", err)
	}
}

func TestWitnessCheckRejectsTampering(t *testing.T) {
	ex, _ := newIrisJob(t, 1, 5)
	wit, err := ex.ApplyStep(Step{Job: 1, Indices: []uint64{0, 1, 2, 3, 4, 5, 6, 7}})
	if err != nil {
		t.Fatal(err)
	}
	tamper := map[string]func(w *StepWitness){
		"weight after":    func(w *StepWitness) { w.WeightsAfter[3]++ },
		"weight before":   func(w *StepWitness) { w.WeightsBefore[0]-- },
		"sample value":    func(w *StepWitness) { w.X[2]++ },
		"sample label":    func(w *StepWitness) { w.Y[0] = (w.Y[0] + 1) % 3 },
		"sample index":    func(w *StepWitness) { w.Step.Indices[1]++ },
		"merkle sibling":  func(w *StepWitness) { w.SamplePaths[0][2].SetUint64(1) },
		"state sibling":   func(w *StepWitness) { w.StateProof[5].SetUint64(1) },
		"root after":      func(w *StepWitness) { w.RootAfter.SetUint64(1) },
		"leaf after":      func(w *StepWitness) { w.LeafAfter.SetUint64(1) },
		"steps done":      func(w *StepWitness) { w.JobAfter.StepsDone += 2 },
		"learning rate":   func(w *StepWitness) { w.JobBefore.Params.LearningRate++ },
		"status before":   func(w *StepWitness) { w.JobBefore.Status = state.StatusCompleted },
		"index past end":  func(w *StepWitness) { w.Step.Indices[0] = w.JobBefore.Params.DatasetSize },
		"short batch":     func(w *StepWitness) { w.Y = w.Y[:3] },
		"short path":      func(w *StepWitness) { w.SamplePaths[1] = w.SamplePaths[1][:2] },
		"trace value":     func(w *StepWitness) { w.Trace.Layers[0].Z[0]++ },
		"trace remainder": func(w *StepWitness) { w.Trace.Layers[1].URem[2]++ },
	}
	for name, f := range tamper {
		t.Run(name, func(t *testing.T) {
			w := cloneWitness(wit)
			f(w)
			if err := w.Check(); err == nil {
				t.Fatal("tampered witness passed Check")
			}
		})
	}
}

// cloneWitness deep-copies the parts of a witness the tamper tests change.
func cloneWitness(w *StepWitness) *StepWitness {
	c := *w
	c.Step.Indices = slices.Clone(w.Step.Indices)
	c.WeightsBefore, c.WeightsAfter = slices.Clone(w.WeightsBefore), slices.Clone(w.WeightsAfter)
	c.X, c.Y = slices.Clone(w.X), slices.Clone(w.Y)
	c.StateProof = slices.Clone(w.StateProof)
	t := *w.Trace
	t.Layers = slices.Clone(w.Trace.Layers)
	for i := range t.Layers {
		t.Layers[i].Z, t.Layers[i].URem = slices.Clone(t.Layers[i].Z), slices.Clone(t.Layers[i].URem)
	}
	c.Trace = &t
	c.SamplePaths = make([][]commit.Element, len(w.SamplePaths))
	for i := range w.SamplePaths {
		c.SamplePaths[i] = slices.Clone(w.SamplePaths[i])
	}
	return &c
}

func TestApplyStepErrorsLeaveStateUnchanged(t *testing.T) {
	ex, _ := newIrisJob(t, 2, 10)
	before, _ := ex.Root()
	bad := map[string]Step{
		"unknown job":    {Job: 99, Indices: make([]uint64, 8)},
		"short batch":    {Job: 2, Indices: []uint64{1, 2}},
		"index past end": {Job: 2, Indices: []uint64{0, 1, 2, 3, 4, 5, 6, 120}},
		"huge index":     {Job: 2, Indices: []uint64{0, 1, 2, 3, 4, 5, 6, 1 << 63}},
	}
	for name, s := range bad {
		t.Run(name, func(t *testing.T) {
			if _, err := ex.ApplyStep(s); err == nil {
				t.Fatal("accepted")
			}
			after, _ := ex.Root()
			if !after.Equal(&before) {
				t.Fatal("a rejected step changed the state root")
			}
		})
	}
	spec := mustSpec(t, "4-8-3")
	w, _ := model.Init(spec, 1)
	train, _ := loadIris(t)
	tree, _ := dataset.NewTree(train)
	good := state.Params{Model: spec, DatasetRoot: tree.Root(), DatasetSize: 120, LearningRate: 3277, Batch: 8, Seed: 1, InitWeights: w.Commitment(), Steps: 5}
	badParams := map[string]func(p *state.Params){
		"exists":        func(p *state.Params) {},
		"batch":         func(p *state.Params) { p.Batch = 6 },
		"lr zero":       func(p *state.Params) { p.LearningRate = 0 },
		"lr too big":    func(p *state.Params) { p.LearningRate = MaxLearningRate + 1 },
		"no steps":      func(p *state.Params) { p.Steps = 0 },
		"dataset size":  func(p *state.Params) { p.DatasetSize = 121 },
		"dataset root":  func(p *state.Params) { p.DatasetRoot.SetUint64(5) },
		"init weights":  func(p *state.Params) { p.Seed = 2 },
		"model classes": func(p *state.Params) { p.Model = mustSpec(t, "4-8-2") },
		"model inputs":  func(p *state.Params) { p.Model = mustSpec(t, "5-8-3") },
	}
	for name, f := range badParams {
		t.Run("create "+name, func(t *testing.T) {
			p := good
			f(&p)
			if _, err := ex.CreateJob(2, [20]byte{}, p); err == nil {
				t.Fatal("accepted")
			}
		})
	}
}

// TestStateSurvivesReopen applies steps, reopens the pebble store and
// continues: the result equals an uninterrupted run.
func TestStateSurvivesReopen(t *testing.T) {
	idx := []uint64{5, 15, 25, 35, 45, 55, 65, 75}
	straight, _ := newIrisJob(t, 4, 4)
	for range 4 {
		if _, err := straight.ApplyStep(Step{Job: 4, Indices: idx}); err != nil {
			t.Fatal(err)
		}
	}
	want, _ := straight.Root()

	ex, dir := newIrisJob(t, 4, 4)
	for range 2 {
		if _, err := ex.ApplyStep(Step{Job: 4, Indices: idx}); err != nil {
			t.Fatal(err)
		}
	}
	if err := ex.store.(*state.Store).Close(); err != nil {
		t.Fatal(err)
	}
	st, err := state.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ex2 := New(st, Config{})
	train, _ := loadIris(t)
	if _, err := ex2.AddDataset(train); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := ex2.ApplyStep(Step{Job: 4, Indices: idx}); err != nil {
			t.Fatal(err)
		}
	}
	got, _ := ex2.Root()
	if !got.Equal(&want) {
		t.Fatalf("root after reopen %s, uninterrupted %s", commit.Hex(got), commit.Hex(want))
	}
	j, err := st.Job(4)
	if err != nil || j.Status != state.StatusCompleted {
		t.Fatalf("job after reopen: %+v %v", j, err)
	}
	if _, err := st.Weights(j); err != nil {
		t.Fatal(err)
	}
}

func TestTrainConfigCheck(t *testing.T) {
	good := TrainConfig{Spec: mustSpec(t, "4-8-3"), Batch: 8, LearningRate: 100, Steps: 1}
	if err := good.Check(); err != nil {
		t.Fatal(err)
	}
	for name, f := range map[string]func(c *TrainConfig){
		"batch 0":     func(c *TrainConfig) { c.Batch = 0 },
		"batch 3":     func(c *TrainConfig) { c.Batch = 3 },
		"batch 2048":  func(c *TrainConfig) { c.Batch = 2048 },
		"lr 0":        func(c *TrainConfig) { c.LearningRate = 0 },
		"lr negative": func(c *TrainConfig) { c.LearningRate = -5 },
		"lr too big":  func(c *TrainConfig) { c.LearningRate = MaxLearningRate + 1 },
		"steps 0":     func(c *TrainConfig) { c.Steps = 0 },
		"zero layer":  func(c *TrainConfig) { c.Spec.Widths = []int{4, 0, 3} },
	} {
		c := good
		c.Spec.Widths = append([]int(nil), good.Spec.Widths...)
		f(&c)
		if err := c.Check(); err == nil {
			t.Errorf("%s: accepted", name)
		} else if !errors.Is(err, ErrHyper) && !errors.Is(err, model.ErrInvalidSpec) {
			t.Errorf("%s: %v wraps neither ErrHyper nor model.ErrInvalidSpec", name, err)
		}
	}
}

// TestApplyInBatch checks that steps applied through In(batch) give the
// roots and weights of the same steps applied one by one, that nothing
// reaches the store before the batch commits, and that a discarded batch
// leaves the executor able to apply the same steps again.
func TestApplyInBatch(t *testing.T) {
	idx := []uint64{5, 15, 25, 35, 45, 55, 65, 75}
	straight, _ := newIrisJob(t, 4, 6)
	var roots []commit.Element
	for range 3 {
		w, err := straight.ApplyStep(Step{Job: 4, Indices: idx})
		if err != nil {
			t.Fatal(err)
		}
		roots = append(roots, w.RootAfter)
	}

	ex, _ := newIrisJob(t, 4, 6)
	st := ex.store.(*state.Store)
	before, _ := st.Root()
	for _, commitIt := range []bool{false, true} {
		b := st.NewBatch()
		bx := ex.In(b)
		for i := range 3 {
			w, err := bx.ApplyStep(Step{Job: 4, Indices: idx})
			if err != nil {
				t.Fatal(err)
			}
			if !w.RootAfter.Equal(&roots[i]) {
				t.Fatalf("step %d in a batch: root differs from the step applied alone", i)
			}
			if err := w.Check(); err != nil {
				t.Fatalf("step %d in a batch: witness: %v", i, err)
			}
		}
		if r, _ := st.Root(); !r.Equal(&before) {
			t.Fatal("batched steps reached the store before Commit")
		}
		if !commitIt {
			b.Close()
			continue
		}
		if err := b.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	if r, _ := st.Root(); !r.Equal(&roots[2]) {
		t.Fatal("committed batch does not hold the three steps")
	}
	// The next step, outside any batch, continues from the committed one.
	w, err := ex.ApplyStep(Step{Job: 4, Indices: idx})
	if err != nil {
		t.Fatal(err)
	}
	if w.JobBefore.StepsDone != 3 {
		t.Fatalf("steps done before the fourth step: %d", w.JobBefore.StepsDone)
	}
}
