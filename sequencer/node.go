package sequencer

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/raft"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/client"
	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/datastore"
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/lifecycle"
	"github.com/trainrollup/trainrollup/sequencer/mempool"
	"github.com/trainrollup/trainrollup/sequencer/raftstore"
	"github.com/trainrollup/trainrollup/state"
)

// Node is one member of a sequencer cluster: a raft server whose state
// machine is the chain, the block producer while it leads, the executor of
// every committed block, and the JSON-RPC server.
type Node struct {
	cfg      Config
	log      *slog.Logger
	datasets *datastore.Store

	chain *chainDB
	state *state.Store
	exec  *executor.Executor
	logs  *raftstore.Store
	ov    *overlay
	l1q   *l1Queue // the bridge's L1 messages an L1Follower delivered

	trans  *raft.NetworkTransport
	snaps  *raft.FileSnapshotStore
	raft   *raft.Raft
	notify chan bool
	rpc    *rpcServer

	pool     atomic.Pointer[mempool.Pool] // non-nil while leading
	metrics  *collector                   // registered in cfg.Metrics
	poolWake chan struct{}
	paused   atomic.Bool

	wmu     sync.Mutex
	waiters map[common.Hash][]chan waitResult // tx hash -> told its block or why not

	seqWake   chan struct{} // a block was sequenced
	executed  atomic.Uint64
	posted    atomic.Uint64       // the last block committed on L1, as a batcher reports it
	proven    atomic.Uint64       // the last block a finished L1 proof covers, as a prover reports it
	finalized atomic.Uint64       // the last block of a batch proven on L1, as a prover reports it
	heads     feed[*chain.Header] // each executed block's header
	jobFeed   feed[jobUpdate]     // each job an executed block touched

	ctx     context.Context
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	started atomic.Bool
	stopped sync.Once
	stopErr error
}

var _ lifecycle.Service = (*Node)(nil)

// New opens the node's stores under cfg.DataDir and wires the node; it
// starts nothing. The datasets are local copies (checked against a
// registration's manifest before use): a node that holds them never asks
// DA for their chunks.
func New(cfg Config, datasets ...*dataset.Dataset) (_ *Node, err error) {
	if err := cfg.Check(); err != nil {
		return nil, fmt.Errorf("sequencer config: %w", err)
	}
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	log = log.With("node", cfg.ID)
	cfg.Mempool.ChainID = cfg.ChainID
	n := &Node{cfg: cfg, log: log, poolWake: make(chan struct{}, 1), seqWake: make(chan struct{}, 1),
		waiters: map[common.Hash][]chan waitResult{}, notify: make(chan bool, 16)}
	var closers []io.Closer
	defer func() {
		if err != nil {
			for _, c := range closers {
				err = errors.Join(err, c.Close())
			}
		}
	}()
	if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
		return nil, err
	}
	if n.chain, err = openChainDB(filepath.Join(cfg.DataDir, "chain"), log); err != nil {
		return nil, err
	}
	closers = append(closers, closerFunc(n.chain.close))
	if n.state, err = state.Open(filepath.Join(cfg.DataDir, "state")); err != nil {
		return nil, err
	}
	closers = append(closers, n.state)
	if n.logs, err = raftstore.Open(filepath.Join(cfg.DataDir, "raft"), log); err != nil {
		return nil, err
	}
	closers = append(closers, n.logs)
	n.exec = executor.New(n.state, executor.Config{Backend: cfg.Backend})
	closers = append(closers, closerFunc(n.exec.Close))
	if n.datasets, err = datastore.Open(filepath.Join(cfg.DataDir, "datasets"), cfg.DA, cfg.Namespace, log); err != nil {
		return nil, err
	}
	for _, d := range datasets {
		if _, err := n.datasets.Add(d); err != nil {
			return nil, err
		}
	}
	head, err := n.executedHead()
	if err != nil {
		return nil, err
	}
	n.executed.Store(head)
	n.ov = newOverlay(committedView{n.chain}, n.checkJob)
	n.l1q = &l1Queue{n: n}
	return n, nil
}

// checkJob is the pool's rule for a job creation: valid parameters over a
// dataset the executed chain registered, of a shape that fits the model
// (spec/state.md#transitions), and the operator's AcceptJob.
func (n *Node) checkJob(p state.Params) error {
	if err := executor.CheckShape(p); err != nil {
		return err
	}
	rec, err := n.state.Dataset(p.DatasetRoot)
	if err != nil {
		return err
	}
	if err := executor.CheckFit(p, rec.Samples, int(rec.Features), int(rec.Classes)); err != nil {
		return err
	}
	if n.cfg.AcceptJob != nil {
		return n.cfg.AcceptJob(p)
	}
	return nil
}

type closerFunc func() error

func (f closerFunc) Close() error { return f() }

