// Command solcbuild compiles contracts/src/*.sol with the pinned solc into
// the committed artifacts: contracts/out/<Contract>.abi and .bin (hex) and
// the Go bindings in l1/bindings. Stale files in contracts/out are removed.
// Run by make contracts from the repository root.
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/trainrollup/trainrollup/internal/solc"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "solcbuild:", err)
		os.Exit(1)
	}
}

func run() error {
	root, err := solc.ModuleRoot()
	if err != nil {
		return err
	}
	files, err := solc.Artifacts(context.Background(), root)
	if err != nil {
		return err
	}
	old, err := filepath.Glob(filepath.Join(root, "contracts", "out", "*"))
	if err != nil {
		return err
	}
	for _, f := range old {
		rel, _ := filepath.Rel(root, f)
		if _, keep := files[rel]; !keep {
			if err := os.Remove(f); err != nil {
				return err
			}
		}
	}
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		full := filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(full, files[p], 0o644); err != nil {
			return err
		}
		fmt.Printf("%s: %d bytes\n", p, len(files[p]))
	}
	return nil
}
