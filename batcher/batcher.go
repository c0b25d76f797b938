// Package batcher posts the sequenced chain to DA and commits it on L1.
//
// Where it sits: it follows a node's executed blocks, packs consecutive
// blocks into a batch (spec/batches.md) that fits one blob, submits the
// blob in the rollup's namespace, waits for its height, and commits the
// batch header (block range, DA height and commitment, the state root and
// digest after the last block, the L1 messages consumed) on the bridge
// (spec/bridge.md#batches). The prover proves committed batches; anyone can
// derive the chain from L1 and DA (package derive).
//
// Invariants (restart safety): after a crash at any point no batch is
// missed, duplicated or committed twice on L1.
//   - What is committed on L1 is the only truth about what was posted: on
//     every step the batcher reads the bridge's last batch and goes on from
//     its lastBlock.
//   - Between the DA submission and the L1 commit, the pending batch (its
//     parent header and the commit input) is kept in a synced pebble write,
//     so a restart commits the same blob rather than submitting another.
//   - A crash before that write only wastes a blob on DA; a crash after the
//     L1 commit is recognised on L1 and the pending record dropped.
//   - The bridge refuses a second commit on the same parent, so a commit
//     re-sent after a crash cannot land twice.
package batcher

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cockroachdb/pebble/v2"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/da"
	"github.com/trainrollup/trainrollup/internal/pebblelog"
	"github.com/trainrollup/trainrollup/l1"
	"github.com/trainrollup/trainrollup/lifecycle"
)

// Source is the chain the batcher posts: a node.
type Source interface {
	// Executed is the executed head.
	Executed() uint64
	// Block returns executed block n's header and transaction encodings.
	Block(n uint64) (*chain.Header, [][]byte, error)
	// SetPosted tells the node that blocks up to n are committed on L1.
	SetPosted(n uint64)
}

// L1 is the bridge as the batcher uses it.
type L1 interface {
	// LastBatch returns the last committed header (genesis when none).
	LastBatch(ctx context.Context, from uint64, genesis l1.BatchHeader) (l1.BatchHeader, error)
	// CommitBatch commits in after parent.
	CommitBatch(ctx context.Context, parent l1.BatchHeader, in l1.BatchInput) (l1.BatchHeader, error)
}

// Config configures a batcher.
type Config struct {
	// Namespace is the rollup's DA namespace.
	Namespace da.Namespace
	// Genesis is the bridge's batch 0 (l1.GenesisHeader of the genesis
	// state root).
	Genesis l1.BatchHeader
	// FromBlock is the L1 block the bridge was deployed in (where its
	// events start).
	FromBlock uint64
	// MaxBlobBytes caps an encoded batch: the DA layer's blob limit.
	MaxBlobBytes int
	// MaxBlocks caps the blocks of a batch.
	MaxBlocks int
	// MaxTransitions, when not 0, caps the transitions of a batch
	// (chain.Transitions: one per creation, step or L1 message, count per
	// SeededSteps). One L1 proof covers at most as many as its aggregation
	// has slots (spec/proofs.md#aggregation), so a chain proven with k = 1
	// sets it to the slot count: every batch is then provable on its own.
	MaxTransitions int
	// Interval is the longest a block waits to be posted: a batch is
	// posted when it is full or its oldest block waited this long.
	Interval time.Duration
	// RetryMin and RetryMax bound the backoff after a failure (DA or L1
	// down).
	RetryMin, RetryMax time.Duration
	// Log receives progress and failures (nil: discard).
	Log *slog.Logger
}

// DefaultConfig posts at least every 2 s, batches of up to 1.9 MiB.
func DefaultConfig(ns da.Namespace, genesis l1.BatchHeader) Config {
	return Config{Namespace: ns, Genesis: genesis, MaxBlobBytes: 1_900_000, MaxBlocks: 1 << 16,
		Interval: 2 * time.Second, RetryMin: 200 * time.Millisecond, RetryMax: 10 * time.Second}
}

