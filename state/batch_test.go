package state

import (
	"errors"
	"testing"

	"github.com/cockroachdb/pebble/v2/vfs"
)

// TestBatch checks that a batch sees its own writes, that the store sees
// none of them until Commit, that a closed batch leaves no trace, and that a
// crash before Commit loses the whole batch while one after keeps it whole.
func TestBatch(t *testing.T) {
	fs := vfs.NewCrashableMem()
	st, err := OpenFS(fs, "db")
	if err != nil {
		t.Fatal(err)
	}
	empty, _ := st.Root()
	j1, w1 := testJob(t, 1)
	j2, w2 := testJob(t, 7)

	// Discarded batch.
	b := st.NewBatch()
	if _, err := b.Put(j1, w1); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Job(1); err != nil {
		t.Fatalf("batch does not see its own write: %v", err)
	}
	b.Close()
	if _, err := b.Put(j2, w2); !errors.Is(err, ErrBatchDone) {
		t.Fatalf("put after close: %v", err)
	}
	if r, _ := st.Root(); !r.Equal(&empty) {
		t.Fatal("closed batch changed the store")
	}

	// The same updates through a batch and one by one give the same root.
	ref, err := Open("")
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	if _, err := ref.Put(j1, w1); err != nil {
		t.Fatal(err)
	}
	want, err := ref.Put(j2, w2)
	if err != nil {
		t.Fatal(err)
	}
	b = st.NewBatch()
	defer b.Close()
	if _, err := b.Put(j1, w1); err != nil {
		t.Fatal(err)
	}
	got, err := b.Put(j2, w2)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Equal(&want) {
		t.Fatal("batch root differs from the store's for the same updates")
	}
	if r, _ := b.Root(); !r.Equal(&want) {
		t.Fatal("batch Root is not the last Put's")
	}
	if err := b.SetMeta([]byte("head"), []byte{9}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Meta([]byte("head")); !errors.Is(err, ErrNotFound) {
		t.Fatalf("uncommitted metadata visible: %v", err)
	}
	if r, _ := st.Root(); !r.Equal(&empty) {
		t.Fatal("uncommitted batch visible in the store")
	}
	crashed := fs.CrashClone(vfs.CrashCloneCfg{UnsyncedDataPercent: 0})
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := b.Commit(); !errors.Is(err, ErrBatchDone) {
		t.Fatalf("second commit: %v", err)
	}
	if r, _ := st.Root(); !r.Equal(&want) {
		t.Fatal("committed batch not in the store")
	}
	if v, err := st.Meta([]byte("head")); err != nil || len(v) != 1 || v[0] != 9 {
		t.Fatalf("metadata after commit: %x, %v", v, err)
	}
	if w, err := st.Weights(j2); err != nil || w.Commitment() != j2.Weights {
		t.Fatalf("weights after commit: %v", err)
	}
	after := fs.CrashClone(vfs.CrashCloneCfg{UnsyncedDataPercent: 0})
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct {
		name string
		fs   *vfs.MemFS
		root func() [32]byte
	}{{"before commit", crashed, func() [32]byte { return empty.Bytes() }}, {"after commit", after, func() [32]byte { return want.Bytes() }}} {
		re, err := OpenFS(c.fs, "db")
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if r, _ := re.Root(); r.Bytes() != c.root() {
			t.Errorf("%s: root after the crash is not the expected one", c.name)
		}
		_, errMeta := re.Meta([]byte("head"))
		if (c.name == "after commit") != (errMeta == nil) {
			t.Errorf("%s: metadata %v", c.name, errMeta)
		}
		re.Close()
	}
}