// Start recovers the chain if needed, starts raft (bootstrapping a new
// cluster when configured), the executor and the JSON-RPC server.
func (n *Node) Start(ctx context.Context) error {
	if !n.started.CompareAndSwap(false, true) {
		return errors.New("node already started")
	}
	n.ctx, n.cancel = context.WithCancel(context.Background())
	hlog := hclog.New(&hclog.LoggerOptions{Name: "raft", Level: hclog.Warn, Output: slogWriter{n.log}})
	var err error
	if n.snaps, err = raft.NewFileSnapshotStoreWithLogger(filepath.Join(n.cfg.DataDir, "snapshots"), 2, hlog); err != nil {
		return err
	}
	if err := n.recoverChain(); err != nil {
		return err
	}
	n.trans, err = raft.NewTCPTransportWithLogger(n.cfg.RaftAddr, nil, 3, 10*time.Second, hlog)
	if err != nil {
		return fmt.Errorf("raft transport on %s: %w", n.cfg.RaftAddr, err)
	}
	rc := raft.DefaultConfig()
	rc.LocalID = raft.ServerID(n.cfg.ID)
	rc.HeartbeatTimeout = n.cfg.HeartbeatTimeout
	rc.ElectionTimeout = n.cfg.ElectionTimeout
	rc.LeaderLeaseTimeout = n.cfg.LeaderLeaseTimeout
	rc.SnapshotInterval = n.cfg.SnapshotInterval
	rc.SnapshotThreshold = n.cfg.SnapshotThreshold
	rc.TrailingLogs = n.cfg.TrailingLogs
	rc.NoSnapshotRestoreOnStart = true // the chain is on disk already
	rc.NotifyCh = n.notify
	rc.Logger = hlog
	f := &fsm{c: n.chain, log: n.log, sequenced: n.sequenced}
	// Recent entries stay in memory: the leader reads every entry it
	// replicates, and followers are usually a few entries behind.
	logs, err := raft.NewLogCache(4096, n.logs)
	if err != nil {
		return err
	}
	if n.raft, err = raft.NewRaft(rc, f, logs, n.logs, n.snaps, n.trans); err != nil {
		n.trans.Close()
		return fmt.Errorf("start raft: %w", err)
	}
	if n.cfg.Bootstrap {
		has, err := raft.HasExistingState(n.logs, n.logs, n.snaps)
		if err != nil {
			return err
		}
		if !has {
			conf := raft.Configuration{}
			peers := n.cfg.Peers
			if len(peers) == 0 {
				peers = []Peer{{ID: n.cfg.ID, Addr: string(n.trans.LocalAddr())}}
			}
			for _, p := range peers {
				conf.Servers = append(conf.Servers, raft.Server{Suffrage: raft.Voter, ID: raft.ServerID(p.ID), Address: raft.ServerAddress(p.Addr)})
			}
			if err := n.raft.BootstrapCluster(conf).Error(); err != nil {
				return fmt.Errorf("bootstrap cluster: %w", err)
			}
			n.log.Info("bootstrapped cluster", "servers", len(conf.Servers))
		}
	}
	if n.rpc, err = newRPCServer(n); err != nil {
		return err
	}
	if n.cfg.Metrics != nil {
		n.metrics = newCollector(n)
		if err := n.cfg.Metrics.Register(n.metrics); err != nil {
			return fmt.Errorf("metrics: %w", err)
		}
	}
	n.wg.Add(2)
	go n.leadership()
	go n.executeLoop()
	if n.cfg.L1 != nil {
		n.wg.Add(1)
		go n.followL1()
	}
	n.log.Info("node started", "raft", n.trans.LocalAddr(), "rpc", n.rpc.url(), "sequenced", n.chain.Head(), "executed", n.executed.Load())
	return nil
}

// recoverChain makes the chain database hold at least raft's latest
// snapshot: raft does not restore snapshots into the FSM at start, and
// replays only the log after the snapshot.
func (n *Node) recoverChain() error {
	metas, err := n.snaps.List()
	if err != nil || len(metas) == 0 {
		return err
	}
	applied, err := n.chain.applied()
	if err != nil {
		return err
	}
	partial, err := n.chain.restoring()
	if err != nil {
		return err
	}
	// The snapshot's own header says which applied index it holds (raft's
	// snapshot index also counts entries the FSM never sees, barriers and
	// no-ops).
	_, rc, err := n.snaps.Open(metas[0].ID)
	if err != nil {
		return fmt.Errorf("open snapshot %s: %w", metas[0].ID, err)
	}
	var hdr [8]byte
	_, err = io.ReadFull(rc, hdr[:])
	rc.Close()
	if err != nil {
		return fmt.Errorf("snapshot %s: %w", metas[0].ID, err)
	}
	if !partial && applied >= binary.BigEndian.Uint64(hdr[:]) {
		return nil
	}
	n.log.Warn("chain behind raft's snapshot, restoring it", "applied", applied, "snapshot_index", metas[0].Index, "interrupted_restore", partial)
	_, rc, err = n.snaps.Open(metas[0].ID)
	if err != nil {
		return fmt.Errorf("open snapshot %s: %w", metas[0].ID, err)
	}
	if partial {
		// The chain is partial: restore whatever its applied index says.
		if err := n.chain.db.Set([]byte{keyApplied}, u64(0), nil); err != nil {
			rc.Close()
			return err
		}
	}
	return (&fsm{c: n.chain, log: n.log}).Restore(rc)
}

