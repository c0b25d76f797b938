package sequencer

import (
	"context"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/hashicorp/raft"

	"github.com/trainrollup/trainrollup/client"
)

// adminAPI is the admin_ namespace (JWT). Membership changes, leadership
// transfer, pause and resume act on the leader: a follower forwards them.
type adminAPI struct{ n *Node }

// ClusterMembership returns the raft configuration (the latest, maybe not
// yet committed; its index is the last committed one) with each server's
// JSON-RPC address (once it announced one by leading) and the leader.
func (a *adminAPI) ClusterMembership() (*client.Membership, error) {
	f := a.n.raft.GetConfiguration()
	if err := f.Error(); err != nil {
		return nil, asRPC(err)
	}
	_, leader := a.n.raft.LeaderWithID()
	// raft v1.8's ConfigurationFuture.Index is always 0: the chain
	// database records the index of each committed configuration.
	index, err := a.n.chain.configIndex()
	if err != nil {
		return nil, asRPC(err)
	}
	m := &client.Membership{Index: hexutil.Uint64(index)}
	for _, s := range f.Configuration().Servers {
		rpcURL, _ := a.n.chain.member(string(s.ID))
		m.Members = append(m.Members, client.Member{ID: string(s.ID), Address: string(s.Address),
			Suffrage: s.Suffrage.String(), RPC: rpcURL, Leader: s.ID == leader})
	}
	return m, nil
}

// Leader returns the leader as a member.
func (a *adminAPI) Leader() (*client.Member, error) {
	addr, id := a.n.raft.LeaderWithID()
	if id == "" {
		return nil, asRPC(ErrNotLeader)
	}
	rpcURL, _ := a.n.chain.member(string(id))
	return &client.Member{ID: string(id), Address: string(addr), RPC: rpcURL, Leader: true, Suffrage: raft.Voter.String()}, nil
}

// onLeader runs op here when this node leads, else forwards the call.
func (a *adminAPI) onLeader(ctx context.Context, op func() error, method string, args ...any) error {
	if a.n.raft.State() == raft.Leader {
		return asRPC(op())
	}
	if forwarded(ctx) {
		return asRPC(fmt.Errorf("%w: forwarded here, but this node does not lead", ErrNotLeader))
	}
	c, err := a.n.leaderClient(ctx, true)
	if err != nil {
		return asRPC(err)
	}
	return asRPC(forwardErr(c.CallContext(ctx, nil, method, args...)))
}

func checkServer(id, addr string) error {
	if id == "" || addr == "" {
		return &rpcError{code: codeInvalidParams, err: errors.New("server id and address are required")}
	}
	return nil
}

// AddVoter adds server id at raft address addr as a voter (or promotes a
// non-voter); prevIndex, when not 0, must be the configuration's index.
func (a *adminAPI) AddVoter(ctx context.Context, id, addr string, prevIndex hexutil.Uint64) error {
	if err := checkServer(id, addr); err != nil {
		return err
	}
	return a.onLeader(ctx, func() error {
		return a.n.raft.AddVoter(raft.ServerID(id), raft.ServerAddress(addr), uint64(prevIndex), a.n.cfg.ConfirmTimeout).Error()
	}, "admin_addVoter", id, addr, prevIndex)
}

// AddNonvoter adds server id as a non-voter.
func (a *adminAPI) AddNonvoter(ctx context.Context, id, addr string, prevIndex hexutil.Uint64) error {
	if err := checkServer(id, addr); err != nil {
		return err
	}
	return a.onLeader(ctx, func() error {
		return a.n.raft.AddNonvoter(raft.ServerID(id), raft.ServerAddress(addr), uint64(prevIndex), a.n.cfg.ConfirmTimeout).Error()
	}, "admin_addNonvoter", id, addr, prevIndex)
}

// RemoveServer removes server id (the leader may remove itself: it steps
// down once the change commits).
func (a *adminAPI) RemoveServer(ctx context.Context, id string, prevIndex hexutil.Uint64) error {
	if id == "" {
		return &rpcError{code: codeInvalidParams, err: errors.New("server id is required")}
	}
	return a.onLeader(ctx, func() error {
		return a.n.raft.RemoveServer(raft.ServerID(id), uint64(prevIndex), a.n.cfg.ConfirmTimeout).Error()
	}, "admin_removeServer", id, prevIndex)
}

// TransferLeader hands leadership to server id, or to the most up-to-date
// follower when id is "".
func (a *adminAPI) TransferLeader(ctx context.Context, id string) error {
	return a.onLeader(ctx, func() error {
		if id == "" {
			return a.n.raft.LeadershipTransfer().Error()
		}
		f := a.n.raft.GetConfiguration()
		if err := f.Error(); err != nil {
			return err
		}
		for _, s := range f.Configuration().Servers {
			if s.ID == raft.ServerID(id) {
				return a.n.raft.LeadershipTransferToServer(s.ID, s.Address).Error()
			}
		}
		return fmt.Errorf("%w: server %s is not a member", ErrNotFound, id)
	}, "admin_transferLeader", id)
}

// Pause stops block production on the leader: writes are refused with
// ErrPaused until Resume. A new leader starts unpaused.
func (a *adminAPI) Pause(ctx context.Context) error {
	return a.onLeader(ctx, func() error { a.n.SetPaused(true); return nil }, "admin_pause")
}

// Resume restarts block production on the leader.
func (a *adminAPI) Resume(ctx context.Context) error {
	return a.onLeader(ctx, func() error { a.n.SetPaused(false); return nil }, "admin_resume")
}

// SetPaused stops (true) or restarts block production while this node
// leads, as admin_pause and admin_resume do on the leader: while paused,
// writes are refused with ErrPaused, and neither L1 messages nor seeded
// steps are sequenced. A new term starts unpaused.
func (n *Node) SetPaused(paused bool) {
	n.paused.Store(paused)
	if !paused {
		n.wakeProducer()
	}
}
