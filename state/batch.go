package state

import (
	"errors"
	"fmt"

	"github.com/cockroachdb/pebble/v2"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/fault"
	"github.com/trainrollup/trainrollup/model"
)

// prefixMeta holds the keys that a store's user keeps next to the state
// (an executed block's header and receipts, the executed head), so that they
// change in the same synced write as the state they describe.
const prefixMeta = 'x'

// ErrBatchDone reports the use of a batch after Commit or Close.
var ErrBatchDone = fault.Node("state batch already committed or closed")

// Batch collects any number of state updates and metadata writes and
// commits them in one synced write: a crash leaves the store before or after
// the whole batch (a block's transactions, say), never in between. Its reads
// see its own writes. A Batch is not safe for concurrent use, and updates
// through the Store while a batch is open are not visible to it.
type Batch struct {
	s *Store
	b *pebble.Batch
}

// NewBatch opens a batch on s.
func (s *Store) NewBatch() *Batch { return &Batch{s: s, b: s.db.NewIndexedBatch()} }

// Job returns job id as the batch sees it, or ErrNotFound.
func (b *Batch) Job(id JobID) (*Job, error) {
	if b.b == nil {
		return nil, ErrBatchDone
	}
	return readJob(b.b, id)
}

// Weights returns job j's weights as the batch sees them, checked against
// the job's commitment.
func (b *Batch) Weights(j *Job) (*model.Weights, error) {
	if b.b == nil {
		return nil, ErrBatchDone
	}
	return readWeights(b.b, j)
}

// Root returns the state root as the batch sees it.
func (b *Batch) Root() (commit.Element, error) {
	if b.b == nil {
		return commit.Element{}, ErrBatchDone
	}
	return readNode(b.b, Depth, 0)
}

// Proof returns the siblings of job id's leaf as the batch sees them.
func (b *Batch) Proof(id JobID) ([]commit.Element, error) {
	if b.b == nil {
		return nil, ErrBatchDone
	}
	return readProof(b.b, id)
}

// Put adds job j, its weights (which must match j.Weights) and the tree
// update to the batch and returns the state root the batch now has.
func (b *Batch) Put(j *Job, w *model.Weights) (commit.Element, error) {
	if b.b == nil {
		return commit.Element{}, ErrBatchDone
	}
	return put(b.b, j, w, j.Leaf())
}

// PutLeaf is Put given j's leaf (j.Leaf()), for callers that computed it.
func (b *Batch) PutLeaf(j *Job, w *model.Weights, leaf commit.Element) (commit.Element, error) {
	if b.b == nil {
		return commit.Element{}, ErrBatchDone
	}
	return put(b.b, j, w, leaf)
}

// SetMeta adds a metadata key to the batch. Metadata lives in its own key
// space, so it can never overwrite state.
func (b *Batch) SetMeta(key, val []byte) error {
	if b.b == nil {
		return ErrBatchDone
	}
	return b.b.Set(metaKey(key), val, nil)
}

// Commit writes the batch in one synced write and closes it.
func (b *Batch) Commit() error {
	if b.b == nil {
		return ErrBatchDone
	}
	b.s.mu.Lock()
	defer b.s.mu.Unlock()
	err := b.b.Commit(pebble.Sync)
	b.Close()
	if err != nil {
		return fmt.Errorf("commit state batch: %w", err)
	}
	return nil
}

// Close discards the batch unless it was committed. It is idempotent.
func (b *Batch) Close() {
	if b.b != nil {
		b.b.Close()
		b.b = nil
	}
}

// Meta returns the value of a metadata key, or ErrNotFound.
func (s *Store) Meta(key []byte) ([]byte, error) {
	v, err := get(s.db, metaKey(key))
	if errors.Is(err, pebble.ErrNotFound) {
		return nil, fmt.Errorf("%w: metadata %x", ErrNotFound, key)
	}
	return v, err
}

func metaKey(key []byte) []byte { return append([]byte{prefixMeta}, key...) }
