package state

import (
	"errors"
	"testing"

	"github.com/trainrollup/trainrollup/commit"
)

func TestRegistry(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	root := commit.FromUint64(42)
	if _, err := s.Dataset(root); !errors.Is(err, ErrNotRegistered) {
		t.Fatalf("an empty registry: %v", err)
	}
	before, _ := s.Root()
	b := s.NewBatch()
	rec := &DatasetRecord{Root: root, Samples: 120, Features: 4, Classes: 3, Manifest: []byte{0xc1, 0x80}, Block: 7}
	if err := b.PutDataset(rec); err != nil {
		t.Fatal(err)
	}
	if got, err := b.Dataset(root); err != nil || got.Block != 7 || got.Samples != 120 {
		t.Fatalf("the batch's own write: %+v, %v", got, err)
	}
	if _, err := s.Dataset(root); !errors.Is(err, ErrNotRegistered) {
		t.Fatalf("before the commit: %v", err)
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	got, err := s.Dataset(root)
	if err != nil || got.Features != 4 || got.Classes != 3 || string(got.Manifest) != string(rec.Manifest) || !got.Root.Equal(&root) {
		t.Fatalf("after the commit: %+v, %v", got, err)
	}
	all, err := s.Datasets()
	if err != nil || len(all) != 1 {
		t.Fatalf("Datasets: %d, %v", len(all), err)
	}
	// The registry is not in the state root.
	if after, _ := s.Root(); !after.Equal(&before) {
		t.Fatal("a registration changed the state root")
	}
	// A corrupt record is a node fault, not "not registered".
	if err := s.db.Set(datasetKey(root), []byte{0xff}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Dataset(root); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("a corrupt record: %v", err)
	}
}
