package prover

import (
	"slices"
	"testing"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/internal/testjob"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/state"
)

// TestFinalizations moves jobs' paths across a range of interleaved
// creations and steps with the witnesses alone and compares them with the
// state store's own proofs at both ends of the range: the paths and leaves
// finalizeJob gets are those of the roots a proof of the range starts and
// ends at.
func TestFinalizations(t *testing.T) {
	env := testjob.NewEnv(t, testjob.Iris(t))
	spec, err := model.Parse("4-8-3")
	if err != nil {
		t.Fatal(err)
	}
	params := func(steps uint64) state.Params { return env.Params(t, spec, 8, 3277, 1, steps) }
	idx := []uint64{0, 1, 2, 3, 4, 5, 6, 7}
	step := func(id state.JobID) *executor.StepWitness {
		w, err := env.Exec.ApplyStep(executor.Step{Job: id, Indices: idx})
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	create := func(id state.JobID, steps uint64) *executor.StepWitness {
		w, err := env.Exec.CreateJob(id, [20]byte{byte(id)}, params(steps))
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	// Before the range: job 5 exists with one step done; 6 and 1<<20 do not.
	create(5, 3)
	step(5)
	create(9, 10) // a neighbour that keeps changing
	ids := []state.JobID{5, 6, 1 << 20}
	startRoot, _ := env.Store.Root()
	startPath := map[state.JobID][]commit.Element{}
	startJob := map[state.JobID]*state.Job{}
	for _, id := range ids {
		startPath[id], _ = env.Store.Proof(id)
		if j, err := env.Store.Job(id); err == nil {
			startJob[id] = j
		}
	}
	units := []*executor.StepWitness{create(6, 2), step(5), step(9), create(1<<20, 1), step(6), step(5), step(9), step(1 << 20), step(6)}
	endRoot, _ := env.Store.Root()
	fins := finalizations(units)
	var got []state.JobID
	for _, f := range fins {
		id := f.Job.ID
		got = append(got, id)
		end, _ := env.Store.Proof(id)
		if !slices.Equal(f.Siblings, end) {
			t.Errorf("job %d: path at the end differs from the store's", id)
		}
		if r := state.RootFromProof(id, f.Job.Leaf(), f.Siblings); !r.Equal(&endRoot) {
			t.Errorf("job %d: leaf and path do not give the end root", id)
		}
		if !slices.Equal(f.PriorPath, startPath[id]) {
			t.Errorf("job %d: path at the start differs from the store's", id)
		}
		var prior commit.Element
		if f.Prior != nil {
			prior = f.Prior.Leaf()
		}
		if (f.Prior == nil) != (startJob[id] == nil) {
			t.Errorf("job %d: prior job %v, the store had %v", id, f.Prior, startJob[id])
		}
		if r := state.RootFromProof(id, prior, f.PriorPath); !r.Equal(&startRoot) {
			t.Errorf("job %d: prior leaf and path do not give the start root", id)
		}
	}
	if want := []state.JobID{5, 1 << 20, 6}; !slices.Equal(got, want) {
		t.Fatalf("finalized jobs %v, want %v (in completion order)", got, want)
	}
}
