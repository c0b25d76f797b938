package fault_test

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/datastore"
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/fault"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/rollup"
	"github.com/trainrollup/trainrollup/sequencer/mempool"
	"github.com/trainrollup/trainrollup/state"
)

// sentinels are the exported errors of the packages whose errors reach
// block execution or the mempool, by package directory and name.
var sentinels = map[string]map[string]error{
	"chain": {
		"ErrDecode": chain.ErrDecode, "ErrSignature": chain.ErrSignature, "ErrChainID": chain.ErrChainID, "ErrBatch": chain.ErrBatch,
	},
	"dataset":   {"ErrFormat": dataset.ErrFormat, "ErrIndex": dataset.ErrIndex, "ErrManifest": dataset.ErrManifest, "ErrChunk": dataset.ErrChunk},
	"datastore": {"ErrMissing": datastore.ErrMissing, "ErrUnavailable": datastore.ErrUnavailable},
	"executor": {
		"ErrBatch": executor.ErrBatch, "ErrOrder": executor.ErrOrder, "ErrUnknownJob": executor.ErrUnknownJob, "ErrJobDone": executor.ErrJobDone,
		"ErrJobExists": executor.ErrJobExists, "ErrDataset": executor.ErrDataset, "ErrNoDataset": executor.ErrNoDataset,
		"ErrHyper": executor.ErrHyper,
	},
	"model": {"ErrInvalidSpec": model.ErrInvalidSpec},
	"state": {
		"ErrNotFound": state.ErrNotFound, "ErrInvalidJob": state.ErrInvalidJob, "ErrCorrupt": state.ErrCorrupt, "ErrNotRegistered": state.ErrNotRegistered,
		"ErrBatchDone": state.ErrBatchDone,
	},
	"rollup": {
		"ErrSequence": rollup.ErrSequence, "ErrInvalidTx": rollup.ErrInvalidTx, "ErrBadBlock": rollup.ErrBadBlock,
		"ErrCorrupt": rollup.ErrCorrupt, "ErrDatasetUnavailable": rollup.ErrDatasetUnavailable,
	},
	"sequencer/mempool": {
		"ErrL1Message": mempool.ErrL1Message, "ErrSeededSteps": mempool.ErrSeededSteps, "ErrSeededJob": mempool.ErrSeededJob, "ErrKnown": mempool.ErrKnown, "ErrNonceTooLow": mempool.ErrNonceTooLow,
		"ErrNonceTooHigh": mempool.ErrNonceTooHigh, "ErrReplaced": mempool.ErrReplaced, "ErrSenderFull": mempool.ErrSenderFull,
		"ErrPoolFull": mempool.ErrPoolFull, "ErrJobID": mempool.ErrJobID, "ErrJobExists": mempool.ErrJobExists,
		"ErrInvalidParams": mempool.ErrInvalidParams, "ErrJobNotFound": mempool.ErrJobNotFound, "ErrNotOwner": mempool.ErrNotOwner,
		"ErrJobDone": mempool.ErrJobDone, "ErrIndices": mempool.ErrIndices, "ErrClosed": mempool.ErrClosed,
		"ErrEvicted": mempool.ErrEvicted, "ErrExpired": mempool.ErrExpired,
	},
}

// TestEverySentinelHasAClass parses the packages for their exported Err*
// variables, so that a new one is in the table above or the test fails,
// and checks that each belongs to exactly one class.
func TestEverySentinelHasAClass(t *testing.T) {
	for dir, table := range sentinels {
		names, err := exportedErrors(filepath.Join("..", dir))
		if err != nil {
			t.Fatal(err)
		}
		if len(names) == 0 {
			t.Errorf("%s: no exported Err* found: is the directory right?", dir)
		}
		for _, name := range names {
			err, ok := table[name]
			if !ok {
				t.Errorf("%s.%s is not in this test's table: give it a class (package fault) and add it", dir, name)
				continue
			}
			if n := classes(err); n != 1 {
				t.Errorf("%s.%s (%q) belongs to %d classes, want exactly 1", dir, name, err, n)
			}
		}
		for name := range table {
			if !contains(names, name) {
				t.Errorf("%s.%s is in the table but not declared in %s", dir, name, dir)
			}
		}
	}
}

func classes(err error) int {
	n := 0
	for _, c := range []error{fault.ErrInvalid, fault.ErrRejected, fault.ErrNode} {
		if errors.Is(err, c) {
			n++
		}
	}
	return n
}

func contains(names []string, name string) bool {
	for _, n := range names {
		if n == name {
			return true
		}
	}
	return false
}

// exportedErrors returns the names of the package-level variables named
// Err* declared in the non-test files of dir.
func exportedErrors(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	var names []string
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.VAR {
				continue
			}
			for _, s := range g.Specs {
				for _, id := range s.(*ast.ValueSpec).Names {
					if strings.HasPrefix(id.Name, "Err") && id.IsExported() {
						names = append(names, id.Name)
					}
				}
			}
		}
	}
	return names, nil
}

func TestClasses(t *testing.T) {
	invalid, rejected, node := fault.Invalid("bad rule"), fault.Rejected("full"), fault.Node("disk")
	for _, tc := range []struct {
		err                   error
		class                 error
		isInvalid, isRejected bool
	}{
		{invalid, fault.ErrInvalid, true, true},
		{fmt.Errorf("tx 3: %w", invalid), fault.ErrInvalid, true, true},
		{rejected, fault.ErrRejected, false, true},
		{node, fault.ErrNode, false, false},
		// A node fault wins over the class of what it wraps.
		{fmt.Errorf("%w: record: %w", node, invalid), fault.ErrNode, false, false},
		{errors.Join(invalid, node), fault.ErrNode, false, false},
		// An error of no class is nobody's rule: not invalid, not rejected.
		{errors.New("pebble: closed"), nil, false, false},
		{nil, nil, false, false},
	} {
		if got := fault.Class(tc.err); got != tc.class {
			t.Errorf("Class(%v) = %v, want %v", tc.err, got, tc.class)
		}
		if got := fault.IsInvalid(tc.err); got != tc.isInvalid {
			t.Errorf("IsInvalid(%v) = %v", tc.err, got)
		}
		if got := fault.IsRejected(tc.err); got != tc.isRejected {
			t.Errorf("IsRejected(%v) = %v", tc.err, got)
		}
	}
	// A class gives a sentinel no text of its own.
	if invalid.Error() != "bad rule" || fmt.Sprintf("%v", fmt.Errorf("x: %w", node)) != "x: disk" {
		t.Errorf("texts changed: %q, %q", invalid, fmt.Errorf("x: %w", node))
	}
}
