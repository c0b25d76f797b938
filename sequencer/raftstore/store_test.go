package raftstore

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/cockroachdb/pebble/v2/vfs"
	"github.com/hashicorp/raft"

	"github.com/trainrollup/trainrollup/internal/wait"
)

func openMem(t *testing.T, fs vfs.FS) *Store {
	t.Helper()
	s, err := OpenFS(fs, "raft", nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func entry(i uint64) *raft.Log {
	return &raft.Log{Index: i, Term: i/10 + 1, Type: raft.LogCommand, Data: []byte(fmt.Sprintf("cmd %d", i)),
		Extensions: []byte{byte(i)}, AppendedAt: time.Unix(1_700_000_000, int64(i))}
}

func TestLogStore(t *testing.T) {
	fs := vfs.NewMem()
	s := openMem(t, fs)
	first, _ := s.FirstIndex()
	last, _ := s.LastIndex()
	if first != 0 || last != 0 {
		t.Fatalf("empty log: first %d last %d", first, last)
	}
	var l raft.Log
	if err := s.GetLog(1, &l); !errors.Is(err, raft.ErrLogNotFound) {
		t.Fatalf("missing entry: %v", err)
	}
	var batch []*raft.Log
	for i := uint64(5); i <= 300; i++ {
		batch = append(batch, entry(i))
	}
	if err := s.StoreLogs(batch); err != nil {
		t.Fatal(err)
	}
	if err := s.StoreLog(&raft.Log{Index: 301, Term: 31, Type: raft.LogConfiguration}); err != nil {
		t.Fatal(err)
	}
	check := func(s *Store, lo, hi uint64) {
		t.Helper()
		first, err := s.FirstIndex()
		if err != nil || first != lo {
			t.Fatalf("first %d (%v), want %d", first, err, lo)
		}
		last, err := s.LastIndex()
		if err != nil || last != hi {
			t.Fatalf("last %d (%v), want %d", last, err, hi)
		}
		for i := lo; i < hi; i++ {
			var got raft.Log
			if err := s.GetLog(i, &got); err != nil {
				t.Fatalf("entry %d: %v", i, err)
			}
			want := entry(i)
			if got.Index != i || got.Term != want.Term || got.Type != want.Type || !bytes.Equal(got.Data, want.Data) ||
				!bytes.Equal(got.Extensions, want.Extensions) || !got.AppendedAt.Equal(want.AppendedAt) {
				t.Fatalf("entry %d: %+v, want %+v", i, got, want)
			}
		}
	}
	check(s, 5, 301)
	// Compaction from the front, truncation of a conflicting suffix.
	if err := s.DeleteRange(5, 100); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteRange(251, 301); err != nil {
		t.Fatal(err)
	}
	check(s, 101, 250)
	if err := s.GetLog(100, &l); !errors.Is(err, raft.ErrLogNotFound) {
		t.Fatalf("deleted entry: %v", err)
	}
	if err := s.DeleteRange(7, 3); err != nil { // empty range
		t.Fatal(err)
	}
	// Everything survives a reopen.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openMem(t, fs)
	defer s.Close()
	check(s, 101, 250)
	if err := s.DeleteRange(0, ^uint64(0)); err != nil {
		t.Fatal(err)
	}
	if last, _ := s.LastIndex(); last != 0 {
		t.Fatalf("after deleting everything, last %d", last)
	}
}

func TestStableStore(t *testing.T) {
	fs := vfs.NewMem()
	s := openMem(t, fs)
	// raft tells a missing key by the text "not found".
	if _, err := s.Get([]byte("CurrentTerm")); err == nil || err.Error() != "not found" {
		t.Fatalf("missing key: %v", err)
	}
	if _, err := s.GetUint64([]byte("CurrentTerm")); err == nil || err.Error() != "not found" {
		t.Fatalf("missing integer: %v", err)
	}
	if err := s.SetUint64([]byte("CurrentTerm"), 42); err != nil {
		t.Fatal(err)
	}
	if err := s.Set([]byte("LastVoteCand"), []byte("node-2")); err != nil {
		t.Fatal(err)
	}
	// Stable keys never collide with log entries.
	if err := s.StoreLog(entry(1)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = openMem(t, fs)
	defer s.Close()
	if v, err := s.GetUint64([]byte("CurrentTerm")); err != nil || v != 42 {
		t.Fatalf("term %d (%v)", v, err)
	}
	if v, err := s.Get([]byte("LastVoteCand")); err != nil || string(v) != "node-2" {
		t.Fatalf("vote %q (%v)", v, err)
	}
	if _, err := s.GetUint64([]byte("LastVoteCand")); err == nil {
		t.Fatal("a 6-byte value read as an integer")
	}
	if first, _ := s.FirstIndex(); first != 1 {
		t.Fatalf("first index %d", first)
	}
}

// TestCrashSafety crashes the file system at random points while batches
// of entries are stored: on reopen the log is always a prefix of what was
// stored, holding at least every batch StoreLogs returned for, and never
// a torn batch.
func TestCrashSafety(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 20 {
		fs := vfs.NewCrashableMem()
		s := openMem(t, fs)
		const per = 7
		acked := uint64(0)
		crashAt := 1 + rng.IntN(20)
		var clone *vfs.MemFS
		for b := range 20 {
			var batch []*raft.Log
			for i := range per {
				batch = append(batch, entry(uint64(b*per+i+1)))
			}
			if err := s.StoreLogs(batch); err != nil {
				t.Fatal(err)
			}
			acked = uint64((b + 1) * per)
			if b+1 == crashAt {
				clone = fs.CrashClone(vfs.CrashCloneCfg{UnsyncedDataPercent: rng.IntN(101), RNG: rng})
				break
			}
		}
		s.Close()
		r := openMem(t, clone)
		last, err := r.LastIndex()
		if err != nil {
			t.Fatal(err)
		}
		if last < acked || last%per != 0 {
			t.Fatalf("trial %d: %d entries acknowledged, %d recovered", trial, acked, last)
		}
		for i := uint64(1); i <= last; i++ {
			var l raft.Log
			if err := r.GetLog(i, &l); err != nil {
				t.Fatalf("trial %d: entry %d: %v", trial, i, err)
			}
		}
		r.Close()
	}
}

// counter is a raft FSM that appends every command.
type counter struct {
	mu   sync.Mutex
	cmds []string
}

func (c *counter) Apply(l *raft.Log) any {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cmds = append(c.cmds, string(l.Data))
	return len(c.cmds)
}

func (c *counter) Snapshot() (raft.FSMSnapshot, error) { return nil, errors.New("no snapshots") }
func (c *counter) Restore(io.ReadCloser) error         { return errors.New("no snapshots") }

func (c *counter) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.cmds)
}

// TestRaftOnStore runs a real raft node on the store: bootstrap, elect,
// apply commands, stop, restart on the same store: the log, term and
// commands come back and new commands follow them.
func TestRaftOnStore(t *testing.T) {
	fs := vfs.NewMem()
	start := func() (*raft.Raft, *counter, *Store) {
		st := openMem(t, fs)
		cfg := raft.DefaultConfig()
		cfg.LocalID = "node-1"
		cfg.LogOutput = io.Discard
		cfg.HeartbeatTimeout, cfg.ElectionTimeout, cfg.LeaderLeaseTimeout = 50*time.Millisecond, 50*time.Millisecond, 50*time.Millisecond
		_, trans := raft.NewInmemTransport("node-1")
		fsm := &counter{}
		r, err := raft.NewRaft(cfg, fsm, st, st, raft.NewInmemSnapshotStore(), trans)
		if err != nil {
			t.Fatal(err)
		}
		return r, fsm, st
	}
	r, fsm, st := start()
	if err := r.BootstrapCluster(raft.Configuration{Servers: []raft.Server{{ID: "node-1", Address: "node-1"}}}).Error(); err != nil {
		t.Fatal(err)
	}
	waitLeader(t, r)
	for i := range 50 {
		if err := r.Apply([]byte(fmt.Sprintf("cmd %d", i)), time.Second).Error(); err != nil {
			t.Fatal(err)
		}
	}
	term, err := strconv.ParseUint(r.Stats()["term"], 10, 64)
	if err != nil || term == 0 {
		t.Fatalf("term %q (%v)", r.Stats()["term"], err)
	}
	if err := r.Shutdown().Error(); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if fsm.len() != 50 {
		t.Fatalf("%d commands applied", fsm.len())
	}

	r, fsm, st = start()
	defer func() { r.Shutdown(); st.Close() }()
	waitLeader(t, r)
	if err := r.Apply([]byte("after restart"), time.Second).Error(); err != nil {
		t.Fatal(err)
	}
	if err := r.Barrier(time.Second).Error(); err != nil {
		t.Fatal(err)
	}
	if fsm.len() != 51 || fsm.cmds[0] != "cmd 0" || fsm.cmds[50] != "after restart" {
		t.Fatalf("after restart the FSM replayed %d commands", fsm.len())
	}
	if after, _ := strconv.ParseUint(r.Stats()["term"], 10, 64); after < term {
		t.Fatalf("term went back: %d then %d", term, after)
	}
}

func waitLeader(t *testing.T, r *raft.Raft) {
	t.Helper()
	wait.NoError(t, 5*time.Second, "the node to lead", func() error {
		if st := r.State(); st != raft.Leader {
			return fmt.Errorf("state %s", st)
		}
		return nil
	})
}
