package sequencer

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/rpc"
	"github.com/hashicorp/raft"
)

// forwardAgent is the User-Agent of forwarded calls: a node that receives
// one and does not lead refuses it rather than forwarding it again, so two
// nodes with stale views of the leader never bounce a call between them.
const forwardAgent = "trainrollup-forward/1"

// forwarded reports whether the call in ctx came from another node.
func forwarded(ctx context.Context) bool {
	return rpc.PeerInfoFromContext(ctx).HTTP.UserAgent == forwardAgent
}

// forward sends a train_ write to the leader.
func (n *Node) forward(ctx context.Context, result any, method string, args ...any) error {
	if forwarded(ctx) {
		return fmt.Errorf("%w: forwarded here, but this node does not lead", ErrNotLeader)
	}
	c, err := n.leaderClient(ctx, false)
	if err != nil {
		return err
	}
	return forwardErr(c.CallContext(ctx, result, method, args...))
}

// forwardErr keeps the leader's coded errors and marks transport failures
// (the leader went away mid-call) as ErrForward.
func forwardErr(err error) error {
	var re rpc.Error
	if err == nil || errors.As(err, &re) {
		return err
	}
	return fmt.Errorf("%w: %v", ErrForward, err)
}

// leaderClient returns a client of the leader's train_ (or admin_)
// endpoint, cached per address. During an election, or before the new
// leader's address reached this node, it waits up to leaderWait.
func (n *Node) leaderClient(ctx context.Context, admin bool) (*rpc.Client, error) {
	url, err := n.leaderURL(ctx)
	if err != nil {
		return nil, err
	}
	if admin {
		url += "/admin"
	}
	n.rpc.mu.Lock()
	defer n.rpc.mu.Unlock()
	if c, ok := n.rpc.clients[url]; ok {
		return c, nil
	}
	opts := []rpc.ClientOption{rpc.WithHeader("User-Agent", forwardAgent)}
	if admin {
		opts = append(opts, rpc.WithHTTPAuth(node.NewJWTAuth(n.cfg.AdminSecret)))
	}
	c, err := rpc.DialOptions(ctx, url, opts...)
	if err != nil {
		return nil, err
	}
	n.rpc.clients[url] = c
	return c, nil
}

// leaderWait bounds how long a forwarded call waits for a leader: about
// one election.
const leaderWait = 3 * time.Second

// leaderURL returns the JSON-RPC URL of the leader, waiting for one.
func (n *Node) leaderURL(ctx context.Context) (string, error) {
	deadline := time.Now().Add(leaderWait)
	for {
		var err error
		_, id := n.raft.LeaderWithID()
		switch url, ok := n.chain.member(string(id)); {
		case id == "":
			err = ErrNotLeader
		case id == raft.ServerID(n.cfg.ID):
			err = fmt.Errorf("%w: this node was just elected and is not sequencing yet", ErrNotLeader)
		case !ok:
			err = fmt.Errorf("%w: leader %s has not announced its RPC address yet", ErrNotLeader, id)
		default:
			return url, nil
		}
		if time.Now().After(deadline) {
			return "", err
		}
		select {
		case <-ctx.Done():
			return "", errors.Join(err, ctx.Err())
		case <-n.ctx.Done():
			return "", ErrStopped
		case <-time.After(10 * time.Millisecond):
		}
	}
}
