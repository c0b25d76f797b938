// Package raftstore is hashicorp/raft's LogStore and StableStore on
// pebble: the sequencer cluster's durable raft state.
//
// Where it sits: every sequencer node keeps its raft log and its raft
// metadata (current term, vote) here; raft replicates blocks through the
// log, and a node that restarts (even after kill -9) reads back exactly
// what it acknowledged.
//
// Invariants:
//   - Every write is one synced pebble batch: after StoreLogs or Set
//     returns, the data survives a crash, and a crash during one leaves
//     all of it or none.
//   - Log keys are big-endian indexes, so iteration order is index order
//     and FirstIndex/LastIndex are one seek each.
//   - A missing stable key is an error whose text is "not found", the
//     string raft compares against.
package raftstore

import (
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/vfs"
	"github.com/hashicorp/raft"

	"github.com/trainrollup/trainrollup/internal/pebblelog"
)

// ErrKeyNotFound is what Get and GetUint64 return for a missing key: raft
// matches its text, "not found".
var ErrKeyNotFound = errors.New("not found")

// ErrCorrupt reports a stored log entry that does not decode.
var ErrCorrupt = errors.New("corrupt raft log entry")

const (
	prefixLog    = 'l'
	prefixStable = 's'
)

// Store keeps raft's log and stable state in one pebble database.
type Store struct {
	db *pebble.DB
}

var (
	_ raft.LogStore    = (*Store)(nil)
	_ raft.StableStore = (*Store)(nil)
)

// Open opens (creating if needed) the store in dir; log (nil: discard)
// gets pebble's messages.
func Open(dir string, log *slog.Logger) (*Store, error) { return OpenFS(vfs.Default, dir, log) }

