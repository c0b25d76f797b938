package l1

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/state"
)

var (
	// ErrDeepReorg reports a reorg deeper than the blocks the watcher
	// remembers: it cannot tell which messages survived.
	ErrDeepReorg = errors.New("L1 reorg deeper than the watcher's history")
	// ErrQueueBroken reports an L1MessageQueued event out of order or with
	// a queue hash that does not chain: not a bridge of this protocol.
	ErrQueueBroken = errors.New("L1 message queue does not chain")
	// ErrSink wraps an error returned by the Sink.
	ErrSink = errors.New("L1 message sink")
	// errRaced reports a reorg during a scan: retried on the next poll.
	errRaced = errors.New("L1 chain changed during the scan")
)

// Message is one L1 message of the bridge's queue: a job requested on L1
// (spec/bridge.md#l1-messages).
type Message struct {
	Index     uint64 // position in the queue
	JobID     state.JobID
	Owner     common.Address
	Params    JobParams
	QueueHash common.Hash // the rolling hash after this message
	Block     uint64
	BlockHash common.Hash
	TxHash    common.Hash
}

// Cursor is where a watcher resumes: the next block to scan (and its hash
// when known), the next message index and the queue hash before it. A
// consumer persists the cursor of the last message it applied
// (Message.Next); a new consumer starts at the bridge's deployment block
// with index 0 and the zero hash.
type Cursor struct {
	Block     uint64
	BlockHash common.Hash // zero: not known
	Index     uint64
	QueueHash common.Hash
}

// Tx is m as the rollup transaction that applies it
// (spec/transactions.md#l1-messages).
func (m Message) Tx() (*chain.Tx, error) {
	p, err := ChainParams(m.Params)
	if err != nil {
		return nil, fmt.Errorf("L1 message %d: %w", m.Index, err)
	}
	return &chain.Tx{Type: chain.TxL1Message, QueueIndex: m.Index, Job: m.JobID, Owner: m.Owner, Params: p}, nil
}

// Next is the cursor after m: it scans m's block again, skipping the
// messages up to m, and fails with ErrDeepReorg if that block is gone.
func (m Message) Next() Cursor {
	return Cursor{Block: m.Block, BlockHash: m.BlockHash, Index: m.Index + 1, QueueHash: m.QueueHash}
}

// Watcher delivers the bridge's L1 messages in queue order, each once it
// is Confirmations blocks deep, checking that each chains onto the last
// (index and rolling hash). When a reorg replaces blocks it already
// scanned, it rewinds to the fork point and tells the consumer from which
// index messages are void before delivering the new chain's.
type Watcher struct {
	client Client
	cfg    WatcherConfig
	start  Cursor // where it started: only there are known messages skipped
	next   Cursor
	// scanned blocks, oldest first, with the cursor before each.
	recent []scanned
}

type scanned struct {
	number uint64
	hash   common.Hash
	before Cursor
}

// Sink consumes what a Watcher delivers.
type Sink interface {
	// Messages are the next messages, in order, after a scan.
	Messages(ctx context.Context, ms []Message) error
	// Rewind voids every message from index on: a reorg removed them
	// (they may be delivered again, from the new chain).
	Rewind(ctx context.Context, index uint64) error
}

