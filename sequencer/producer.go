package sequencer

import (
	"context"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/hashicorp/raft"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/l1"
	"github.com/trainrollup/trainrollup/rollup"
	"github.com/trainrollup/trainrollup/sequencer/mempool"
	"github.com/trainrollup/trainrollup/state"
)

// lead runs while this node is the raft leader: it brings the chain up to
// date (Barrier), announces the node's JSON-RPC address, then makes blocks
// from the L1 messages, the mempool and the seeded jobs' steps until ctx
// ends or raft
// refuses a block (leadership lost). Blocks are proposed with up to
// MaxInflight in flight; a transaction is acknowledged only once raft
// applied its block (see Node.sequenced).
func (n *Node) lead(ctx context.Context) {
	log := n.log.With("role", "leader")
	if err := n.raft.Barrier(n.cfg.ConfirmTimeout).Error(); err != nil {
		log.Warn("barrier failed; not sequencing", "err", err)
		return
	}
	if a, _ := n.chain.member(n.cfg.ID); a != n.rpc.url() {
		e, err := encodeEntry(entryMember, &memberEntry{ID: n.cfg.ID, RPC: n.rpc.url()})
		if err == nil {
			err = n.raft.Apply(e, n.cfg.ConfirmTimeout).Error()
		}
		if err != nil {
			log.Warn("announcing the RPC address failed; not sequencing", "err", err)
			return
		}
	}
	n.ov.reset()
	n.paused.Store(false) // a new term starts unpaused (spec/rpc.md#admin_)
	pool, err := mempool.New(n.cfg.Mempool, n.ov)
	if err != nil { // sequencer.New checked it: not reached
		log.Error("not sequencing", "err", err)
		return
	}
	pool.OnDrop(func(h common.Hash, why error) { n.dropWaiters([]common.Hash{h}, why) })
	n.pool.Store(pool)
	log.Info("leading", "head", n.chain.Head())
	defer func() {
		n.pool.Store(nil)
		pool.Close() // a send that loaded the pool just now gets ErrClosed
		n.dropWaiters(pool.Hashes(), ErrNotSequenced)
		n.ov.reset()
		log.Info("stopped leading", "head", n.chain.Head())
	}()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Futures are checked in order by one goroutine; the first failure ends
	// the term (later proposals fail too: raft lost leadership).
	inflight := make(chan raft.ApplyFuture, n.cfg.MaxInflight)
	collected := make(chan struct{})
	go func() {
		defer close(collected)
		for f := range inflight {
			err := f.Error()
			if err == nil {
				if e, ok := f.Response().(error); ok {
					err = e
				}
			}
			if err != nil {
				log.Warn("block not committed", "err", err)
				cancel()
			}
		}
	}()
	defer func() {
		close(inflight)
		<-collected
	}()

	head := n.chain.Head()
	lastTime := uint64(0)
	if head > 0 {
		if b, err := n.chain.block(head); err == nil {
			lastTime = b.Time
		}
	}
	seed := newSeeder(n.chain.seededJobs(), head)
	l1Next := n.chain.l1Consumed() // the next L1 message, with the blocks in flight
	var last time.Time
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-n.poolWake:
		case <-timer.C:
		}
		if n.chain.Head() == head {
			// Everything proposed is applied: the overlay holds nothing the
			// chain does not, so it can shrink.
			n.ov.reset()
		}
		if n.paused.Load() {
			continue
		}
		if seed.pending() {
			// Seeded jobs wait for their creations' execution or for
			// execution to catch up: look again a block time later (an
			// executed block touching a seeded job wakes us sooner).
			timer.Reset(n.cfg.BlockTime)
		}
		var work []seededWork
		if n.executionKeepsUp(head) {
			work = seed.runnable(n)
		}
		l1Msgs := n.l1q.next(l1Next, n.cfg.MaxBlockTxs)
		if pool.Len() == 0 && len(work) == 0 && len(l1Msgs) == 0 {
			continue
		}
		if n.cfg.MaxUnposted > 0 && head > n.posted.Load()+n.cfg.MaxUnposted {
			// Back-pressure: wait for the batcher (SetPosted wakes us).
			timer.Reset(100 * time.Millisecond)
			continue
		}
		if wait := n.cfg.BlockTime - time.Since(last); wait > 0 && pool.Len() < n.cfg.MaxBlockTxs {
			timer.Reset(wait)
			continue
		}
		blk := n.buildBlock(pool, seed, work, l1Msgs, l1Next, head+1, lastTime)
		if blk == nil {
			continue
		}
		e, err := encodeEntry(entryBlock, blk)
		if err != nil {
			log.Error("encode block", "err", err)
			return
		}
		f := n.raft.Apply(e, n.cfg.ConfirmTimeout)
		// The block is proposed: whatever happens to the term now, its
		// transactions leave the pool (they may still commit; their waiters
		// learn it from the FSM or time out as unconfirmed), and the
		// collector always sees the future.
		head, lastTime, last, l1Next = blk.Number, blk.Time, time.Now(), blk.L1Messages
		pool.Reset()
		inflight <- f
		if pool.Len() > 0 {
			select {
			case n.poolWake <- struct{}{}:
			default:
			}
		}
	}
}