// OpenFS opens the store in dir on fs (tests use pebble's crashable
// in-memory file system).
func OpenFS(fs vfs.FS, dir string, log *slog.Logger) (*Store, error) {
	db, err := pebble.Open(dir, pebblelog.Incompressible(&pebble.Options{FS: fs, Logger: pebblelog.New(log)}))
	if err != nil {
		return nil, fmt.Errorf("open raft store %s: %w", dir, err)
	}
	return &Store{db: db}, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

func logKey(index uint64) []byte {
	k := make([]byte, 9)
	k[0] = prefixLog
	binary.BigEndian.PutUint64(k[1:], index)
	return k
}

func stableKey(key []byte) []byte { return append([]byte{prefixStable}, key...) }

// FirstIndex is the lowest stored index, 0 when the log is empty.
func (s *Store) FirstIndex() (uint64, error) {
	it, err := s.logIter()
	if err != nil {
		return 0, err
	}
	defer it.Close()
	if !it.First() {
		return 0, it.Error()
	}
	return binary.BigEndian.Uint64(it.Key()[1:]), nil
}

// LastIndex is the highest stored index, 0 when the log is empty.
func (s *Store) LastIndex() (uint64, error) {
	it, err := s.logIter()
	if err != nil {
		return 0, err
	}
	defer it.Close()
	if !it.Last() {
		return 0, it.Error()
	}
	return binary.BigEndian.Uint64(it.Key()[1:]), nil
}

func (s *Store) logIter() (*pebble.Iterator, error) {
	return s.db.NewIter(&pebble.IterOptions{LowerBound: []byte{prefixLog}, UpperBound: []byte{prefixLog + 1}})
}

// GetLog reads entry index into log, or returns raft.ErrLogNotFound.
func (s *Store) GetLog(index uint64, log *raft.Log) error {
	v, closer, err := s.db.Get(logKey(index))
	if errors.Is(err, pebble.ErrNotFound) {
		return raft.ErrLogNotFound
	}
	if err != nil {
		return err
	}
	defer closer.Close()
	if err := decodeLog(v, log); err != nil {
		return fmt.Errorf("raft log %d: %w", index, err)
	}
	log.Index = index
	return nil
}

// StoreLog stores one entry.
func (s *Store) StoreLog(log *raft.Log) error { return s.StoreLogs([]*raft.Log{log}) }

// StoreLogs stores entries in one synced batch.
func (s *Store) StoreLogs(logs []*raft.Log) error {
	b := s.db.NewBatch()
	defer b.Close()
	for _, l := range logs {
		if err := b.Set(logKey(l.Index), encodeLog(l), nil); err != nil {
			return err
		}
	}
	if err := b.Commit(pebble.Sync); err != nil {
		return fmt.Errorf("store raft logs: %w", err)
	}
	return nil
}

// DeleteRange deletes entries min..max, inclusive.
func (s *Store) DeleteRange(min, max uint64) error {
	if min > max {
		return nil
	}
	end := logKey(max + 1)
	if max == ^uint64(0) {
		end = []byte{prefixLog + 1}
	}
	if err := s.db.DeleteRange(logKey(min), end, pebble.Sync); err != nil {
		return fmt.Errorf("delete raft logs %d..%d: %w", min, max, err)
	}
	return nil
}

// Set stores a stable value.
func (s *Store) Set(key, val []byte) error {
	if err := s.db.Set(stableKey(key), val, pebble.Sync); err != nil {
		return fmt.Errorf("raft stable set %q: %w", key, err)
	}
	return nil
}

// Get returns a stable value, or ErrKeyNotFound.
func (s *Store) Get(key []byte) ([]byte, error) {
	v, closer, err := s.db.Get(stableKey(key))
	if errors.Is(err, pebble.ErrNotFound) {
		return nil, ErrKeyNotFound
	}
	if err != nil {
		return nil, err
	}
	defer closer.Close()
	return append([]byte(nil), v...), nil
}

// SetUint64 stores a stable integer.
func (s *Store) SetUint64(key []byte, val uint64) error {
	return s.Set(key, binary.BigEndian.AppendUint64(nil, val))
}

// GetUint64 returns a stable integer, or ErrKeyNotFound.
func (s *Store) GetUint64(key []byte) (uint64, error) {
	v, err := s.Get(key)
	if err != nil {
		return 0, err
	}
	if len(v) != 8 {
		return 0, fmt.Errorf("raft stable %q: %d bytes, not a uint64", key, len(v))
	}
	return binary.BigEndian.Uint64(v), nil
}

// An entry's value: term u64, type u8, appended-at unix nanoseconds i64,
// data length u32, data, extensions (the rest). The layout is this
// store's own, not part of the protocol.
func encodeLog(l *raft.Log) []byte {
	b := make([]byte, 0, 21+len(l.Data)+len(l.Extensions))
	b = binary.BigEndian.AppendUint64(b, l.Term)
	b = append(b, byte(l.Type))
	var at int64
	if !l.AppendedAt.IsZero() {
		at = l.AppendedAt.UnixNano()
	}
	b = binary.BigEndian.AppendUint64(b, uint64(at))
	b = binary.BigEndian.AppendUint32(b, uint32(len(l.Data)))
	b = append(b, l.Data...)
	return append(b, l.Extensions...)
}

func decodeLog(v []byte, l *raft.Log) error {
	if len(v) < 21 {
		return fmt.Errorf("%w: %d bytes", ErrCorrupt, len(v))
	}
	n := binary.BigEndian.Uint32(v[17:21])
	if uint64(len(v)-21) < uint64(n) {
		return fmt.Errorf("%w: data of %d bytes in %d", ErrCorrupt, n, len(v)-21)
	}
	l.Term = binary.BigEndian.Uint64(v[:8])
	l.Type = raft.LogType(v[8])
	l.AppendedAt = time.Time{}
	if at := int64(binary.BigEndian.Uint64(v[9:17])); at != 0 {
		l.AppendedAt = time.Unix(0, at)
	}
	l.Data = append([]byte(nil), v[21:21+n]...)
	l.Extensions = nil
	if rest := v[21+n:]; len(rest) > 0 {
		l.Extensions = append([]byte(nil), rest...)
	}
	return nil
}