// Check reports an invalid field.
func (c *Config) Check() error {
	switch {
	case da.CheckNamespace(c.Namespace) != nil:
		return fmt.Errorf("namespace: %w", da.CheckNamespace(c.Namespace))
	case c.Genesis.StateRoot == nil:
		return errors.New("genesis header without a state root")
	case c.MaxBlobBytes < 1024:
		return fmt.Errorf("MaxBlobBytes %d below 1 KiB", c.MaxBlobBytes)
	case c.MaxBlocks < 1 || c.MaxBlocks > chain.MaxBatchBlocks:
		return fmt.Errorf("MaxBlocks %d outside 1..%d", c.MaxBlocks, chain.MaxBatchBlocks)
	case c.MaxTransitions < 0:
		return fmt.Errorf("MaxTransitions %d is negative", c.MaxTransitions)
	case c.Interval <= 0 || c.RetryMin <= 0 || c.RetryMax < c.RetryMin:
		return errors.New("the interval and the least retry delay must be positive, the longest at least the least")
	}
	return nil
}

// Batcher posts batches. Step is one round; Start runs rounds until Stop
// (the lifecycle.Service contract).
type Batcher struct {
	cfg    Config
	log    *slog.Logger
	src    Source
	layer  da.Layer
	bridge L1
	db     *pebble.DB

	posted  atomic.Uint64
	waiting time.Time // when the oldest unposted block was first seen
	mu      sync.Mutex
	quit    chan struct{}      // closed by Stop: no more rounds
	cancel  context.CancelFunc // cuts the round in flight short
	done    chan struct{}      // closed when the rounds ended
	stopped bool
	stopErr error
}

var _ lifecycle.Service = (*Batcher)(nil)

// New opens the batcher's state in dir (pebble) and wires it; it starts
// nothing.
func New(cfg Config, src Source, layer da.Layer, bridge L1, dir string) (*Batcher, error) {
	if err := cfg.Check(); err != nil {
		return nil, fmt.Errorf("batcher config: %w", err)
	}
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	db, err := pebble.Open(dir, pebblelog.Incompressible(&pebble.Options{Logger: pebblelog.New(log)}))
	if err != nil {
		return nil, fmt.Errorf("open batcher state %s: %w", dir, err)
	}
	return &Batcher{cfg: cfg, log: log.With("component", "batcher"), src: src, layer: layer, bridge: bridge, db: db}, nil
}

// Posted is the last block committed on L1.
func (b *Batcher) Posted() uint64 { return b.posted.Load() }

var keyPending = []byte("pending")

// pending is a batch submitted to DA whose L1 commit is not known yet: the
// parent it extends and the commit input (JSON of the bridge's types).
type pending struct {
	Parent l1.BatchHeader
	Input  l1.BatchInput
}

