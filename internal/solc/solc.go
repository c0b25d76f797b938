// Package solc compiles Solidity with the npm solc package pinned in
// contracts/package.json (solcjs, standard JSON). Only builds and tests use
// it: nothing needs node at run time.
package solc

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Contract is one compiled contract.
type Contract struct {
	ABI string // JSON
	Bin []byte // creation bytecode
}

// ModuleRoot returns the directory of the go.mod that contains the working
// directory.
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("solc: no go.mod above the working directory")
		}
		dir = parent
	}
}

// Find returns the pinned solcjs: contracts/node_modules/.bin/solcjs in the
// module that contains the working directory.
func Find() (string, error) {
	root, err := ModuleRoot()
	if err != nil {
		return "", err
	}
	p := filepath.Join(root, "contracts", "node_modules", ".bin", "solcjs")
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("solcjs not installed (run make contracts-deps): %w", err)
	}
	return p, nil
}

// Compile compiles sources (file name to source text) with solcjs and the
// optimizer on, and returns every contract by name.
func Compile(ctx context.Context, solcjs string, sources map[string]string) (map[string]Contract, error) {
	type source struct {
		Content string `json:"content"`
	}
	in := map[string]any{
		"language": "Solidity",
		"sources": func() map[string]source {
			m := make(map[string]source, len(sources))
			for name, text := range sources {
				m[name] = source{text}
			}
			return m
		}(),
		"settings": map[string]any{
			"optimizer":       map[string]any{"enabled": true, "runs": 200},
			"outputSelection": map[string]any{"*": map[string]any{"*": []string{"abi", "evm.bytecode.object"}}},
		},
	}
	input, err := json.Marshal(in)
	if err != nil {
		return nil, err
	}
	// solcjs reads its standard input and writes its output with
	// non-blocking calls, which fail with EAGAIN on pipes (reads before the
	// writer filled it, writes beyond 64 KiB): hand it files instead.
	f, err := os.CreateTemp("", "solc-input-*.json")
	if err != nil {
		return nil, err
	}
	defer os.Remove(f.Name())
	defer f.Close()
	if _, err := f.Write(input); err != nil {
		return nil, err
	}
	if _, err := f.Seek(0, 0); err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, solcjs, "--standard-json")
	cmd.Stdin = f
	stdout, err := os.CreateTemp("", "solc-output-*.json")
	if err != nil {
		return nil, err
	}
	defer os.Remove(stdout.Name())
	defer stdout.Close()
	cmd.Stdout = stdout
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("solcjs: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	out, err := os.ReadFile(stdout.Name())
	if err != nil {
		return nil, err
	}
	// solcjs prints notes such as ">>> Cannot retry compilation with SMT"
	// before the JSON.
	for bytes.HasPrefix(out, []byte(">>>")) {
		_, out, _ = bytes.Cut(out, []byte("\n"))
	}
	var res struct {
		Errors []struct {
			Severity         string `json:"severity"`
			FormattedMessage string `json:"formattedMessage"`
		} `json:"errors"`
		Contracts map[string]map[string]struct {
			ABI json.RawMessage `json:"abi"`
			EVM struct {
				Bytecode struct {
					Object string `json:"object"`
				} `json:"bytecode"`
			} `json:"evm"`
		} `json:"contracts"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		return nil, fmt.Errorf("solcjs output (%d bytes): %w: %s", len(out), err, strings.TrimSpace(stderr.String()))
	}
	var msgs []string
	for _, e := range res.Errors {
		if e.Severity == "error" {
			msgs = append(msgs, e.FormattedMessage)
		}
	}
	if len(msgs) > 0 {
		return nil, fmt.Errorf("solc: %s", strings.Join(msgs, "\n"))
	}
	contracts := make(map[string]Contract)
	for _, file := range res.Contracts {
		for name, c := range file {
			bin, err := hex.DecodeString(c.EVM.Bytecode.Object)
			if err != nil {
				return nil, fmt.Errorf("solc: %s bytecode: %w", name, err)
			}
			contracts[name] = Contract{ABI: string(c.ABI), Bin: bin}
		}
	}
	return contracts, nil
}

// SourceName is the source unit name a file under contracts/src compiles
// as ("src/Verifier.sol"): it is part of the bytecode's metadata, so every
// compilation of a contract must use the same.
func SourceName(path string) string { return "src/" + filepath.Base(path) }
