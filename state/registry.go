package state

import (
	"errors"
	"fmt"

	"github.com/cockroachdb/pebble/v2"
	"github.com/ethereum/go-ethereum/rlp"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/fault"
)

// prefixDataset holds the dataset registry: d<root 32 bytes> -> the
// record's RLP (the layout is the store's own).
const prefixDataset = 'd'

// ErrNotRegistered reports a dataset root the chain has not registered: a
// job over it is invalid for every node (spec/transactions.md#validity).
var ErrNotRegistered = fault.Invalid("dataset not registered")

// DatasetRecord is one entry of the dataset registry
// (spec/dataset.md#registration). The registry is chain state, but not in
// the state root.
type DatasetRecord struct {
	Root     commit.Element
	Samples  uint64
	Features uint32
	Classes  uint32
	// Manifest is the registration's manifest, RLP-encoded.
	Manifest []byte
	// Block is the block that registered it.
	Block uint64
}

type datasetRLP struct {
	Root     [32]byte
	Samples  uint64
	Features uint32
	Classes  uint32
	Manifest []byte
	Block    uint64
}

func datasetKey(root commit.Element) []byte {
	b := root.Bytes()
	return append([]byte{prefixDataset}, b[:]...)
}

func readDataset(r reader, root commit.Element) (*DatasetRecord, error) {
	v, err := get(r, datasetKey(root))
	if errors.Is(err, pebble.ErrNotFound) {
		return nil, fmt.Errorf("%w: %s", ErrNotRegistered, commit.Hex(root))
	}
	if err != nil {
		return nil, err
	}
	var w datasetRLP
	if err := rlp.DecodeBytes(v, &w); err != nil {
		return nil, fmt.Errorf("%w: dataset record %s: %v", ErrCorrupt, commit.Hex(root), err)
	}
	var got commit.Element
	if err := got.SetBytesCanonical(w.Root[:]); err != nil || !got.Equal(&root) {
		return nil, fmt.Errorf("%w: dataset record under %s holds root %x", ErrCorrupt, commit.Hex(root), w.Root)
	}
	return &DatasetRecord{Root: root, Samples: w.Samples, Features: w.Features, Classes: w.Classes, Manifest: w.Manifest, Block: w.Block}, nil
}

// Dataset returns the registry's record of root, or ErrNotRegistered.
func (s *Store) Dataset(root commit.Element) (*DatasetRecord, error) { return readDataset(s.db, root) }

// Dataset returns the registry's record of root as the batch sees it, or
// ErrNotRegistered.
func (b *Batch) Dataset(root commit.Element) (*DatasetRecord, error) {
	if b.b == nil {
		return nil, ErrBatchDone
	}
	return readDataset(b.b, root)
}

// PutDataset adds r to the registry in the batch.
func (b *Batch) PutDataset(r *DatasetRecord) error {
	if b.b == nil {
		return ErrBatchDone
	}
	v, err := rlp.EncodeToBytes(&datasetRLP{Root: r.Root.Bytes(), Samples: r.Samples, Features: r.Features, Classes: r.Classes, Manifest: r.Manifest, Block: r.Block})
	if err != nil {
		return err
	}
	return b.b.Set(datasetKey(r.Root), v, nil)
}

// Datasets returns every registered dataset, by root.
func (s *Store) Datasets() ([]*DatasetRecord, error) {
	it, err := s.db.NewIter(&pebble.IterOptions{LowerBound: []byte{prefixDataset}, UpperBound: []byte{prefixDataset + 1}})
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var out []*DatasetRecord
	for it.First(); it.Valid(); it.Next() {
		var root commit.Element
		if err := root.SetBytesCanonical(it.Key()[1:]); err != nil {
			return nil, fmt.Errorf("%w: dataset key %x", ErrCorrupt, it.Key())
		}
		r, err := readDataset(s.db, root)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, it.Error()
}
