// Package testnode starts a real one-node sequencer cluster for tests of
// the parts that sit beside a node (batcher, verification, the CLI): raft
// over loopback TCP, pebble in a temporary directory, JSON-RPC on a free
// port, stopped when the test ends.
package testnode

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/trainrollup/trainrollup/client"
	"github.com/trainrollup/trainrollup/da"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/internal/testjob"
	"github.com/trainrollup/trainrollup/internal/wait"
	"github.com/trainrollup/trainrollup/sequencer"
)

// Start starts a node of chain chainID holding local copies of datasets,
// waits until it leads, registers each dataset (published to a DA of its
// own, which the node, holding the copies, never asks: blocks 1, 2, ...
// are the registrations) and returns the node with a client of its
// JSON-RPC (both closed at the test's end).
func Start(t testing.TB, chainID uint64, datasets ...*dataset.Dataset) (*sequencer.Node, *client.Client) {
	t.Helper()
	return StartOn(t, chainID, nil, datasets...)
}

// StartOn is Start with the datasets published to layer (nil: a DA of
// their own), for tests that fetch them from the DA the batches go to.
func StartOn(t testing.TB, chainID uint64, layer da.Layer, datasets ...*dataset.Dataset) (*sequencer.Node, *client.Client) {
	t.Helper()
	ctx := t.Context()
	cfg := sequencer.DefaultConfig()
	cfg.ID, cfg.DataDir, cfg.ChainID, cfg.Bootstrap = "t0", filepath.Join(t.TempDir(), "node"), chainID, true
	cfg.RaftAddr, cfg.RPCAddr, cfg.AdminSecret = "127.0.0.1:0", "127.0.0.1:0", [32]byte{1}
	node, err := sequencer.New(cfg, datasets...)
	if err != nil {
		t.Fatal(err)
	}
	if err := node.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { node.Stop(context.Background()) })
	lctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := node.AwaitLeadership(lctx); err != nil {
		t.Fatal(err)
	}
	cl, err := client.Dial(ctx, node.RPCURL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cl.Close)
	RegisterOn(t, cl, chainID, layer, datasets...)
	return node, cl
}

// Register publishes each dataset to a DA of its own and registers it
// through cl, signed by a new key, waiting until the node executed each
// registration. The node must hold local copies of them, or read that DA.
func Register(t testing.TB, cl *client.Client, chainID uint64, datasets ...*dataset.Dataset) {
	t.Helper()
	RegisterOn(t, cl, chainID, nil, datasets...)
}

// RegisterOn is Register with the datasets published to layer (nil: a DA
// of their own each).
func RegisterOn(t testing.TB, cl *client.Client, chainID uint64, layer da.Layer, datasets ...*dataset.Dataset) {
	t.Helper()
	if len(datasets) == 0 {
		return
	}
	ctx := t.Context()
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	var last uint64
	for i, d := range datasets {
		var pub *testjob.Publication
		if layer == nil {
			pub = testjob.Publish(t, d)
		} else {
			pub = testjob.PublishTo(t, layer, d)
		}
		_, b, err := cl.SendRawTransaction(ctx, pub.RegisterTx(t, chainID, key, uint64(i)))
		if err != nil {
			t.Fatalf("register %s: %v", d.Name, err)
		}
		last = b
	}
	wait.NoError(t, 30*time.Second, "the registrations to execute", func() error {
		st, err := cl.SyncStatus(ctx)
		if err != nil || uint64(st.Executed) < last {
			return fmt.Errorf("%+v, %v", st, err)
		}
		return nil
	})
}
