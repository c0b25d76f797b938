package sequencer

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/trainrollup/trainrollup/client"
)

// fakeMember is a Member whose answers the test sets: the Cluster's own
// rules (order, failed starts, forks, two leaders) are checked on it; the
// cluster tests run the same Cluster over real nodes.
type fakeMember struct {
	i      int
	log    *eventLog
	failAt bool
	leads  bool
	head   uint64
	// fork, if set, is the block from which this member's hashes differ.
	fork uint64
}

type eventLog struct {
	mu sync.Mutex
	ev []string
}

func (l *eventLog) add(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.ev = append(l.ev, fmt.Sprintf(format, args...))
}

func (l *eventLog) events() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.ev)
}

func (m *fakeMember) Start(context.Context) error {
	if m.failAt {
		return errors.New("no port")
	}
	m.log.add("start %d", m.i)
	return nil
}

func (m *fakeMember) Stop(context.Context) error { m.log.add("stop %d", m.i); return nil }

func (m *fakeMember) Status(context.Context) (client.SyncStatus, error) {
	return client.SyncStatus{Sequenced: hexutil.Uint64(m.head), Executed: hexutil.Uint64(m.head), IsLeader: m.leads}, nil
}

func (m *fakeMember) BlockHash(_ context.Context, num uint64) (common.Hash, error) {
	if num > m.head {
		return common.Hash{}, fmt.Errorf("block %d not executed", num)
	}
	h := common.Hash{byte(num)}
	if m.fork != 0 && num >= m.fork {
		h[1] = byte(m.i)
	}
	return h, nil
}

func fakeCluster(t *testing.T, members []*fakeMember) (*Cluster[*fakeMember], *eventLog) {
	t.Helper()
	log := &eventLog{}
	for i, m := range members {
		m.i, m.log = i, log
	}
	c, err := NewCluster(ClusterConfig[*fakeMember]{Size: len(members), Poll: time.Millisecond,
		New: func(i int) (*fakeMember, error) { return members[i], nil }})
	if err != nil {
		t.Fatal(err)
	}
	return c, log
}

func TestClusterHarness(t *testing.T) {
	ctx := context.Background()
	short := func() (context.Context, context.CancelFunc) { return context.WithTimeout(ctx, 50*time.Millisecond) }

	t.Run("refuses", func(t *testing.T) {
		if _, err := NewCluster(ClusterConfig[*fakeMember]{Size: 0, New: func(int) (*fakeMember, error) { return nil, nil }}); err == nil {
			t.Fatal("a cluster of no member was made")
		}
		if _, err := NewCluster(ClusterConfig[*fakeMember]{Size: 1}); err == nil {
			t.Fatal("a cluster without New was made")
		}
	})

	t.Run("order", func(t *testing.T) {
		c, log := fakeCluster(t, []*fakeMember{{}, {}, {}})
		if err := c.Start(ctx); err != nil {
			t.Fatal(err)
		}
		if err := c.StopMember(ctx, 1); err != nil {
			t.Fatal(err)
		}
		if err := c.StopMember(ctx, 1); err != nil { // idempotent
			t.Fatal(err)
		}
		if _, ok := c.Member(1); ok || len(c.Members()) != 2 {
			t.Fatalf("member 1 still runs: %v", c.Members())
		}
		if err := c.Stop(ctx); err != nil {
			t.Fatal(err)
		}
		if err := c.Stop(ctx); err != nil {
			t.Fatal(err)
		}
		want := []string{"start 0", "start 1", "start 2", "stop 1", "stop 2", "stop 0"}
		if got := log.events(); !slices.Equal(got, want) {
			t.Fatalf("events %v, want %v", got, want)
		}
		if _, err := c.StartMember(ctx, 3); err == nil {
			t.Fatal("member 3 of 3 started")
		}
	})

	t.Run("failed start stops the started", func(t *testing.T) {
		c, log := fakeCluster(t, []*fakeMember{{}, {}, {failAt: true}})
		err := c.Start(ctx)
		if err == nil || !strings.Contains(err.Error(), "start member 2: no port") {
			t.Fatalf("start: %v", err)
		}
		want := []string{"start 0", "start 1", "stop 2", "stop 1", "stop 0"}
		if got := log.events(); !slices.Equal(got, want) {
			t.Fatalf("events %v, want %v", got, want)
		}
		if len(c.Members()) != 0 {
			t.Fatalf("members run after a failed start: %v", c.Members())
		}
	})

	t.Run("leader", func(t *testing.T) {
		ms := []*fakeMember{{}, {leads: true}, {leads: true}}
		c, _ := fakeCluster(t, ms)
		if err := c.Start(ctx); err != nil {
			t.Fatal(err)
		}
		tctx, cancel := short()
		defer cancel()
		if _, err := c.Leader(tctx); err == nil || !strings.Contains(err.Error(), "members [1 2] lead") {
			t.Fatalf("two leaders: %v", err)
		}
		if err := c.StopMember(ctx, 1); err != nil {
			t.Fatal(err)
		}
		if l, err := c.Leader(ctx); err != nil || l != 2 {
			t.Fatalf("leader %d, %v; want 2", l, err)
		}
	})

	t.Run("converge", func(t *testing.T) {
		ms := []*fakeMember{{head: 5}, {head: 4}, {head: 5}}
		c, _ := fakeCluster(t, ms)
		if err := c.Start(ctx); err != nil {
			t.Fatal(err)
		}
		tctx, cancel := short()
		defer cancel()
		if _, err := c.Converge(tctx, 5); err == nil || !strings.Contains(err.Error(), "executed/sequenced [5/5 4/4 5/5]") {
			t.Fatalf("a member behind: %v", err)
		}
		ms[1].head = 5
		if h, err := c.Converge(ctx, 5); err != nil || h != 5 {
			t.Fatalf("converge: %d, %v", h, err)
		}
		ms[2].fork = 3
		if _, err := c.Converge(ctx, 5); err == nil || !strings.Contains(err.Error(), "fork at block 3: member 0 has") {
			t.Fatalf("a fork: %v", err)
		}
	})

	t.Run("add", func(t *testing.T) {
		ms := []*fakeMember{{}, {}}
		c, log := fakeCluster(t, ms[:1])
		ms[1].log, ms[1].i = log, 1
		c.cfg.New = func(i int) (*fakeMember, error) { return ms[i], nil }
		if err := c.Start(ctx); err != nil {
			t.Fatal(err)
		}
		if i := c.Add(); i != 1 || c.Size() != 2 {
			t.Fatalf("added %d, size %d", i, c.Size())
		}
		if _, err := c.StartMember(ctx, 1); err != nil {
			t.Fatal(err)
		}
		if len(c.Members()) != 2 {
			t.Fatalf("members %v", c.Members())
		}
	})
}
