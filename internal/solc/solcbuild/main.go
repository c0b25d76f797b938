// Command solcbuild compiles contracts/src/*.sol with the pinned solc into
// contracts/out/<Contract>.abi and .bin (hex), the committed artifacts.
// Run by make contracts from the repository root.
package main

import (
	"context"
	"encoding/hex"
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
	solcjs, err := solc.Find()
	if err != nil {
		return err
	}
	files, err := filepath.Glob(filepath.Join("contracts", "src", "*.sol"))
	if err != nil {
		return err
	}
	sources := make(map[string]string, len(files))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		sources[solc.SourceName(f)] = string(b)
	}
	contracts, err := solc.Compile(context.Background(), solcjs, sources)
	if err != nil {
		return err
	}
	out := filepath.Join("contracts", "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	names := make([]string, 0, len(contracts))
	for name := range contracts {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		c := contracts[name]
		if err := os.WriteFile(filepath.Join(out, name+".abi"), []byte(c.ABI+"\n"), 0o644); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, name+".bin"), []byte(hex.EncodeToString(c.Bin)+"\n"), 0o644); err != nil {
			return err
		}
		fmt.Printf("%s: %d bytes of creation code\n", name, len(c.Bin))
	}
	return nil
}