// Stop stops the node: it leaves leadership to raft (no transfer), stops
// serving, waits for its goroutines and closes the stores. Idempotent.
func (n *Node) Stop(ctx context.Context) error {
	n.stopped.Do(func() {
		var errs []error
		if n.cancel != nil {
			n.cancel()
		}
		if n.rpc != nil {
			errs = append(errs, n.rpc.close(ctx))
		}
		if n.metrics != nil {
			n.cfg.Metrics.Unregister(n.metrics)
		}
		if n.raft != nil {
			errs = append(errs, n.raft.Shutdown().Error())
		}
		if n.trans != nil {
			errs = append(errs, n.trans.Close())
		}
		n.wg.Wait()
		n.failWaiters()
		errs = append(errs, n.exec.Close(), n.logs.Close(), n.state.Close(), n.chain.close())
		n.stopErr = errors.Join(errs...)
	})
	return n.stopErr
}

// RPCURL is the node's JSON-RPC URL (http://host:port); WebSocket on the
// same address, admin at /admin.
func (n *Node) RPCURL() string { return n.rpc.url() }

// RaftAddr is the address raft listens on.
func (n *Node) RaftAddr() string { return string(n.trans.LocalAddr()) }

// Block returns executed block num: its header and its transactions'
// encodings, for the batcher.
func (n *Node) Block(num uint64) (*chain.Header, [][]byte, error) {
	if num == 0 || num > n.executed.Load() {
		return nil, nil, fmt.Errorf("%w: block %d not executed (executed head %d)", ErrNotFound, num, n.executed.Load())
	}
	h, err := n.header(num)
	if err != nil {
		return nil, nil, err
	}
	n.chain.restoreMu.RLock()
	sb, err := n.chain.block(num)
	n.chain.restoreMu.RUnlock()
	if err != nil {
		return nil, nil, err
	}
	return h, sb.Txs, nil
}

// SetPosted records that blocks up to num are committed on L1 (the
// batcher calls it): the posted head of train_syncStatus, and the base of
// the producer's back-pressure (MaxUnposted).
func (n *Node) SetPosted(num uint64) {
	raise(&n.posted, num)
	select {
	case n.poolWake <- struct{}{}:
	default:
	}
}

// SetProven records that a proof ready for L1 covers the blocks up to num
// (the prover calls it): the proven head of train_syncStatus.
func (n *Node) SetProven(num uint64) { raise(&n.proven, num) }

// SetFinalized records that blocks up to num are in batches proven on L1
// (the prover calls it): their state is final. The finalized head of
// train_syncStatus.
func (n *Node) SetFinalized(num uint64) { raise(&n.finalized, num) }

// raise sets v to num unless it is already at least num.
func raise(v *atomic.Uint64, num uint64) {
	for {
		old := v.Load()
		if num <= old || v.CompareAndSwap(old, num) {
			return
		}
	}
}

// Head is the sequenced head: the number of the last committed block.
func (n *Node) Head() uint64 { return n.chain.Head() }

// Executed is the executed head.
func (n *Node) Executed() uint64 { return n.executed.Load() }

// ID is the node's server id.
func (n *Node) ID() string { return n.cfg.ID }

// Dataset is the executed chain's registration of the dataset with
// root, or state.ErrNotRegistered.
func (n *Node) Dataset(root commit.Element) (*state.DatasetRecord, error) {
	return n.state.Dataset(root)
}

// syncStatus is the node's heads and its leader.
func (n *Node) syncStatus() client.SyncStatus {
	_, id := n.raft.LeaderWithID()
	return client.SyncStatus{Sequenced: hexutil.Uint64(n.chain.Head()), Executed: hexutil.Uint64(n.executed.Load()),
		Posted: hexutil.Uint64(n.posted.Load()), Proven: hexutil.Uint64(n.proven.Load()), Finalized: hexutil.Uint64(n.finalized.Load()),
		Leader: string(id), IsLeader: n.IsLeader()}
}

// IsLeader reports whether the node leads and sequences.
func (n *Node) IsLeader() bool { return n.pool.Load() != nil }

