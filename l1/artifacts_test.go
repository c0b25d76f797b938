package l1_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/trainrollup/trainrollup/internal/solc"
)

// TestArtifactsCurrent fails when contracts/out or l1/bindings are not
// what make contracts produces from contracts/src with the pinned solc.
func TestArtifactsCurrent(t *testing.T) {
	root, err := solc.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	files, err := solc.Artifacts(t.Context(), root)
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range files {
		got, err := os.ReadFile(filepath.Join(root, path))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is not what contracts/src compiles to (%v): run make contracts", path, err)
		}
	}
	out, err := filepath.Glob(filepath.Join(root, "contracts", "out", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range out {
		rel, _ := filepath.Rel(root, f)
		if _, ok := files[rel]; !ok {
			t.Errorf("%s is stale: no contract of contracts/src produces it (run make contracts)", rel)
		}
	}
}
