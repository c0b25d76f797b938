// Package datastore publishes datasets to DA and gets them back by
// manifest, checked, into a cache on disk (spec/dataset.md#publication).
//
// A node, the prover and `trainrollup verify` hold one Store: the
// datasets the chain registered, each obtained once (from a local copy
// given to the store, its disk cache, or DA) and checked against its
// manifest: every chunk's share commitment and the dataset root over all
// samples.
//
// Invariants:
//   - Get returns a dataset only if its samples reproduce the manifest's
//     root, and, when they came from a local copy, if the canonical chunks
//     rebuilt from that copy have the manifest's commitments.
//   - Get's errors are classed (package fault): a manifest or chunk that
//     can never reproduce the root is Invalid (the same answer on every
//     node); a chunk the store cannot obtain now (DA unreachable, a
//     height beyond DA's head) is a Node fault, to be tried again.
//   - The cache holds only checked datasets, written atomically; a cached
//     entry is checked again when read.
package datastore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/da"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/fault"
	"github.com/trainrollup/trainrollup/internal/atomicfile"
)

var (
	// ErrMissing: DA does not hold a chunk at a height it has. Every node
	// that asks within DA's retention gets the same answer.
	ErrMissing = fault.Invalid("dataset chunk not on DA")
	// ErrUnavailable: a chunk cannot be obtained now; try again later.
	ErrUnavailable = fault.Node("dataset chunk unavailable")
)

// Store is a cache of checked datasets by root over a DA layer. Its
// methods are safe for concurrent use.
type Store struct {
	dir   string
	layer da.Layer
	ns    da.Namespace
	log   *slog.Logger

	mu     sync.Mutex
	local  map[commit.Element]*dataset.Dataset // copies given by Add, not yet checked against a manifest
	loaded map[commit.Element]*dataset.Dataset // checked against a registered manifest
}

// Open opens the store with its cache in dir ("" keeps nothing on disk)
// over layer (nil: local copies and the cache only) in namespace ns.
func Open(dir string, layer da.Layer, ns da.Namespace, log *slog.Logger) (*Store, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("dataset store: %w", err)
		}
	}
	return &Store{dir: dir, layer: layer, ns: ns, log: log.With("component", "datastore"),
		local: map[commit.Element]*dataset.Dataset{}, loaded: map[commit.Element]*dataset.Dataset{}}, nil
}

// Add gives the store a local copy of a dataset (a --data file) and
// returns its root. Get uses it, after checking it against the manifest,
// instead of fetching the chunks from DA.
func (s *Store) Add(d *dataset.Dataset) (commit.Element, error) {
	tree, err := dataset.NewTree(d)
	if err != nil {
		return commit.Element{}, err
	}
	root := tree.Root()
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.loaded[root]; !ok {
		s.local[root] = d
	}
	return root, nil
}

// Lookup returns the dataset with root if Get has returned it (or a copy
// given by Add, unchecked against any manifest: the caller decides
// whether that is enough).
func (s *Store) Lookup(root commit.Element) (d *dataset.Dataset, checked bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if d, ok := s.loaded[root]; ok {
		return d, true
	}
	return s.local[root], false
}

