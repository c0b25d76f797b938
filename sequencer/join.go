package sequencer

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/raft"
)

// JoinVoters waits, while ctx lasts, for one of nodes (members of one
// cluster, started) to lead, then adds through it every peer that is not
// a voter at its address yet. A peer that already is one is left alone, so
// a resumed cluster joins nothing twice; any member may lead. It returns
// the leader.
func JoinVoters(ctx context.Context, nodes []*Node, peers []Peer) (*Node, error) {
	var leader *Node
	err := pollUntil(ctx, 20*time.Millisecond, "a leader", func() error {
		for _, n := range nodes {
			if n.IsLeader() {
				leader = n
				return nil
			}
		}
		return errors.New("none leads")
	})
	if err != nil {
		return nil, err
	}
	f := leader.Raft().GetConfiguration()
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("raft configuration: %w", err)
	}
	voters := map[raft.ServerID]raft.ServerAddress{}
	for _, s := range f.Configuration().Servers {
		if s.Suffrage == raft.Voter {
			voters[s.ID] = s.Address
		}
	}
	for _, p := range peers {
		if voters[raft.ServerID(p.ID)] == raft.ServerAddress(p.Addr) {
			continue
		}
		if err := leader.Raft().AddVoter(raft.ServerID(p.ID), raft.ServerAddress(p.Addr), 0, leader.cfg.ConfirmTimeout).Error(); err != nil {
			return nil, fmt.Errorf("add voter %s at %s: %w", p.ID, p.Addr, err)
		}
	}
	return leader, nil
}