// NewWatcher returns a watcher of cfg.Bridge starting at from (for a new
// consumer: the bridge's deployment block, index 0, zero hash). The zero
// fields of cfg take DefaultWatcherConfig's values; the result must pass
// Check.
func NewWatcher(client Client, cfg WatcherConfig, from Cursor) (*Watcher, error) {
	cfg = cfg.withDefaults()
	errs := []error{cfg.Check()}
	if client == nil {
		errs = append(errs, errors.New("client is required"))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("L1 watcher config: %w", err)
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	return &Watcher{client: client, cfg: cfg, start: from, next: from}, nil
}

// Cursor is where the next scan starts. Not safe to call during Run.
func (w *Watcher) Cursor() Cursor { return w.next }

// Run scans every PollInterval until ctx ends (returning nil) or a scan
// fails for good (a deep reorg, a broken queue, a sink error). Node
// errors are logged and retried.
func (w *Watcher) Run(ctx context.Context, sink Sink) error {
	t := time.NewTicker(w.cfg.PollInterval)
	defer t.Stop()
	for {
		err := w.Poll(ctx, sink)
		switch {
		case err == nil:
		case ctx.Err() != nil:
			return nil
		case errors.Is(err, ErrDeepReorg), errors.Is(err, ErrQueueBroken), errors.Is(err, ErrSink):
			return err
		default:
			w.cfg.Log.Warn("L1 watcher scan failed, retrying", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// Poll scans once: it checks the remembered blocks against the chain
// (rewinding past a reorg), then delivers the messages of the blocks now
// deep enough.
func (w *Watcher) Poll(ctx context.Context, sink Sink) error {
	if len(w.recent) == 0 {
		// Anchor, so that a reorg of every block scanned still finds its
		// fork point: the start's own block when its hash is known (the
		// block of the last message applied), else the block before.
		switch {
		case w.next.BlockHash != (common.Hash{}):
			w.recent = append(w.recent, scanned{number: w.next.Block, hash: w.next.BlockHash, before: w.next})
		case w.next.Block > 0:
			h, err := w.client.HeaderByNumber(ctx, new(big.Int).SetUint64(w.next.Block-1))
			if err != nil {
				return fmt.Errorf("L1 block %d: %w", w.next.Block-1, err)
			}
			w.recent = append(w.recent, scanned{number: w.next.Block - 1, hash: h.Hash(), before: w.next})
		}
	}
	if err := w.checkReorg(ctx, sink); err != nil {
		return err
	}
	head, err := w.client.BlockNumber(ctx)
	if err != nil {
		return fmt.Errorf("L1 head: %w", err)
	}
	if head < w.cfg.Confirmations {
		return nil
	}
	safe := head - w.cfg.Confirmations
	for w.next.Block <= safe {
		to := min(safe, w.next.Block+w.cfg.MaxRange-1)
		if err := w.scan(ctx, sink, w.next.Block, to); err != nil {
			return err
		}
	}
	return nil
}

// scan delivers the messages of blocks from..to and remembers the blocks.
func (w *Watcher) scan(ctx context.Context, sink Sink, from, to uint64) error {
	// The logs must come from one chain: the range's last block is the
	// same before and after the query, and the block before the range is
	// still the one remembered.
	hashAt := func(n uint64) (common.Hash, error) {
		h, err := w.client.HeaderByNumber(ctx, new(big.Int).SetUint64(n))
		if err != nil {
			return common.Hash{}, fmt.Errorf("L1 block %d: %w", n, err)
		}
		return h.Hash(), nil
	}
	last, err := hashAt(to)
	if err != nil {
		return err
	}
	if n := len(w.recent); n > 0 && w.recent[n-1].number == from-1 {
		h, err := hashAt(from - 1)
		if err != nil {
			return err
		}
		if h != w.recent[n-1].hash {
			return fmt.Errorf("%w: block %d", errRaced, from-1)
		}
	}
	logs, err := w.client.FilterLogs(ctx, ethereum.FilterQuery{
		FromBlock: new(big.Int).SetUint64(from), ToBlock: new(big.Int).SetUint64(to),
		Addresses: []common.Address{w.cfg.Bridge},
		Topics:    [][]common.Hash{{bridgeABI.GetABI().Events["L1MessageQueued"].ID}},
	})
	if err != nil {
		return fmt.Errorf("L1 logs %d..%d: %w", from, to, err)
	}
	// The last block of the range anchors reorg detection; a block with
	// messages is remembered too, so a rewind finds the cursor before it.
	cur := w.next
	var ms []Message
	var marks []scanned
	for i := range logs {
		lg := &logs[i]
		if lg.Removed || lg.Address != w.cfg.Bridge || lg.BlockNumber < from || lg.BlockNumber > to {
			continue
		}
		ev, err := bridgeABI.UnpackL1MessageQueuedEvent(lg)
		if err != nil {
			return fmt.Errorf("%w: block %d: %v", ErrQueueBroken, lg.BlockNumber, err)
		}
		if ev.Index < cur.Index && lg.BlockNumber == w.start.Block {
			// Applied before: a cursor resumes at its message's block.
			if ev.Index+1 == cur.Index && common.Hash(ev.QueueHash) != cur.QueueHash {
				return fmt.Errorf("%w: message %d has queue hash %x, the cursor %x", ErrQueueBroken, ev.Index, ev.QueueHash, cur.QueueHash)
			}
			continue
		}
		m := Message{Index: ev.Index, JobID: state.JobID(ev.JobId), Owner: ev.Owner, Params: ev.Params,
			QueueHash: ev.QueueHash, Block: lg.BlockNumber, BlockHash: lg.BlockHash, TxHash: lg.TxHash}
		want, err := NextQueueHash(cur.QueueHash, m.JobID, m.Owner, m.Params)
		if err != nil {
			return fmt.Errorf("%w: %v", ErrQueueBroken, err)
		}
		if m.Index != cur.Index || m.QueueHash != want {
			return fmt.Errorf("%w: message %d (hash %x) after %d messages (want hash %x)", ErrQueueBroken, m.Index, m.QueueHash, cur.Index, want)
		}
		if len(marks) == 0 || marks[len(marks)-1].number != m.Block {
			marks = append(marks, scanned{number: m.Block, hash: m.BlockHash, before: Cursor{Block: m.Block, Index: cur.Index, QueueHash: cur.QueueHash}})
		}
		cur = Cursor{Block: m.Block, Index: m.Index + 1, QueueHash: m.QueueHash}
		ms = append(ms, m)
	}
	// A log's block, and the range's end, must still be the chain's:
	// otherwise the range raced a reorg; scan it again next time.
	if h, err := hashAt(to); err != nil {
		return err
	} else if h != last {
		return fmt.Errorf("%w: block %d", errRaced, to)
	}
	for _, mk := range marks {
		h, err := hashAt(mk.number)
		if err != nil {
			return err
		}
		if h != mk.hash {
			return fmt.Errorf("%w: block %d", errRaced, mk.number)
		}
	}
	if len(ms) > 0 {
		if err := sink.Messages(ctx, ms); err != nil {
			return fmt.Errorf("%w: %w", ErrSink, err)
		}
	}
	cur.Block, cur.BlockHash = to+1, common.Hash{}
	if len(marks) == 0 || marks[len(marks)-1].number != to {
		marks = append(marks, scanned{number: to, hash: last, before: Cursor{Block: to, Index: cur.Index, QueueHash: cur.QueueHash}})
	}
	w.recent = append(w.recent, marks...)
	if over := len(w.recent) - w.cfg.History; over > 0 {
		w.recent = w.recent[over:]
	}
	w.next = cur
	return nil
}

// checkReorg finds the newest remembered block still in the chain and, if
// any after it was replaced, rewinds to it.
func (w *Watcher) checkReorg(ctx context.Context, sink Sink) error {
	i := len(w.recent) - 1
	for ; i >= 0; i-- {
		r := w.recent[i]
		h, err := w.client.HeaderByNumber(ctx, new(big.Int).SetUint64(r.number))
		if err != nil && !errors.Is(err, ethereum.NotFound) {
			return fmt.Errorf("L1 block %d: %w", r.number, err)
		}
		if err == nil && h.Hash() == r.hash {
			break
		}
	}
	if i == len(w.recent)-1 {
		return nil
	}
	if i < 0 {
		return fmt.Errorf("%w: none of the %d blocks scanned since %d is in the chain", ErrDeepReorg, len(w.recent), w.recent[0].number)
	}
	// Blocks after recent[i] are gone: resume right after it, with the
	// messages of the first replaced block void (the sink hears it first,
	// so that a failed Rewind is asked again).
	gone := w.recent[i+1]
	w.cfg.Log.Warn("L1 reorg: rewinding", "from block", gone.number, "message index", gone.before.Index)
	if err := sink.Rewind(ctx, gone.before.Index); err != nil {
		return fmt.Errorf("%w: %w", ErrSink, err)
	}
	kept := w.recent[i]
	w.recent = w.recent[:i+1]
	w.next = Cursor{Block: kept.number + 1, Index: gone.before.Index, QueueHash: gone.before.QueueHash}
	return nil
}