// Get returns the dataset m describes: from memory, from a local copy
// (checked: its canonical chunks must have m's commitments), from the
// cache, or from DA; it caches what it fetched. See the package doc for
// the classes of its errors.
func (s *Store) Get(ctx context.Context, m *dataset.Manifest) (*dataset.Dataset, error) {
	if err := m.Check(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	d, ok := s.loaded[m.Root]
	local := s.local[m.Root]
	s.mu.Unlock()
	if ok {
		return d, nil
	}
	var err error
	switch {
	case local != nil:
		d, err = s.fromCopy(m, local)
	default:
		d, err = s.fromCache(m)
		if d == nil && err == nil {
			d, err = s.fromDA(ctx, m)
		}
	}
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.loaded[m.Root] = d
	delete(s.local, m.Root)
	s.mu.Unlock()
	return d, nil
}

// Chunks are the canonical chunk blobs of d split as m says, with their
// commitments in ns.
func Chunks(m *dataset.Manifest, d *dataset.Dataset, ns da.Namespace) ([][]byte, [][]byte, error) {
	blobs := make([][]byte, len(m.Chunks))
	comms := make([][]byte, len(m.Chunks))
	first := 0
	for c, ref := range m.Chunks {
		if first+int(ref.Count) > d.Len() {
			return nil, nil, fmt.Errorf("%w: chunk %d reaches past the %d samples of the copy", dataset.ErrManifest, c, d.Len())
		}
		blobs[c] = dataset.EncodeChunk(d, m.Root, c, first, int(ref.Count))
		var err error
		if comms[c], err = da.Commitment(ns, blobs[c]); err != nil {
			return nil, nil, err
		}
		first += int(ref.Count)
	}
	return blobs, comms, nil
}

// fromCopy checks a local copy against m: it must reproduce every chunk
// commitment, and then (Assemble) the root.
func (s *Store) fromCopy(m *dataset.Manifest, local *dataset.Dataset) (*dataset.Dataset, error) {
	if uint64(local.Len()) != m.Samples || local.Features != int(m.Features) {
		return nil, fmt.Errorf("%w: the local copy of %s has %d samples of %d features, the manifest %d of %d",
			dataset.ErrManifest, commit.Hex(m.Root), local.Len(), local.Features, m.Samples, m.Features)
	}
	blobs, comms, err := Chunks(m, local, s.ns)
	if err != nil {
		return nil, err
	}
	for c, ref := range m.Chunks {
		if string(comms[c]) != string(ref.Commitment) {
			return nil, fmt.Errorf("%w: chunk %d of the local copy has commitment %x, the manifest %x", dataset.ErrManifest, c, comms[c], ref.Commitment)
		}
	}
	d, err := dataset.Assemble(m, blobs)
	if err != nil {
		return nil, err
	}
	s.log.Info("dataset checked against a local copy", "root", commit.Hex(m.Root), "samples", m.Samples, "chunks", len(m.Chunks))
	return d, s.save(m, blobs)
}

// fromDA fetches every chunk of m, checks it and the root, and caches it.
func (s *Store) fromDA(ctx context.Context, m *dataset.Manifest) (*dataset.Dataset, error) {
	if s.layer == nil {
		return nil, fmt.Errorf("%w: dataset %s: no DA layer and no local copy", ErrUnavailable, commit.Hex(m.Root))
	}
	blobs := make([][]byte, len(m.Chunks))
	for c, ref := range m.Chunks {
		b, err := s.layer.Get(ctx, ref.Height, s.ns, ref.Commitment)
		if err != nil {
			return nil, s.classify(ctx, m, c, err)
		}
		// A DA node that answers with other data is at fault, not the
		// manifest: another may answer right.
		if comm, err := da.Commitment(s.ns, b.Data); err != nil || string(comm) != string(ref.Commitment) {
			return nil, fmt.Errorf("%w: chunk %d of %s: DA answered height %d with a blob of another commitment", ErrUnavailable, c, commit.Hex(m.Root), ref.Height)
		}
		blobs[c] = b.Data
	}
	d, err := dataset.Assemble(m, blobs)
	if err != nil {
		return nil, err
	}
	s.log.Info("dataset fetched from DA", "root", commit.Hex(m.Root), "samples", m.Samples, "chunks", len(m.Chunks))
	return d, s.save(m, blobs)
}

// classify turns a failed Get of chunk c into ErrMissing (DA has the
// height and no such blob) or ErrUnavailable (anything else).
func (s *Store) classify(ctx context.Context, m *dataset.Manifest, c int, err error) error {
	ref := m.Chunks[c]
	if errors.Is(err, da.ErrNotFound) {
		head, herr := s.layer.NetworkHead(ctx)
		if herr == nil && head.Height >= ref.Height {
			return fmt.Errorf("%w: chunk %d of %s at height %d (DA head %d): %w", ErrMissing, c, commit.Hex(m.Root), ref.Height, head.Height, err)
		}
		if herr != nil {
			err = errors.Join(err, herr)
		}
	}
	return fmt.Errorf("%w: chunk %d of %s at height %d: %w", ErrUnavailable, c, commit.Hex(m.Root), ref.Height, err)
}

// entryDir is the cache directory of a root.
func (s *Store) entryDir(root commit.Element) string { return filepath.Join(s.dir, commit.Hex(root)) }

// save writes the manifest and the chunks under the root's directory,
// each file atomically, the manifest last (an entry without one is
// incomplete and ignored).
func (s *Store) save(m *dataset.Manifest, blobs [][]byte) error {
	if s.dir == "" {
		return nil
	}
	dir := s.entryDir(m.Root)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("dataset cache: %w", err)
	}
	for c, b := range blobs {
		if err := atomicfile.Write(filepath.Join(dir, fmt.Sprintf("chunk-%04d", c)), b); err != nil {
			return fmt.Errorf("dataset cache: %w", err)
		}
	}
	enc, err := m.MarshalBinary()
	if err != nil {
		return err
	}
	if err := atomicfile.Write(filepath.Join(dir, "manifest"), enc); err != nil {
		return fmt.Errorf("dataset cache: %w", err)
	}
	return nil
}

// fromCache reads the root's cached chunks, if complete, and checks them
// against m (a cache entry that does not is dropped, and DA asked).
func (s *Store) fromCache(m *dataset.Manifest) (*dataset.Dataset, error) {
	if s.dir == "" {
		return nil, nil
	}
	dir := s.entryDir(m.Root)
	if _, err := os.Stat(filepath.Join(dir, "manifest")); err != nil {
		return nil, nil
	}
	blobs := make([][]byte, len(m.Chunks))
	for c := range m.Chunks {
		b, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("chunk-%04d", c)))
		if err != nil {
			s.log.Warn("dataset cache entry incomplete, fetching again", "root", commit.Hex(m.Root), "err", err)
			return nil, nil
		}
		blobs[c] = b
	}
	for c, ref := range m.Chunks {
		comm, err := da.Commitment(s.ns, blobs[c])
		if err != nil || string(comm) != string(ref.Commitment) {
			s.log.Warn("dataset cache entry does not match the manifest, fetching again", "root", commit.Hex(m.Root), "chunk", c)
			return nil, nil
		}
	}
	d, err := dataset.Assemble(m, blobs)
	if err != nil {
		s.log.Warn("dataset cache entry does not reproduce its root, fetching again", "root", commit.Hex(m.Root), "err", err)
		return nil, nil
	}
	return d, nil
}
