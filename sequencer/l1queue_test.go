package sequencer

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/client"
	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/internal/evmtest"
	"github.com/trainrollup/trainrollup/internal/wait"
	"github.com/trainrollup/trainrollup/l1"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/state"
)

// l1Rig is an L1 (the simulated backend, a block every 10 ms) with a
// deployed bridge and a requester's account on it.
type l1Rig struct {
	sim       *l1.Simulated
	deploy    *l1.Deployment
	requester *l1.Bridge
	from      common.Address
	bounty    *big.Int
}

func newL1Rig(t *testing.T) *l1Rig {
	t.Helper()
	keys := make([]*ecdsa.PrivateKey, 2)
	alloc := types.GenesisAlloc{}
	for i := range keys {
		keys[i], _ = crypto.GenerateKey()
		alloc[crypto.PubkeyToAddress(keys[i].PublicKey)] = types.Account{Balance: new(big.Int).Lsh(big.NewInt(1), 100)}
	}
	sim := l1.StartSimulated(alloc, 10*time.Millisecond)
	t.Cleanup(func() { sim.Close() })
	txm := func(k *ecdsa.PrivateKey) *l1.TxManager {
		m, err := l1.NewTxManager(t.Context(), sim.Client(), k, l1.TxConfig{PollInterval: 5 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	bc := l1.DefaultBridgeConfig(testChainID)
	d, err := l1.Deploy(t.Context(), txm(keys[0]), evmtest.TestContracts(t)["ClaimVerifier"].Bin, bc)
	if err != nil {
		t.Fatal(err)
	}
	return &l1Rig{sim: sim, deploy: d, requester: l1.NewBridge(d.Bridge, txm(keys[1])), from: crypto.PubkeyToAddress(keys[1].PublicKey), bounty: bc.MinBounty}
}

// config makes a node follow the rig's bridge.
func (r *l1Rig) config(cfg *Config) {
	w := l1.DefaultWatcherConfig()
	w.Bridge, w.PollInterval = r.deploy.Bridge, 20*time.Millisecond
	cfg.L1 = &L1Config{Client: r.sim.Client(), Watcher: w, FromBlock: r.deploy.Block, Retry: 100 * time.Millisecond}
}

func (r *l1Rig) request(t *testing.T, p state.Params) state.JobID {
	t.Helper()
	jp, err := l1.ParamsOf(p)
	if err != nil {
		t.Fatal(err)
	}
	id, err := r.requester.RequestTraining(t.Context(), jp, time.Now().Add(time.Hour), r.bounty)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// TestL1Messages: jobs requested on the bridge are created on a
// three-node cluster in queue order, first in their blocks, owned by the
// requester, and trained to the end by the leader's schedule; one over a
// dataset the chain never registered is consumed and rejected, and gets
// no steps; a request made after the leader crashed is included by the
// next leader; the chain's L1 digest is the bridge's queue hash.
func TestL1Messages(t *testing.T) {
	r := newL1Rig(t)
	c := newCluster(t, 3, func(cfg *Config) { cfg.MaxBlockTxs = 8 }, r.config)
	l := c.leader(10 * time.Second)
	var cls []*client.Client
	for i := range c.Size() {
		cls = append(cls, c.dial(i))
	}
	ctx := context.Background()
	spec, _ := model.Parse("4-8-3")
	params := func(seed, steps uint64) state.Params {
		p := c.env.Params(t, spec, 8, 3277, seed, steps)
		p.Order = state.OrderSeeded
		return p
	}
	unregistered := params(2, 10)
	unregistered.DatasetRoot = commit.Compress(unregistered.DatasetRoot, unregistered.DatasetRoot)
	jobs := []state.Params{params(1, 30), unregistered}
	ids := []state.JobID{r.request(t, jobs[0]), r.request(t, jobs[1])}
	if ids[0] != 1<<31 || ids[1] != 1<<31+1 {
		t.Fatalf("L1 job ids %d, %d", ids[0], ids[1])
	}
	done := func(i int, id state.JobID, p state.Params) {
		t.Helper()
		wait.NoError(t, 60*time.Second, fmt.Sprintf("L1 job %d to complete", id), func() error {
			j, err := cls[i].Job(ctx, id)
			if err != nil {
				return err
			}
			if j.Owner != r.from || j.Order != "seeded" {
				return fmt.Errorf("job %d owned by %s, order %s: want %s, seeded", id, j.Owner, j.Order, r.from)
			}
			if uint64(j.StepsDone) != p.Steps || j.Status != "completed" {
				return fmt.Errorf("%d of %d steps, %s", j.StepsDone, p.Steps, j.Status)
			}
			return nil
		})
	}
	done(l, ids[0], jobs[0])

	// The leader crashes; a request made now goes in through the next.
	c.stop(l)
	jobs = append(jobs, params(3, 12))
	ids = append(ids, r.request(t, jobs[2]))
	next := c.leader(10 * time.Second)
	done(next, ids[2], jobs[2])
	c.start(l)
	head := c.converge(c.node(next).Head(), 60*time.Second)

	if _, err := cls[next].Job(ctx, ids[1]); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("the job over an unregistered dataset: %v", err)
	}
	// Each message first in its block, in queue order, counted by the
	// blocks; the rejected job got no steps; the last L1 digest is the
	// queue hash after the three messages.
	var queue common.Hash
	var consumed uint64
	for n := uint64(1); n <= head; n++ {
		blk, err := cls[next].BlockByNumber(ctx, &n, true)
		if err != nil {
			t.Fatal(err)
		}
		k := 0 // L1 messages of this block
		for i, raw := range blk.Txs {
			var tx chain.Tx
			if err := tx.UnmarshalBinary(raw); err != nil {
				t.Fatal(err)
			}
			switch tx.Type {
			case chain.TxL1Message:
				if tx.QueueIndex != consumed || i != k {
					t.Fatalf("block %d: L1 message %d at %d, want message %d first", n, tx.QueueIndex, i, consumed)
				}
				if tx.Job != ids[consumed] || tx.Owner != r.from {
					t.Fatalf("block %d: L1 message %d creates job %d of %s", n, consumed, tx.Job, tx.Owner)
				}
				jp, _ := l1.ParamsOf(jobs[consumed])
				if queue, err = l1.NextQueueHash(queue, tx.Job, tx.Owner, jp); err != nil {
					t.Fatal(err)
				}
				rec, err := cls[next].Receipt(ctx, blk.TxHashes[i])
				want := "applied"
				if tx.Job == ids[1] {
					want = "rejected"
				}
				if err != nil || rec.Status != want {
					t.Fatalf("L1 message %d's receipt %+v (%v), want %s", consumed, rec, err, want)
				}
				consumed++
				k++
			case chain.TxSeededSteps:
				if tx.Job == ids[1] {
					t.Fatalf("block %d: steps of the rejected L1 job", n)
				}
			}
		}
		if uint64(blk.L1Messages) != consumed {
			t.Fatalf("block %d says %d L1 messages consumed, its transactions %d", n, blk.L1Messages, consumed)
		}
	}
	if consumed != 3 {
		t.Fatalf("%d L1 messages consumed, want 3", consumed)
	}
	last, err := cls[next].BlockByNumber(ctx, &head, false)
	if err != nil || last.L1Digest == nil || *last.L1Digest != queue {
		t.Fatalf("the head's L1 digest %v (%v), the queue hash %s", last.L1Digest, err, queue)
	}

	// The requested training is the local one on the protocol's order.
	local := c.env.TrainSeeded(t, ids[0], r.from, jobs[0])
	for i := range c.Size() {
		if j, err := cls[i].Job(ctx, ids[0]); err != nil || j.Weights != hashOf(local.Weights) {
			t.Fatalf("node %d: L1 job's weights %v (%v), local training's %s", i, j, err, hashOf(local.Weights))
		}
	}
}
