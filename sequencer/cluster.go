package sequencer

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/trainrollup/trainrollup/client"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/lifecycle"
)

// A Member is one node of a Cluster as the cluster sees it: a *Node of
// this process, or a node reached another way (a node process over its
// RPC, in the CLI's tests). Its Stop may be as hard as the member's owner
// wants (a process member may kill), but it must leave the member's data
// directory to a member made again by ClusterConfig.New.
type Member interface {
	lifecycle.Service
	// Status is the member's heads and whether it leads
	// (train_syncStatus).
	Status(ctx context.Context) (client.SyncStatus, error)
	// BlockHash is the hash of executed block num (0: genesis).
	BlockHash(ctx context.Context, num uint64) (common.Hash, error)
}

// ClusterConfig is what a Cluster is made of.
type ClusterConfig[M Member] struct {
	// Size is the number of members.
	Size int
	// New makes member i, not started: at the cluster's start, and again
	// for every StartMember after a StopMember (a new member over the
	// same data directory and addresses).
	New func(i int) (M, error)
	// Join, if set, runs once after the cluster's Start started every
	// member: to make them one cluster (JoinVoters, for members that do
	// not bootstrap with a static peer list).
	Join func(ctx context.Context, members []M) error
	// Poll is how often Leader and Converge look again; 0: 10 ms.
	Poll time.Duration
}

// Cluster runs the members of one sequencer cluster and answers what an
// operator or a test of one asks: which member leads, whether the running
// members converged on one head, whether they hold one chain. Members can
// be stopped and started again while it runs. It keeps the lifecycle
// contract: Start starts the members in order (a failed start stops those
// already started), Stop stops the running ones in reverse order, joining
// their errors, and is idempotent.
//
// The devnet and `trainrollup bench sequencer` run their nodes as one
// (NewNodeCluster), and so do the package's tests; the CLI's tests run node
// processes through it.
type Cluster[M Member] struct {
	cfg ClusterConfig[M]

	mu      sync.Mutex
	members []M
	running []bool
}

// NewCluster makes a cluster of cfg.Size members; it starts nothing.
func NewCluster[M Member](cfg ClusterConfig[M]) (*Cluster[M], error) {
	if cfg.Size < 1 {
		return nil, fmt.Errorf("cluster: size %d, want at least 1", cfg.Size)
	}
	if cfg.New == nil {
		return nil, errors.New("cluster: no New")
	}
	if cfg.Poll <= 0 {
		cfg.Poll = 10 * time.Millisecond
	}
	return &Cluster[M]{cfg: cfg, members: make([]M, cfg.Size), running: make([]bool, cfg.Size)}, nil
}

// NewNodeCluster is a cluster of Nodes of this process: node i runs
// cfgs[i] over data(i) (nil data: none). When the configurations name no
// peers (node 0 bootstraps alone, every address may be port 0), the
// others join it as voters once started (JoinVoters, within 30 s of the
// start); with static peers they are one cluster from the start. A node
// started again (StartMember) binds its configured addresses, so
// restarting needs fixed ones.
func NewNodeCluster(cfgs []Config, data func(i int) []*dataset.Dataset) (*Cluster[*Node], error) {
	for i, cfg := range cfgs {
		if err := cfg.Check(); err != nil {
			return nil, fmt.Errorf("cluster: node %d: %w", i, err)
		}
	}
	cc := ClusterConfig[*Node]{Size: len(cfgs), New: func(i int) (*Node, error) {
		var ds []*dataset.Dataset
		if data != nil {
			ds = data(i)
		}
		return New(cfgs[i], ds...)
	}}
	if len(cfgs) > 0 && len(cfgs[0].Peers) == 0 {
		cc.Join = func(ctx context.Context, nodes []*Node) error {
			peers := make([]Peer, len(nodes))
			for i, n := range nodes {
				peers[i] = Peer{ID: n.ID(), Addr: n.RaftAddr()}
			}
			jctx, cancel := context.WithTimeoutCause(ctx, 30*time.Second, errors.New("30 s passed"))
			defer cancel()
			_, err := JoinVoters(jctx, nodes, peers)
			return err
		}
	}
	return NewCluster(cc)
}

// Start starts every member in order, then joins them (ClusterConfig.Join).
// If one fails, those already started are stopped.
func (c *Cluster[M]) Start(ctx context.Context) error {
	for i := range c.Size() {
		if _, err := c.StartMember(ctx, i); err != nil {
			return errors.Join(err, c.Stop(ctx))
		}
	}
	if c.cfg.Join != nil {
		if err := c.cfg.Join(ctx, c.Members()); err != nil {
			return errors.Join(fmt.Errorf("cluster: join: %w", err), c.Stop(ctx))
		}
	}
	return nil
}

// Stop stops every running member, last first, and joins their errors.
func (c *Cluster[M]) Stop(ctx context.Context) error {
	var errs []error
	for i := c.Size() - 1; i >= 0; i-- {
		errs = append(errs, c.StopMember(ctx, i))
	}
	return errors.Join(errs...)
}

// StartMember makes member i (ClusterConfig.New) and starts it; a member
// that runs is left as it is.
func (c *Cluster[M]) StartMember(ctx context.Context, i int) (M, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var zero M
	if i < 0 || i >= c.cfg.Size {
		return zero, fmt.Errorf("cluster: no member %d of %d", i, c.cfg.Size)
	}
	if c.running[i] {
		return c.members[i], nil
	}
	m, err := c.cfg.New(i)
	if err != nil {
		return zero, fmt.Errorf("cluster: member %d: %w", i, err)
	}
	if err := m.Start(ctx); err != nil {
		return zero, errors.Join(fmt.Errorf("cluster: start member %d: %w", i, err), m.Stop(ctx))
	}
	c.members[i], c.running[i] = m, true
	return m, nil
}

