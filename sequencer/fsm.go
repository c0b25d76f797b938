package sequencer

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"log/slog"

	"github.com/cockroachdb/pebble/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/rlp"
	"github.com/hashicorp/raft"

	"github.com/trainrollup/trainrollup/rollup"
)

// Raft entries: a type byte, then RLP.
const (
	// entryBlock carries a rollup.Block (RLP).
	entryBlock byte = 1
	// entryMember carries a memberEntry: a server's JSON-RPC address, which
	// followers need to forward writes to the leader.
	entryMember byte = 2
)

type memberEntry struct {
	ID  string
	RPC string
}

func encodeEntry(kind byte, v any) ([]byte, error) {
	b, err := rlp.EncodeToBytes(v)
	if err != nil {
		return nil, err
	}
	return append([]byte{kind}, b...), nil
}

// sequencedBlock is what the FSM reports for an applied block entry.
type sequencedBlock struct {
	Number uint64
	Hashes []common.Hash
}

// fsm is the raft state machine: the chain database. Every member applies
// the same entries in the same order to the same result; an entry that is
// not a valid extension is refused the same way everywhere (ErrBadEntry).
type fsm struct {
	c   *chainDB
	log *slog.Logger
	// sequenced is called after a batch of entries is written, with the
	// blocks it appended in order.
	sequenced func([]sequencedBlock)
}

var _ raft.BatchingFSM = (*fsm)(nil)

// Apply applies one entry.
func (f *fsm) Apply(l *raft.Log) any { return f.ApplyBatch([]*raft.Log{l})[0] }

// ApplyBatch applies entries in one pebble batch and returns, per entry,
// the sequencedBlock of a block entry, an error for a refused entry, or nil
// (configuration changes, entries applied before a restart).
func (f *fsm) ApplyBatch(logs []*raft.Log) []any {
	res := make([]any, len(logs))
	applied, err := f.c.applied()
	if err != nil {
		// The database cannot be read: nothing can be applied, and going on
		// would fork this member. Stop the process loudly.
		panic(fmt.Sprintf("sequencer: read applied index: %v", err))
	}
	b := f.c.db.NewBatch()
	defer b.Close()
	view := newApplyView(f.c, b)
	head, l1 := f.c.Head(), f.c.l1Consumed()
	var blocks []sequencedBlock
	members := map[string]string{}
	last := applied
	for i, l := range logs {
		if l.Index <= applied {
			continue // applied before a restart; raft replays from its snapshot
		}
		last = l.Index
		if l.Type == raft.LogConfiguration {
			// raft v1.8 reports no configuration index (its futures say 0):
			// the chain keeps the last committed one, which membership
			// changes are conditioned on.
			if err := b.Set([]byte{keyConfig}, u64(l.Index), nil); err != nil {
				panic(fmt.Sprintf("sequencer: write chain batch: %v", err))
			}
			continue
		}
		if l.Type != raft.LogCommand {
			continue
		}
		if len(l.Data) == 0 {
			res[i] = fmt.Errorf("%w: empty", ErrBadEntry)
			continue
		}
		switch l.Data[0] {
		case entryBlock:
			var blk rollup.Block
			if err := rlp.DecodeBytes(l.Data[1:], &blk); err != nil {
				res[i] = fmt.Errorf("%w: block: %v", ErrBadEntry, err)
				break
			}
			hashes, err := f.c.applyBlock(view, head, l1, &blk)
			if err != nil {
				res[i] = err
				break
			}
			head, l1 = blk.Number, blk.L1Messages
			sb := sequencedBlock{Number: blk.Number, Hashes: hashes}
			blocks = append(blocks, sb)
			res[i] = sb
		case entryMember:
			var m memberEntry
			if err := rlp.DecodeBytes(l.Data[1:], &m); err != nil || m.ID == "" {
				res[i] = fmt.Errorf("%w: member: %v", ErrBadEntry, err)
				break
			}
			if err := b.Set(append([]byte{prefixMember}, m.ID...), []byte(m.RPC), nil); err != nil {
				res[i] = err
				break
			}
			members[m.ID] = m.RPC
		default:
			res[i] = fmt.Errorf("%w: type %d", ErrBadEntry, l.Data[0])
		}
		if err, ok := res[i].(error); ok {
			f.log.Warn("raft entry refused", "index", l.Index, "err", err)
		}
	}
	if last == applied {
		return res
	}
	if err := b.Set([]byte{keyApplied}, u64(last), nil); err != nil {
		panic(fmt.Sprintf("sequencer: write chain batch: %v", err))
	}
	if err := b.Commit(pebble.NoSync); err != nil {
		panic(fmt.Sprintf("sequencer: commit chain batch: %v", err))
	}
	f.c.merge(view)
	f.c.l1.Store(l1)
	f.c.head.Store(head)
	f.c.mu.Lock()
	for id, a := range members {
		f.c.members[id] = a
	}
	f.c.mu.Unlock()
	if len(blocks) > 0 && f.sequenced != nil {
		f.sequenced(blocks)
	}
	return res
}