// executionKeepsUp reports whether this node executed the blocks up to
// head but for at most MaxInflight: seeded steps are scheduled only then,
// so that they go at the speed of execution instead of piling up
// unexecuted blocks (a node that does not execute does not wait).
func (n *Node) executionKeepsUp(head uint64) bool {
	return !n.cfg.Execute || n.executed.Load()+uint64(n.cfg.MaxInflight) >= head
}

// buildBlock makes block number: first the L1 messages msgs, the next of
// the queue after the consumed ones (spec/bridge.md#l1-messages), then the
// pool's runnable transactions that pass the sequencing rules against the
// overlay (which they then advance), then the seeded steps seed shares out
// among work; a transaction that fails the rules leaves the pool with its
// waiter told. The block's transitions stay within MaxBlockTxs: seeded
// steps get up to SeededStepsPerBlock of what the L1 messages leave, and
// at most half while the pool has transactions. It returns nil when
// nothing is left.
func (n *Node) buildBlock(pool *mempool.Pool, seed *seeder, work []seededWork, msgs []l1.Message, consumed uint64, number, parentTime uint64) *rollup.Block {
	blk := &rollup.Block{Number: number, Time: max(uint64(time.Now().Unix()), parentTime, n.cfg.GenesisTime), L1Messages: consumed}
	for _, m := range msgs {
		tx, err := m.Tx()
		var raw []byte
		if err == nil {
			raw, err = tx.MarshalBinary()
		}
		if err == nil {
			err = n.ov.sequence(tx, common.Address{}) // always sequenced: the queue decides
		}
		if err != nil { // the bridge queued what the rollup cannot encode: not reached
			n.log.Error("L1 message not included: the queue stops here", "index", m.Index, "err", err)
			break
		}
		blk.Txs = append(blk.Txs, raw)
		blk.Senders = append(blk.Senders, common.Address{})
		blk.L1Messages++
		if state.Order(tx.Params.Order) == state.OrderSeeded {
			seed.add(tx.Job, number)
		}
	}
	room := uint64(n.cfg.MaxBlockTxs - len(blk.Txs))
	var demand uint64
	for _, w := range work {
		demand += w.left
	}
	reserve := min(uint64(n.cfg.SeededStepsPerBlock), demand, room)
	if pool.Len() > 0 {
		reserve = min(reserve, room/2)
	}
	for _, p := range pool.Pending(int(room - reserve)) {
		if err := n.ov.sequence(p.Tx, p.Sender); err != nil {
			n.log.Debug("transaction left out", "tx", p.Hash, "err", err)
			pool.Remove(p.Hash)
			n.dropWaiters([]common.Hash{p.Hash}, err)
			continue
		}
		blk.Txs = append(blk.Txs, p.Raw)
		blk.Senders = append(blk.Senders, p.Sender)
		if p.Tx.Type == chain.TxCreateJob && state.Order(p.Tx.Params.Order) == state.OrderSeeded {
			seed.add(p.Tx.Job, number)
		}
	}
	budget := min(uint64(n.cfg.SeededStepsPerBlock), uint64(n.cfg.MaxBlockTxs-len(blk.Txs)))
	for _, w := range seed.share(work, budget) {
		tx := seededTx(w)
		raw, err := tx.MarshalBinary()
		if err == nil {
			err = n.ov.sequence(tx, common.Address{})
		}
		if err != nil { // the overlay said these steps are left: not reached
			n.log.Error("seeded steps left out", "job", w.id, "first", w.first, "count", w.count, "err", err)
			continue
		}
		blk.Txs = append(blk.Txs, raw)
		blk.Senders = append(blk.Senders, common.Address{})
	}
	if len(blk.Txs) == 0 {
		return nil
	}
	return blk
}