// StopMember stops member i, if it runs.
func (c *Cluster[M]) StopMember(ctx context.Context, i int) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if i < 0 || i >= c.cfg.Size || !c.running[i] {
		return nil
	}
	m := c.members[i]
	var zero M
	c.members[i], c.running[i] = zero, false
	if err := m.Stop(ctx); err != nil {
		return fmt.Errorf("cluster: stop member %d: %w", i, err)
	}
	return nil
}

// Add makes room for one more member, not started, and returns its
// index: ClusterConfig.New must know how to make it (StartMember), and the
// cluster's leader must be told to add it to the raft configuration (an
// admin_addVoter, or Raft().AddVoter) unless it joins some other way.
func (c *Cluster[M]) Add() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	var zero M
	c.members, c.running = append(c.members, zero), append(c.running, false)
	c.cfg.Size++
	return c.cfg.Size - 1
}

// Size is the number of members, running or not.
func (c *Cluster[M]) Size() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cfg.Size
}

// Member is member i and whether it runs.
func (c *Cluster[M]) Member(i int) (M, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if i < 0 || i >= c.cfg.Size {
		var zero M
		return zero, false
	}
	return c.members[i], c.running[i]
}

// Members are the running members, in order.
func (c *Cluster[M]) Members() []M {
	_, ms := c.runningMembers()
	return ms
}

// runningMembers returns the indices and members that run now.
func (c *Cluster[M]) runningMembers() ([]int, []M) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var is []int
	var ms []M
	for i, m := range c.members {
		if c.running[i] {
			is, ms = append(is, i), append(ms, m)
		}
	}
	return is, ms
}

// Leader waits, while ctx lasts, until exactly one running member says it
// leads, and returns its index. A member that does not answer counts as
// not leading.
func (c *Cluster[M]) Leader(ctx context.Context) (int, error) {
	leader := -1
	err := c.poll(ctx, "a single leader", func() error {
		is, ms := c.runningMembers()
		var leaders []int
		for k, m := range ms {
			if st, err := status(ctx, m); err == nil && st.IsLeader {
				leaders = append(leaders, is[k])
			}
		}
		if len(leaders) != 1 {
			return fmt.Errorf("members %v lead", leaders)
		}
		leader = leaders[0]
		return nil
	})
	return leader, err
}

// Converge waits, while ctx lasts, until every running member has
// executed everything it sequenced and all of them the same head, at
// least min; then it checks that they hold the same chain up to that head
// (SameChain) and returns the head.
func (c *Cluster[M]) Converge(ctx context.Context, min uint64) (uint64, error) {
	var head uint64
	err := c.poll(ctx, fmt.Sprintf("the members to converge on a head >= %d", min), func() error {
		_, ms := c.runningMembers()
		if len(ms) == 0 {
			return errors.New("no member runs")
		}
		var heads []string
		same := true
		for k, m := range ms {
			st, err := status(ctx, m)
			if err != nil {
				return err
			}
			heads = append(heads, fmt.Sprintf("%d/%d", st.Executed, st.Sequenced))
			if k == 0 {
				head = uint64(st.Executed)
			}
			if uint64(st.Executed) != head || uint64(st.Sequenced) != head {
				same = false
			}
		}
		if !same || head < min {
			return fmt.Errorf("executed/sequenced %v", heads)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return head, c.SameChain(ctx, head)
}

// SameChain checks that every running member holds the same block hashes
// (so the same state roots) from genesis up to head, each executed.
func (c *Cluster[M]) SameChain(ctx context.Context, head uint64) error {
	is, ms := c.runningMembers()
	if len(ms) == 0 {
		return errors.New("cluster: no member runs")
	}
	for b := uint64(0); b <= head; b++ {
		ref, err := ms[0].BlockHash(ctx, b)
		if err != nil {
			return fmt.Errorf("cluster: member %d, block %d: %w", is[0], b, err)
		}
		for k, m := range ms[1:] {
			h, err := m.BlockHash(ctx, b)
			if err != nil {
				return fmt.Errorf("cluster: member %d, block %d: %w", is[k+1], b, err)
			}
			if h != ref {
				return fmt.Errorf("cluster: fork at block %d: member %d has %s, member %d has %s", b, is[0], ref, is[k+1], h)
			}
		}
	}
	return nil
}

// status asks m for its status, giving it a second to answer: a member
// that hangs must not stall a wait for the others.
func status(ctx context.Context, m Member) (client.SyncStatus, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	return m.Status(ctx)
}

// poll calls f every Poll until it returns nil or ctx ends; then the
// error says what was awaited and what f said last.
func (c *Cluster[M]) poll(ctx context.Context, what string, f func() error) error {
	return pollUntil(ctx, c.cfg.Poll, what, f)
}

func pollUntil(ctx context.Context, every time.Duration, what string, f func() error) error {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		err := f()
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("cluster: waited for %s: %w (last: %v)", what, context.Cause(ctx), err)
		case <-t.C:
		}
	}
}

// Status is the node's heads and whether it leads (train_syncStatus).
func (n *Node) Status(context.Context) (client.SyncStatus, error) {
	return n.syncStatus(), nil
}

// BlockHash is the hash of executed block num (0: genesis).
func (n *Node) BlockHash(_ context.Context, num uint64) (common.Hash, error) {
	h, err := n.header(num)
	if err != nil {
		return common.Hash{}, err
	}
	return h.Hash(), nil
}

var _ Member = (*Node)(nil)
