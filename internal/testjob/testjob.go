// Package testjob runs small training jobs in a real executor on an
// in-memory store, for tests that need genuine step witnesses (circuits,
// prover).
package testjob

import (
	"path/filepath"
	"runtime"
	"testing"

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
	spec, err := model.Parse(specText)
	if err != nil {
		t.Fatal(err)
	}
	w, err := model.Init(spec, seed)
	if err != nil {
		t.Fatal(err)
	}
	p := state.Params{Model: spec, DatasetRoot: tree.Root(), DatasetSize: uint64(d.Len()), LearningRate: 3277, Batch: uint32(batch), Seed: seed, InitWeights: w.Commitment(), Steps: uint64(k + 1)}
	if _, err := ex.CreateJob(JobID, [20]byte{0xde, 0xad, 19: 0xef}, p); err != nil {
		t.Fatal(err)
	}
	// Another job, so that the state tree is not a single leaf.
	if _, err := ex.CreateJob(1000, [20]byte{1}, p); err != nil {
		t.Fatal(err)
	}
	sampler := dataset.NewSampler(d.Len(), seed)
	for range k {
		wit, err := ex.ApplyStep(executor.Step{Job: JobID, Indices: sampler.Next(batch)})
		if err != nil {
			t.Fatal(err)
		}
		wits = append(wits, wit)
	}
	return tree.Depth(), wits
}
