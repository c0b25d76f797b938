package solc

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi/abigen"
)

// BindingsPackage is the Go package of the generated contract bindings,
// relative to the module root.
const BindingsPackage = "l1/bindings"

// Sources reads the .sol files of the given directories under the module
// root (e.g. "contracts/src") as source unit name ("src/Bridge.sol") to
// text.
func Sources(root string, dirs ...string) (map[string]string, error) {
	sources := make(map[string]string)
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join(root, dir, "*.sol"))
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			rel, err := filepath.Rel(filepath.Join(root, "contracts"), f)
			if err != nil {
				return nil, err
			}
			sources[filepath.ToSlash(rel)] = string(b)
		}
	}
	return sources, nil
}

// Deployable reports whether a compiled contract is one to ship: it has
// code and an ABI with a function or constructor (libraries whose
// functions are all internal and interfaces are left out).
func Deployable(c Contract) bool {
	if len(c.Bin) == 0 {
		return false
	}
	var entries []struct {
		Type string `json:"type"`
	}
	if json.Unmarshal([]byte(c.ABI), &entries) != nil {
		return false
	}
	for _, e := range entries {
		if e.Type == "function" || e.Type == "constructor" {
			return true
		}
	}
	return false
}

// Artifacts compiles contracts/src of the module at root and returns the
// committed artifacts it determines, by path relative to root:
// contracts/out/<Contract>.abi and .bin (hex) for every deployable
// contract, and their abigen v2 bindings in l1/bindings/bindings.go.
func Artifacts(ctx context.Context, root string) (map[string][]byte, error) {
	solcjs, err := Find()
	if err != nil {
		return nil, err
	}
	sources, err := Sources(root, "contracts/src")
	if err != nil {
		return nil, err
	}
	contracts, err := Compile(ctx, solcjs, sources)
	if err != nil {
		return nil, err
	}
	var names []string
	for name, c := range contracts {
		if Deployable(c) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	files := make(map[string][]byte)
	var abis, bins []string
	for _, name := range names {
		c := contracts[name]
		bin := hex.EncodeToString(c.Bin)
		files[filepath.Join("contracts", "out", name+".abi")] = []byte(c.ABI + "\n")
		files[filepath.Join("contracts", "out", name+".bin")] = []byte(bin + "\n")
		abis = append(abis, c.ABI)
		bins = append(bins, "0x"+bin)
	}
	code, err := abigen.BindV2(names, abis, bins, filepath.Base(BindingsPackage), nil, nil)
	if err != nil {
		return nil, fmt.Errorf("abigen: %w", err)
	}
	header := "// Package bindings holds the abigen v2 bindings of contracts/src.\n//\n"
	files[filepath.Join(BindingsPackage, "bindings.go")] = []byte(header + strings.TrimPrefix(code, "\n"))
	return files, nil
}
