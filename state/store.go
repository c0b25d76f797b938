package state

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/bloom"
	"github.com/cockroachdb/pebble/v2/vfs"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/model"
)

// Key prefixes of the store (the layout is the store's own):
//
//	j<id u64>              job record (Job.MarshalBinary)
//	w<id u64>              weights, int32 little-endian, spec/model.md#layout order
//	n<height u8><index u64> state tree node, 32 bytes; absent = empty subtree
const (
	prefixJob     = 'j'
	prefixWeights = 'w'
	prefixNode    = 'n'
)

// Store is the state on pebble. Every change is one synced pebble batch, so
// a crash leaves the state either before or after a whole update, never in
// between. Reads are safe concurrently with each other; updates are
// serialised by the caller (one executor per store).
type Store struct {
	db        *pebble.DB
	mu        sync.Mutex // serialises Put
	closeOnce sync.Once
	closeErr  error
}

// Open opens (creating if needed) the store in dir. An empty dir opens an
// in-memory store, for tooling and tests that need no persistence.
func Open(dir string) (*Store, error) {
	if dir == "" {
		return OpenFS(vfs.NewMem(), "")
	}
	return OpenFS(vfs.Default, dir)
}

// OpenFS opens the store in dir on a given file system; tests use pebble's
// crashable in-memory file system to check crash safety.
func OpenFS(fs vfs.FS, dir string) (*Store, error) {
	// Every step reads the 32 nodes on its job's path: bloom filters spare
	// the sstables that do not hold a node, and a larger block cache keeps
	// the hot upper levels in memory.
	cache := pebble.NewCache(64 << 20)
	defer cache.Unref()
	opts := &pebble.Options{FS: fs, Logger: quietLogger{}, Cache: cache}
	opts.Levels[0].FilterPolicy = bloom.FilterPolicy(10)
	db, err := pebble.Open(dir, opts)
	if err != nil {
		return nil, fmt.Errorf("open state store %q: %w", dir, err)
	}
	return &Store{db: db}, nil
}

// Close closes the store. It is idempotent.
func (s *Store) Close() error {
	s.closeOnce.Do(func() { s.closeErr = s.db.Close() })
	return s.closeErr
}

func jobKey(prefix byte, id JobID) []byte {
	return binary.BigEndian.AppendUint64([]byte{prefix}, uint64(id))
}

func nodeKey(height int, index uint64) []byte {
	return binary.BigEndian.AppendUint64([]byte{prefixNode, byte(height)}, index)
}

// reader is what the store's reads need: the database itself or an indexed
// batch, which reads its own writes through to the database.
type reader interface {
	Get(key []byte) ([]byte, io.Closer, error)
}

func get(r reader, key []byte) ([]byte, error) {
	v, closer, err := r.Get(key)
	if err != nil {
		return nil, err
	}
	defer closer.Close()
	return append([]byte(nil), v...), nil
}

// Job returns job id, or ErrNotFound.
func (s *Store) Job(id JobID) (*Job, error) { return readJob(s.db, id) }

func readJob(r reader, id JobID) (*Job, error) {
	v, err := get(r, jobKey(prefixJob, id))
	if errors.Is(err, pebble.ErrNotFound) {
		return nil, fmt.Errorf("%w: %d", ErrNotFound, id)
	}
	if err != nil {
		return nil, err
	}
	j := new(Job)
	if err := j.UnmarshalBinary(v); err != nil {
		return nil, fmt.Errorf("%w: job %d: %w", ErrCorrupt, id, err)
	}
	return j, nil
}

// Weights returns the current weights of job j, checked against the job's
// weights commitment.
func (s *Store) Weights(j *Job) (*model.Weights, error) { return readWeights(s.db, j) }

func readWeights(r reader, j *Job) (*model.Weights, error) {
	v, err := get(r, jobKey(prefixWeights, j.ID))
	if errors.Is(err, pebble.ErrNotFound) {
		return nil, fmt.Errorf("%w: weights of job %d missing", ErrCorrupt, j.ID)
	}
	if err != nil {
		return nil, err
	}
	if len(v)%4 != 0 {
		return nil, fmt.Errorf("%w: weights of job %d: %d bytes", ErrCorrupt, j.ID, len(v))
	}
	flat := make([]int32, len(v)/4)
	for i := range flat {
		flat[i] = int32(binary.LittleEndian.Uint32(v[4*i:]))
	}
	w, err := model.FromFlat(j.Params.Model, flat)
	if err != nil {
		return nil, fmt.Errorf("%w: weights of job %d: %w", ErrCorrupt, j.ID, err)
	}
	if c := w.Commitment(); !c.Equal(&j.Weights) {
		return nil, fmt.Errorf("%w: weights of job %d do not match their commitment", ErrCorrupt, j.ID)
	}
	return w, nil
}

