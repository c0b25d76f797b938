package sequencer

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/trainrollup/trainrollup/da"
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/sequencer/mempool"
	"github.com/trainrollup/trainrollup/state"
)

// Config configures a sequencer node.
type Config struct {
	// ID names this server in the raft cluster; unique and stable across
	// restarts.
	ID string
	// DataDir holds the raft log, raft snapshots, the chain and the state.
	DataDir string
	// RaftAddr is the TCP address raft listens on and advertises
	// (host:port; port 0 picks a free one, for tests).
	RaftAddr string
	// RPCAddr is the address JSON-RPC listens on, over HTTP and WebSocket
	// (host:port; port 0 picks a free one). The train_ namespace is served
	// at /, the admin_ namespace at /admin behind JWT.
	RPCAddr string
	// AdminSecret is the 32-byte HS256 secret of admin JWTs (the engine
	// API's scheme: a token with an iat within 60 s); every member of a
	// cluster shares it, since followers forward admin writes to the leader.
	AdminSecret [32]byte
	// Bootstrap starts a new cluster whose first configuration is Peers (or
	// this node alone when Peers is empty). Bootstrapping a node that
	// already has raft state does nothing.
	Bootstrap bool
	// Peers are the initial voters of a bootstrapped cluster (including
	// this node).
	Peers []Peer
	// ChainID is the rollup's chain id (spec/transactions.md).
	ChainID uint64
	// GenesisTime is block 0's time (unix seconds).
	GenesisTime uint64
	// BlockTime is the shortest interval between two blocks: pending
	// transactions wait at most this long for the next block, unless the
	// block fills up first. Blocks are made only when there is something
	// to sequence.
	BlockTime time.Duration
	// MaxBlockTxs caps the transitions of one block (at most
	// chain.MaxBlockTxs): each transaction counts one, a SeededSteps one
	// per step (chain.Transitions). A chain proven with k = 1 sets it to
	// at most the prover's slots, so that every block fits one L1 proof.
	MaxBlockTxs int
	// SeededStepsPerBlock caps the seeded jobs' steps the leader schedules
	// in one block (spec/transactions.md#seeded-steps), shared fairly
	// among the jobs with steps left. While clients' transactions wait,
	// seeded steps take at most half of MaxBlockTxs; alone, all of it.
	SeededStepsPerBlock int
	// MaxInflight caps the blocks proposed to raft and not yet applied.
	MaxInflight int
	// ConfirmTimeout bounds how long train_sendRawTransaction waits for
	// the transaction's block to be committed.
	ConfirmTimeout time.Duration
	// MaxUnposted pauses block production while more than this many
	// sequenced blocks wait to be committed on L1 (SetPosted; 0: no
	// limit): back-pressure from a batcher that cannot keep up, so that
	// nothing piles up unposted without bound.
	MaxUnposted uint64
	// Execute runs the executor on every sequenced block (state roots,
	// receipts, train_getJob). A node that only sequences (a throughput
	// test of the raft path) turns it off.
	Execute bool
	// Mempool bounds the leader's pool (DefaultConfig: mempool's
	// defaults); its ChainID is set from ChainID.
	Mempool mempool.Config
	// Raft timing: heartbeat and election timeout, leader lease; a leader
	// is replaced within about ElectionTimeout plus one election.
	HeartbeatTimeout   time.Duration
	ElectionTimeout    time.Duration
	LeaderLeaseTimeout time.Duration
	// SnapshotInterval and SnapshotThreshold: raft checks every interval
	// and snapshots when that many entries were added since the last one.
	SnapshotInterval  time.Duration
	SnapshotThreshold uint64
	// TrailingLogs is how many entries raft keeps after a snapshot, so that
	// a slightly lagging follower catches up from the log.
	TrailingLogs uint64
	// Log receives the node's logs (nil: discard).
	Log *slog.Logger
	// AcceptJob, when set, is one more admission rule for job creations,
	// after the executor's: a chain whose prover proves one step circuit
	// refuses jobs of other shapes, which could never be proven. It is a
	// mempool rule (a crash-fault leader applies it), not a validity rule
	// of blocks.
	AcceptJob func(state.Params) error
	// Backend runs the executor's training steps (nil: the CPU). Every
	// backend gives the same bits; a GPU only makes execution faster.
	Backend executor.Backend
	// Metrics, when set, gets the node's Prometheus metrics (heads,
	// mempool, raft), and the JSON-RPC server serves the whole registry
	// at /metrics.
	Metrics *prometheus.Registry
	// DA is where the node fetches registered datasets' chunks
	// (spec/dataset.md#registration); nil: only the local copies given to
	// New and its dataset cache (DataDir/datasets).
	DA da.Layer
	// Namespace is the rollup's DA namespace, in which datasets are
	// published (DefaultConfig: DefaultNamespace).
	Namespace da.Namespace
	// DatasetFetchTimeout bounds the leader's check of a registration's
	// chunks before it admits it (spec/dataset.md#registration).
	DatasetFetchTimeout time.Duration
	// L1, when set, is the bridge whose L1 message queue the node follows:
	// the leader includes every message, in queue order, first in its
	// blocks (spec/bridge.md#l1-messages), and schedules the steps of the
	// seeded jobs they create. nil: the chain consumes no L1 message.
	L1 *L1Config
}