func (b *Batcher) loadPending() (*pending, error) {
	v, closer, err := b.db.Get(keyPending)
	if errors.Is(err, pebble.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer closer.Close()
	p := new(pending)
	if err := json.Unmarshal(v, p); err != nil {
		return nil, fmt.Errorf("batcher: pending record: %w", err)
	}
	return p, nil
}

func (b *Batcher) savePending(p pending) error {
	v, err := json.Marshal(p)
	if err != nil {
		return err
	}
	return b.db.Set(keyPending, v, pebble.Sync)
}

func (b *Batcher) clearPending() error { return b.db.Delete(keyPending, pebble.Sync) }

func sameHeader(a, b l1.BatchHeader) bool {
	ha, err1 := l1.HeaderHash(a)
	hb, err2 := l1.HeaderHash(b)
	return err1 == nil && err2 == nil && ha == hb
}

// Step runs one round: it settles a pending batch, or builds, submits and
// commits the next one when due. It reports whether it committed a batch.
func (b *Batcher) Step(ctx context.Context) (bool, error) {
	last, err := b.bridge.LastBatch(ctx, b.cfg.FromBlock, b.cfg.Genesis)
	if err != nil {
		return false, fmt.Errorf("read the bridge: %w", err)
	}
	b.setPosted(last.LastBlock)
	p, err := b.loadPending()
	if err != nil {
		return false, err
	}
	if p != nil {
		switch {
		case sameHeader(p.Parent, last):
			// Submitted, not committed: commit the same blob.
			b.log.Info("committing the pending batch", "index", last.Index+1, "da_height", p.Input.DaHeight)
			return b.commit(ctx, last, p.Input)
		default:
			// Committed since (last moved past the parent), or the chain
			// on L1 changed under it (a revert): either way L1 is the
			// truth and the pending record is obsolete.
			b.log.Info("pending batch settled on L1", "last_index", last.Index, "last_block", last.LastBlock)
			if err := b.clearPending(); err != nil {
				return false, err
			}
		}
	}
	next := last.LastBlock + 1
	if b.src.Executed() < next {
		b.waiting = time.Time{}
		return false, nil
	}
	if b.waiting.IsZero() {
		b.waiting = time.Now()
	}
	batch, hdr, err := b.build(next)
	if err != nil {
		return false, err
	}
	full := len(batch.Blocks) >= b.cfg.MaxBlocks || batch.Last() < b.src.Executed()
	if !full && time.Since(b.waiting) < b.cfg.Interval {
		return false, nil
	}
	data, err := batch.MarshalBinary()
	if err != nil {
		return false, err
	}
	blob, err := da.NewBlob(b.cfg.Namespace, data)
	if err != nil {
		return false, err
	}
	height, err := b.layer.Submit(ctx, []*da.Blob{blob})
	if err != nil {
		return false, fmt.Errorf("submit batch of blocks %d..%d to DA: %w", batch.First, batch.Last(), err)
	}
	input := l1.BatchInput{LastBlock: batch.Last(), DaHeight: height, DaCommitment: [32]byte(blob.Commitment),
		TxDigest: new(big.Int).SetBytes(hdr.Digest[:]), StateRoot: new(big.Int).SetBytes(hdr.StateRoot[:]),
		L1MessagesConsumed: hdr.L1Messages, L1QueueHash: hdr.L1Digest}
	if err := b.savePending(pending{Parent: last, Input: input}); err != nil {
		return false, err
	}
	b.log.Info("batch on DA", "index", last.Index+1, "blocks", fmt.Sprintf("%d..%d", batch.First, batch.Last()),
		"bytes", len(data), "da_height", height)
	return b.commit(ctx, last, input)
}

// commit commits input after parent on L1 and settles the pending record.
func (b *Batcher) commit(ctx context.Context, parent l1.BatchHeader, in l1.BatchInput) (bool, error) {
	h, err := b.bridge.CommitBatch(ctx, parent, in)
	if err != nil {
		// Maybe it landed anyway (a crash or timeout after sending): the
		// next round reads L1 and settles it either way.
		return false, fmt.Errorf("commit batch %d on L1: %w", parent.Index+1, err)
	}
	if err := b.clearPending(); err != nil {
		return false, err
	}
	b.waiting = time.Time{}
	b.setPosted(h.LastBlock)
	b.log.Info("batch committed", "index", h.Index, "last_block", h.LastBlock)
	return true, nil
}

func (b *Batcher) setPosted(n uint64) {
	if n > b.posted.Load() {
		b.posted.Store(n)
		b.src.SetPosted(n)
	}
}

// build packs executed blocks from next on into a batch that encodes
// within MaxBlobBytes, and returns it with its last block's header.
func (b *Batcher) build(next uint64) (*chain.Batch, *chain.Header, error) {
	head := b.src.Executed()
	batch := &chain.Batch{First: next}
	var hdrs []*chain.Header
	raw, nt := 0, uint64(0)
	// Take blocks while their raw size stays within a generous multiple of
	// the blob limit, then shrink until the compressed batch fits.
	for n := next; n <= head && len(batch.Blocks) < b.cfg.MaxBlocks && raw < 4*b.cfg.MaxBlobBytes; n++ {
		h, txs, err := b.src.Block(n)
		if err != nil {
			return nil, nil, err
		}
		if max := uint64(b.cfg.MaxTransitions); max > 0 {
			bt, err := blockTransitions(txs)
			if err != nil {
				return nil, nil, fmt.Errorf("block %d: %w", n, err)
			}
			if bt > max && n > next {
				break // post the blocks before it first
			}
			if bt > max {
				return nil, nil, fmt.Errorf("block %d makes %d transitions, over the %d a batch may (MaxTransitions): no proof can cover it", n, bt, max)
			}
			if nt += bt; nt > max {
				break
			}
		}
		batch.Blocks = append(batch.Blocks, chain.BatchBlock{Time: h.Time, L1Messages: h.L1Messages, Txs: txs})
		hdrs = append(hdrs, h)
		for _, t := range txs {
			raw += len(t) + 3
		}
	}
	for {
		data, err := batch.MarshalBinary()
		if err != nil {
			return nil, nil, err
		}
		if len(data) <= b.cfg.MaxBlobBytes {
			return batch, hdrs[len(batch.Blocks)-1], nil
		}
		if len(batch.Blocks) == 1 {
			return nil, nil, fmt.Errorf("block %d alone encodes to %d bytes, over the blob limit %d", next, len(data), b.cfg.MaxBlobBytes)
		}
		batch.Blocks = batch.Blocks[:len(batch.Blocks)*3/4]
	}
}

// blockTransitions counts the transitions of a block's transactions.
func blockTransitions(txs [][]byte) (uint64, error) {
	var n uint64
	for i, raw := range txs {
		t, err := chain.Transitions(raw)
		if err != nil {
			return 0, fmt.Errorf("transaction %d: %w", i, err)
		}
		n += t
	}
	return n, nil
}

// Start runs rounds until Stop, backing off after failures (DA or L1
// down: posting stalls, nothing is lost, and it resumes by itself). The
// rounds do not end with ctx, which bounds the start only.
func (b *Batcher) Start(context.Context) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.quit != nil || b.stopped {
		return errors.New("batcher already started or stopped")
	}
	round, cancel := context.WithCancel(context.Background())
	b.quit, b.cancel, b.done = make(chan struct{}), cancel, make(chan struct{})
	go func() {
		defer close(b.done)
		backoff := b.cfg.RetryMin
		for {
			select {
			case <-b.quit:
				return
			default:
			}
			committed, err := b.Step(round)
			wait := b.cfg.Interval / 8
			switch {
			case err != nil && round.Err() == nil:
				b.log.Warn("batcher round failed; retrying", "err", err, "in", backoff)
				wait = backoff
				backoff = min(2*backoff, b.cfg.RetryMax)
			case committed:
				backoff, wait = b.cfg.RetryMin, 0
			default:
				backoff = b.cfg.RetryMin
			}
			select {
			case <-b.quit:
				return
			case <-time.After(wait):
			}
		}
	}()
	return nil
}

// Stop starts no more rounds, lets the one in flight finish while ctx
// lasts and then cuts it short (a round cut short leaves its submission
// pending, resumed on restart: nothing is lost), and closes the state.
// Idempotent; the batcher need not have started.
func (b *Batcher) Stop(ctx context.Context) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.stopped {
		return b.stopErr
	}
	b.stopped = true
	if b.quit != nil {
		close(b.quit)
		select {
		case <-b.done:
		case <-ctx.Done():
			b.cancel()
			<-b.done
		}
		b.cancel()
	}
	b.stopErr = b.db.Close()
	return b.stopErr
}
