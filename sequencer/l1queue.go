package sequencer

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/trainrollup/trainrollup/l1"
)

// l1Queue holds the bridge's L1 messages (spec/bridge.md#l1-messages)
// that a watcher delivered and the chain has not consumed yet: the leader
// includes them, in queue order, first in its blocks. Every member keeps
// one, so that a new leader has the queue at hand. It is an l1.Sink and
// safe for concurrent use.
type l1Queue struct {
	n    *Node
	mu   sync.Mutex
	msgs []l1.Message // consecutive indices from msgs[0].Index
}

var _ l1.Sink = (*l1Queue)(nil)

// Messages implements l1.Sink: it appends ms, replacing what it held from
// ms[0] on (messages delivered again after a rewind or a new watcher), and
// drops what the chain consumed.
func (q *l1Queue) Messages(_ context.Context, ms []l1.Message) error {
	if len(ms) == 0 {
		return nil
	}
	consumed := q.n.chain.l1Consumed()
	q.mu.Lock()
	if len(q.msgs) > 0 {
		first, end := q.msgs[0].Index, q.msgs[len(q.msgs)-1].Index+1
		if i := ms[0].Index; i >= first && i <= end {
			q.msgs = q.msgs[:i-first]
		} else { // from before what it holds (a new watcher), or after a gap
			q.msgs = nil
		}
	}
	q.msgs = append(q.msgs, ms...)
	q.trimLocked(consumed)
	has := len(q.msgs) > 0
	q.mu.Unlock()
	if has {
		q.n.wakeProducer()
	}
	return nil
}

// Rewind implements l1.Sink: an L1 reorg removed the messages from index
// on. Those the chain has not consumed are dropped; a consumed one cannot
// be taken back (the chain is final for its sequencer), so it is logged:
// unless the new L1 chain queues the same messages again (the requests
// mined again in the same order give the same queue hash), no batch that
// consumes them can be committed. The watcher's Confirmations make this as
// unlikely as the operator wants.
func (q *l1Queue) Rewind(_ context.Context, index uint64) error {
	if consumed := q.n.chain.l1Consumed(); index < consumed {
		q.n.log.Error("an L1 reorg removed L1 messages the chain consumed: batches need them queued again, identically",
			"from", index, "consumed", consumed)
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.msgs) > 0 && q.msgs[len(q.msgs)-1].Index >= index {
		q.msgs = q.msgs[:len(q.msgs)-1]
	}
	return nil
}

func (q *l1Queue) trimLocked(consumed uint64) {
	k := 0
	for k < len(q.msgs) && q.msgs[k].Index < consumed {
		k++
	}
	q.msgs = q.msgs[k:]
}

// next returns up to max messages from index from on, in order.
func (q *l1Queue) next(from uint64, max int) []l1.Message {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.trimLocked(q.n.chain.l1Consumed())
	if len(q.msgs) == 0 || from < q.msgs[0].Index {
		return nil
	}
	k := from - q.msgs[0].Index
	if k >= uint64(len(q.msgs)) {
		return nil
	}
	return append([]l1.Message(nil), q.msgs[k:min(uint64(len(q.msgs)), k+uint64(max))]...)
}

// L1Config makes a node follow a bridge's L1 message queue.
type L1Config struct {
	// Client reads L1 (required).
	Client l1.Client
	// Watcher configures the queue's watcher; Bridge is required, and
	// Confirmations is how deep a message's L1 block must be before the
	// leader includes it.
	Watcher l1.WatcherConfig
	// FromBlock is the L1 block the bridge was deployed in: every watcher
	// starts there (the chain's consumed count says which messages are
	// new).
	FromBlock uint64
	// Retry is the pause before a watcher that failed for good (a reorg
	// deeper than its history, a queue that does not chain: the wrong
	// bridge) starts again (0: 10 s).
	Retry time.Duration
}

// check reports an invalid field.
func (c *L1Config) check() error {
	if c.Client == nil {
		return errors.New("no client")
	}
	_, err := l1.NewWatcher(c.Client, c.Watcher, l1.Cursor{Block: c.FromBlock})
	return err
}

// followL1 runs the watcher of n.cfg.L1 until the node stops, handing the
// messages to n.l1q. Every member follows, so that whoever leads has the
// queue at hand. A watcher that fails for good is logged and started again
// from the deployment block after a pause, so that a passing fault heals
// by itself.
func (n *Node) followL1() {
	defer n.wg.Done()
	cfg := *n.cfg.L1
	if cfg.Watcher.Log == nil {
		cfg.Watcher.Log = n.log.With("part", "l1-watcher")
	}
	retry := cfg.Retry
	if retry <= 0 {
		retry = 10 * time.Second
	}
	for {
		w, err := l1.NewWatcher(cfg.Client, cfg.Watcher, l1.Cursor{Block: cfg.FromBlock})
		if err == nil {
			err = w.Run(n.ctx, n.l1q)
		}
		if n.ctx.Err() != nil {
			return
		}
		n.log.Error("L1 message watcher stopped; starting again from the bridge's deployment", "err", err, "in", retry)
		select {
		case <-n.ctx.Done():
			return
		case <-time.After(retry):
		}
	}
}