// DefaultNamespace is the rollup's DA namespace unless configured
// otherwise: the id "trainrl".
var DefaultNamespace = func() da.Namespace {
	ns, err := da.NewNamespace([]byte("trainrl"))
	if err != nil {
		panic(err)
	}
	return ns
}()

// Peer is a member of the initial configuration.
type Peer struct {
	ID   string
	Addr string // raft TCP address
}

// DefaultConfig returns a single-node configuration on loopback with
// sane timings; set ID, DataDir and ChainID.
func DefaultConfig() Config {
	return Config{
		ID:                  "node0",
		RaftAddr:            "127.0.0.1:7000",
		RPCAddr:             "127.0.0.1:8545",
		ChainID:             1337,
		BlockTime:           10 * time.Millisecond,
		MaxBlockTxs:         4096,
		SeededStepsPerBlock: 64,
		MaxInflight:         8,
		ConfirmTimeout:      10 * time.Second,
		Execute:             true,
		Mempool:             mempool.DefaultConfig(),
		HeartbeatTimeout:    500 * time.Millisecond,
		ElectionTimeout:     500 * time.Millisecond,
		LeaderLeaseTimeout:  250 * time.Millisecond,
		SnapshotInterval:    30 * time.Second,
		SnapshotThreshold:   8192,
		TrailingLogs:        10240,
		Namespace:           DefaultNamespace,
		DatasetFetchTimeout: 2 * time.Minute,
	}
}

// Check reports every invalid field.
func (c *Config) Check() error {
	var errs []error
	if c.ID == "" {
		errs = append(errs, errors.New("ID is empty"))
	}
	if c.DataDir == "" {
		errs = append(errs, errors.New("DataDir is empty"))
	}
	if _, _, err := net.SplitHostPort(c.RaftAddr); err != nil {
		errs = append(errs, fmt.Errorf("RaftAddr %q: %w", c.RaftAddr, err))
	}
	if _, _, err := net.SplitHostPort(c.RPCAddr); err != nil {
		errs = append(errs, fmt.Errorf("RPCAddr %q: %w", c.RPCAddr, err))
	}
	if c.AdminSecret == ([32]byte{}) {
		errs = append(errs, errors.New("AdminSecret is zero"))
	}
	if c.ChainID == 0 {
		errs = append(errs, errors.New("ChainID is 0"))
	}
	if c.BlockTime <= 0 {
		errs = append(errs, fmt.Errorf("BlockTime %v is not positive", c.BlockTime))
	}
	if c.MaxBlockTxs < 1 || c.MaxBlockTxs > 1<<16 {
		errs = append(errs, fmt.Errorf("MaxBlockTxs %d outside [1, 65536]", c.MaxBlockTxs))
	}
	if c.SeededStepsPerBlock < 1 {
		errs = append(errs, fmt.Errorf("SeededStepsPerBlock %d below 1", c.SeededStepsPerBlock))
	}
	if c.MaxInflight < 1 {
		errs = append(errs, fmt.Errorf("MaxInflight %d below 1", c.MaxInflight))
	}
	if c.ConfirmTimeout <= 0 {
		errs = append(errs, fmt.Errorf("ConfirmTimeout %v is not positive", c.ConfirmTimeout))
	}
	if err := da.CheckNamespace(c.Namespace); err != nil {
		errs = append(errs, fmt.Errorf("field Namespace: %w", err))
	}
	if c.L1 != nil {
		if err := c.L1.check(); err != nil {
			errs = append(errs, fmt.Errorf("field L1: %w", err))
		}
	}
	if c.DatasetFetchTimeout <= 0 {
		errs = append(errs, fmt.Errorf("DatasetFetchTimeout %v is not positive", c.DatasetFetchTimeout))
	}
	pool := c.Mempool
	pool.ChainID = c.ChainID // as New sets it
	if err := pool.Check(); err != nil {
		errs = append(errs, fmt.Errorf("field Mempool: %w", err))
	}
	if c.HeartbeatTimeout < 5*time.Millisecond || c.ElectionTimeout < c.HeartbeatTimeout {
		errs = append(errs, fmt.Errorf("HeartbeatTimeout %v must be at least 5ms and at most ElectionTimeout %v", c.HeartbeatTimeout, c.ElectionTimeout))
	}
	if c.LeaderLeaseTimeout <= 0 || c.LeaderLeaseTimeout > c.HeartbeatTimeout {
		errs = append(errs, fmt.Errorf("LeaderLeaseTimeout %v must be positive and at most HeartbeatTimeout", c.LeaderLeaseTimeout))
	}
	if c.SnapshotInterval <= 0 || c.SnapshotThreshold == 0 {
		errs = append(errs, errors.New("SnapshotInterval and SnapshotThreshold must be positive"))
	}
	seen := map[string]bool{}
	for _, p := range c.Peers {
		if p.ID == "" || seen[p.ID] {
			errs = append(errs, fmt.Errorf("peer id %q empty or repeated", p.ID))
		}
		seen[p.ID] = true
		if _, _, err := net.SplitHostPort(p.Addr); err != nil {
			errs = append(errs, fmt.Errorf("peer %s address %q: %w", p.ID, p.Addr, err))
		}
	}
	if len(c.Peers) > 0 && !seen[c.ID] {
		errs = append(errs, fmt.Errorf("the peers do not include this node (%s)", c.ID))
	}
	return errors.Join(errs...)
}