// Snapshot syncs the chain database (so that it is durable up to every
// snapshot raft keeps: raft does not restore snapshots into this FSM at
// start) and captures a consistent view of it.
func (f *fsm) Snapshot() (raft.FSMSnapshot, error) {
	if err := f.c.db.LogData(nil, pebble.Sync); err != nil {
		return nil, fmt.Errorf("sync chain database: %w", err)
	}
	applied, err := f.c.applied()
	if err != nil {
		return nil, err
	}
	return &fsmSnapshot{snap: f.c.db.NewSnapshot(), applied: applied}, nil
}

// Restore replaces the chain by a snapshot from the leader. A snapshot this
// member is already past (the chain is append-only, so it holds the
// snapshot's chain) is skipped.
func (f *fsm) Restore(rc io.ReadCloser) error {
	defer rc.Close()
	r := bufio.NewReaderSize(rc, 1<<20)
	var hdr [8]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return fmt.Errorf("%w: snapshot header: %v", ErrCorrupt, err)
	}
	snapApplied := binary.BigEndian.Uint64(hdr[:])
	applied, err := f.c.applied()
	if err != nil {
		return err
	}
	if applied >= snapApplied {
		f.log.Info("snapshot skipped: chain already past it", "snapshot_index", snapApplied, "applied", applied)
		_, err := io.Copy(io.Discard, r)
		return err
	}
	f.log.Info("restoring chain from snapshot", "snapshot_index", snapApplied, "applied", applied)
	if err := f.c.restoreFrom(r); err != nil {
		return fmt.Errorf("restore chain: %w", err)
	}
	if f.sequenced != nil {
		f.sequenced(nil)
	}
	return nil
}

// fsmSnapshot streams a pebble snapshot: the applied index (u64), then
// every key-value pair as key length u32 || value length u32 || key ||
// value.
type fsmSnapshot struct {
	snap    *pebble.Snapshot
	applied uint64
}

func (s *fsmSnapshot) Persist(sink raft.SnapshotSink) error {
	err := s.write(sink)
	if err != nil {
		sink.Cancel()
		return err
	}
	return sink.Close()
}

func (s *fsmSnapshot) write(sink io.Writer) error {
	w := bufio.NewWriterSize(sink, 1<<20)
	if _, err := w.Write(u64(s.applied)); err != nil {
		return err
	}
	it, err := s.snap.NewIter(nil)
	if err != nil {
		return err
	}
	defer it.Close()
	var hdr [8]byte
	for it.First(); it.Valid(); it.Next() {
		k, v := it.Key(), it.Value()
		binary.BigEndian.PutUint32(hdr[:4], uint32(len(k)))
		binary.BigEndian.PutUint32(hdr[4:], uint32(len(v)))
		if _, err := w.Write(hdr[:]); err != nil {
			return err
		}
		if _, err := w.Write(k); err != nil {
			return err
		}
		if _, err := w.Write(v); err != nil {
			return err
		}
	}
	if err := it.Error(); err != nil {
		return err
	}
	return w.Flush()
}

func (s *fsmSnapshot) Release() { s.snap.Close() }