// AwaitLeadership waits until this node leads and sequences (a
// single-node cluster elects itself within about one election timeout).
func (n *Node) AwaitLeadership(ctx context.Context) error {
	for !n.IsLeader() {
		select {
		case <-ctx.Done():
			return fmt.Errorf("node %s is not leading: %w", n.cfg.ID, ctx.Err())
		case <-time.After(5 * time.Millisecond):
		}
	}
	return nil
}

// Raft exposes the raft server, for tests and operators' tooling.
func (n *Node) Raft() *raft.Raft { return n.raft }

// waitResult is what a waiter learns: the transaction's block, or why it
// will not be sequenced.
type waitResult struct {
	block uint64
	err   error
}

// sequenced is the FSM's callback: it resolves waiters and wakes the
// executor.
func (n *Node) sequenced(blocks []sequencedBlock) {
	n.wmu.Lock()
	for _, b := range blocks {
		for _, h := range b.Hashes {
			for _, ch := range n.waiters[h] {
				ch <- waitResult{block: b.Number}
			}
			delete(n.waiters, h)
		}
	}
	n.wmu.Unlock()
	select {
	case n.seqWake <- struct{}{}:
	default:
	}
}

// wait registers interest in transaction h being sequenced.
func (n *Node) wait(h common.Hash) chan waitResult {
	ch := make(chan waitResult, 1)
	n.wmu.Lock()
	n.waiters[h] = append(n.waiters[h], ch)
	n.wmu.Unlock()
	return ch
}

// unwait withdraws ch's interest in h.
func (n *Node) unwait(h common.Hash, ch chan waitResult) {
	n.wmu.Lock()
	defer n.wmu.Unlock()
	ws := n.waiters[h]
	for i, c := range ws {
		if c == ch {
			ws = append(ws[:i], ws[i+1:]...)
			break
		}
	}
	if len(ws) == 0 {
		delete(n.waiters, h)
	} else {
		n.waiters[h] = ws
	}
}

// dropWaiters tells the waiters of transactions that will not be
// sequenced why (refused by the producer, or left in the pool when
// leadership ended).
func (n *Node) dropWaiters(hashes []common.Hash, why error) {
	n.wmu.Lock()
	defer n.wmu.Unlock()
	for _, h := range hashes {
		for _, ch := range n.waiters[h] {
			ch <- waitResult{err: why}
		}
		delete(n.waiters, h)
	}
}

func (n *Node) failWaiters() {
	n.wmu.Lock()
	defer n.wmu.Unlock()
	for h, ws := range n.waiters {
		for _, ch := range ws {
			ch <- waitResult{err: ErrStopped}
		}
		delete(n.waiters, h)
	}
}

// leadership starts the producer when raft makes this node leader and stops
// it when it stops leading.
func (n *Node) leadership() {
	defer n.wg.Done()
	type term struct {
		stop context.CancelFunc
		done chan struct{}
	}
	var cur *term
	end := func() {
		if cur != nil {
			cur.stop()
			<-cur.done
			cur = nil
		}
	}
	defer end()
	for {
		select {
		case <-n.ctx.Done():
			return
		case leader := <-n.notify:
			end()
			if leader {
				ctx, stop := context.WithCancel(n.ctx)
				cur = &term{stop: stop, done: make(chan struct{})}
				go func(done chan struct{}) {
					defer close(done)
					// lead returns when the term ends, or when raft refused a
					// block while this node still leads (then it starts over
					// from the committed chain).
					for {
						n.lead(ctx)
						if ctx.Err() != nil || n.raft.State() != raft.Leader {
							return
						}
						select {
						case <-ctx.Done():
							return
						case <-time.After(100 * time.Millisecond):
						}
					}
				}(cur.done)
			}
		}
	}
}

// slogWriter turns raft's hclog lines into slog records.
type slogWriter struct{ log *slog.Logger }

func (w slogWriter) Write(p []byte) (int, error) {
	msg := strings.TrimSpace(string(p))
	if strings.Contains(msg, "[ERROR]") {
		w.log.Error(msg)
	} else {
		w.log.Warn(msg)
	}
	return len(p), nil
}

// rpcServer serves the node's JSON-RPC.
type rpcServer struct {
	ln   net.Listener
	http *http.Server
	stop func()
	rpcClients
}

func (s *rpcServer) url() string { return "http://" + s.ln.Addr().String() }

func (s *rpcServer) close(ctx context.Context) error {
	s.stop()
	err := s.http.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		err = s.http.Close()
	}
	return err
}

// header returns executed block n's header.
func (n *Node) header(num uint64) (*chain.Header, error) {
	if num == 0 {
		return &chain.Genesis(n.cfg.GenesisTime).Header, nil
	}
	return n.storedHeader(num)
}
