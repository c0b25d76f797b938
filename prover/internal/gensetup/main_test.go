package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// proverDir is prover/, where go generate runs gensetup.
const proverDir = "../.."

// TestGeneratedCurrent fails when a committed per-curve setup file is not
// what go generate ./prover writes from setup_bn254.go and its test.
func TestGeneratedCurrent(t *testing.T) {
	files, err := generate(proverDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(sources)*len(targets) {
		t.Fatalf("generated %d files, want %d", len(files), len(sources)*len(targets))
	}
	if err := check(proverDir, files); err != nil {
		t.Error(err)
	}
}

// TestCheckDrift shows that check catches a hand edit and a missing file,
// on a copy of the sources in a temporary directory.
func TestCheckDrift(t *testing.T) {
	dir := t.TempDir()
	for _, source := range sources {
		src, err := os.ReadFile(filepath.Join(proverDir, source))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, source), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, err := generate(dir)
	if err != nil {
		t.Fatal(err)
	}
	write := func(f file, data []byte) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, f.name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range files {
		write(f, f.data)
	}
	if err := check(dir, files); err != nil {
		t.Fatalf("freshly generated files: %v", err)
	}
	for _, f := range files {
		t.Run(f.name, func(t *testing.T) {
			defer write(f, f.data)
			edited := strings.Replace(string(f.data), "package prover", "package prover // edited", 1)
			write(f, []byte(edited))
			err := check(dir, files)
			if err == nil || !strings.Contains(err.Error(), "prover/"+f.name+" is not what gensetup generates from "+f.source) ||
				!strings.Contains(err.Error(), "go generate ./prover") {
				t.Errorf("hand-edited %s: check gave %v", f.name, err)
			}
			if err := os.Remove(filepath.Join(dir, f.name)); err != nil {
				t.Fatal(err)
			}
			if err := check(dir, files); err == nil || !strings.Contains(err.Error(), "prover/"+f.name) {
				t.Errorf("missing %s: check gave %v", f.name, err)
			}
		})
	}
}
