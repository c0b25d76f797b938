package state

import (
	"errors"
	"testing"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/fault"
	"github.com/trainrollup/trainrollup/model"
)

func testJob(t testing.TB, id JobID) (*Job, *model.Weights) {
	t.Helper()
	spec, err := model.Parse("4-8-3")
	if err != nil {
		t.Fatal(err)
	}
	w, _ := model.Init(spec, uint64(id))
	return &Job{
		ID: id,
		Params: Params{Model: spec, DatasetRoot: commit.FromUint64(77), DatasetSize: 120, LearningRate: 3277,
			Batch: 8, Seed: uint64(id), InitWeights: w.Commitment(), Steps: 10},
		Owner: [20]byte{1, 2, 3}, Weights: w.Commitment(), Status: StatusTraining,
	}, w
}

func TestJobRecordRoundTrip(t *testing.T) {
	j, _ := testJob(t, 42)
	b, err := j.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var d Job
	if err := d.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	if dl, jl := d.Leaf(), j.Leaf(); !dl.Equal(&jl) || d.Params.Model.String() != "4-8-3" {
		t.Fatal("round trip changed the job")
	}
	for _, bad := range [][]byte{nil, b[:len(b)-1], append(append([]byte(nil), b...), 0)} {
		if err := d.UnmarshalBinary(bad); !errors.Is(err, ErrInvalidJob) {
			t.Fatalf("decoding %d bytes: %v", len(bad), err)
		}
	}
}

func FuzzJobRecord(f *testing.F) {
	j, _ := testJob(f, 1)
	b, _ := j.MarshalBinary()
	f.Add(b)
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		var d Job
		if err := d.UnmarshalBinary(b); err != nil {
			return
		}
		again, err := d.MarshalBinary()
		if err != nil || string(again) != string(b) {
			t.Fatalf("accepted record does not re-encode: %v", err)
		}
	})
}

func TestTree(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	root, _ := s.Root()
	if want := EmptyRoot(); !root.Equal(&want) {
		t.Fatal("an empty store does not have the empty root")
	}
	ids := []JobID{0, 1, 2, 1000, MaxJobID}
	for _, id := range ids {
		j, w := testJob(t, id)
		root, err = s.Put(j, w)
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range ids {
		j, err := s.Job(id)
		if err != nil {
			t.Fatal(err)
		}
		proof, err := s.Proof(id)
		if err != nil {
			t.Fatal(err)
		}
		if r := RootFromProof(id, j.Leaf(), proof); !r.Equal(&root) {
			t.Fatalf("proof of job %d does not reach the root", id)
		}
		if r := RootFromProof(id^1, j.Leaf(), proof); r.Equal(&root) {
			t.Fatalf("proof of job %d reaches the root from another key", id)
		}
		if _, err := s.Weights(j); err != nil {
			t.Fatal(err)
		}
	}
	// An absent key proves the empty leaf.
	proof, _ := s.Proof(5)
	if r := RootFromProof(5, commit.Element{}, proof); !r.Equal(&root) {
		t.Fatal("non-membership of job 5 fails")
	}
	if _, err := s.Job(5); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing job: %v", err)
	}
	j, w := testJob(t, MaxJobID+1)
	if _, err := s.Put(j, w); !errors.Is(err, ErrInvalidJob) {
		t.Fatalf("id above 2^32-1: %v", err)
	}
	// Weights that do not match the leaf's commitment are refused on read.
	j, w = testJob(t, 1)
	w.Flat[0]++
	if _, err := s.Put(j, w); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Weights(j); !errors.Is(err, ErrCorrupt) || fault.Class(err) != fault.ErrNode {
		t.Fatalf("mismatched weights: %v (class %v), want a node fault wrapping ErrCorrupt", err, fault.Class(err))
	}
}

// TestInspect holds Inspect to the store: a store holding the one job has
// Inspect's state root, and its leaf is Inspect's.
func TestInspect(t *testing.T) {
	for _, id := range []JobID{0, 7, MaxJobID} {
		s, err := Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		j, w := testJob(t, id)
		root, err := s.Put(j, w)
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		in := Inspect(id, j.Owner, j.Params)
		if leaf := j.Leaf(); !in.StateRoot.Equal(&root) || !in.Leaf.Equal(&leaf) {
			t.Fatalf("job %d: Inspect's root %s and leaf %s, the store's %s and %s", id, commit.Hex(in.StateRoot), commit.Hex(in.Leaf), commit.Hex(root), commit.Hex(leaf))
		}
		if ph, mh := j.Params.Hash(), j.Params.Model.Hash(); !in.ParamsHash.Equal(&ph) || !in.ModelHash.Equal(&mh) {
			t.Fatalf("job %d: params or model hash differ", id)
		}
	}
}