// readNode returns the tree node at (height, index).
func readNode(r reader, height int, index uint64) (commit.Element, error) {
	v, err := get(r, nodeKey(height, index))
	if errors.Is(err, pebble.ErrNotFound) {
		return EmptyHash(height), nil
	}
	if err != nil {
		return commit.Element{}, err
	}
	var e commit.Element
	if err := e.SetBytesCanonical(v); err != nil {
		return e, fmt.Errorf("%w: tree node %d/%d: %w", ErrCorrupt, height, index, err)
	}
	return e, nil
}

// Root returns the state root.
func (s *Store) Root() (commit.Element, error) { return readNode(s.db, Depth, 0) }

// Proof returns the Depth siblings of job id's leaf, from the leaf level up.
func (s *Store) Proof(id JobID) ([]commit.Element, error) { return readProof(s.db, id) }

func readProof(r reader, id JobID) ([]commit.Element, error) {
	if id > MaxJobID {
		return nil, fmt.Errorf("%w: id %d above %d", ErrInvalidJob, id, MaxJobID)
	}
	sib := make([]commit.Element, Depth)
	for h := range Depth {
		e, err := readNode(r, h, uint64(id)>>h^1)
		if err != nil {
			return nil, err
		}
		sib[h] = e
	}
	return sib, nil
}

// Put writes job j and its weights and updates the tree, all in one synced
// batch, and returns the new state root. The weights must match j.Weights
// (the caller computed that commitment; hashing them again here would double
// the cost of a step).
func (s *Store) Put(j *Job, w *model.Weights) (commit.Element, error) {
	return s.PutLeaf(j, w, j.Leaf())
}

// PutLeaf is Put given j's leaf (j.Leaf()), for callers that computed it.
func (s *Store) PutLeaf(j *Job, w *model.Weights, leaf commit.Element) (commit.Element, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b := s.db.NewIndexedBatch()
	defer b.Close()
	root, err := put(b, j, w, leaf)
	if err != nil {
		return root, err
	}
	if err := b.Commit(pebble.Sync); err != nil {
		return commit.Element{}, fmt.Errorf("commit state batch: %w", err)
	}
	return root, nil
}

// put writes job j, its weights and the tree path above its leaf (which
// must be j.Leaf()) into b, reading the siblings through b, and returns the
// new root.
func put(b *pebble.Batch, j *Job, w *model.Weights, leaf commit.Element) (commit.Element, error) {
	if j.ID > MaxJobID {
		return commit.Element{}, fmt.Errorf("%w: id %d above %d", ErrInvalidJob, j.ID, MaxJobID)
	}
	rec, err := j.MarshalBinary()
	if err != nil {
		return commit.Element{}, fmt.Errorf("%w: %w", ErrInvalidJob, err)
	}
	sib, err := readProof(b, j.ID)
	if err != nil {
		return commit.Element{}, err
	}
	if err := b.Set(jobKey(prefixJob, j.ID), rec, nil); err != nil {
		return commit.Element{}, err
	}
	wb := make([]byte, 4*len(w.Flat))
	for i, v := range w.Flat {
		binary.LittleEndian.PutUint32(wb[4*i:], uint32(v))
	}
	if err := b.Set(jobKey(prefixWeights, j.ID), wb, nil); err != nil {
		return commit.Element{}, err
	}
	cur := leaf
	for h := 0; ; h++ {
		x := cur.Bytes()
		if err := b.Set(nodeKey(h, uint64(j.ID)>>h), x[:], nil); err != nil {
			return commit.Element{}, err
		}
		if h == Depth {
			break
		}
		if uint64(j.ID)>>h&1 == 1 {
			cur = commit.Compress(sib[h], cur)
		} else {
			cur = commit.Compress(cur, sib[h])
		}
	}
	return cur, nil
}

// quietLogger drops pebble's informational messages (WAL replay and the
// like) and keeps its errors on standard error.
type quietLogger struct{}

func (quietLogger) Infof(string, ...any) {}

func (quietLogger) Errorf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "pebble: "+format+"\n", args...)
}

func (quietLogger) Fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "pebble: fatal: "+format+"\n", args...)
	os.Exit(1)
}
