// Package local is the embedded data-availability layer: every Submit
// makes a new height whose blobs are laid out in a real Celestia data
// square (go-square), extended with rsmt2d into row and column NMT roots
// under a data root, and kept in pebble. It answers Celestia's blob API
// (da.Layer) with proofs that verify against its headers alone.
//
// Where it sits: the default DA of a devnet, in process or behind
// `trainrollup da serve` (da/celestia's server) as its own process.
//
// Invariants:
//   - A height is written in one synced batch: after Submit returns, its
//     header, square and blobs survive a crash; a crash before leaves no
//     trace of it.
//   - Heights are consecutive from 1 and never change.
package local

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/vfs"
	"github.com/ethereum/go-ethereum/rlp"

	"github.com/trainrollup/trainrollup/da"
	"github.com/trainrollup/trainrollup/internal/pebblelog"
)

// Config bounds a local layer.
type Config struct {
	// MaxSquareWidth is the widest original square, in shares (a power of
	// two; Celestia's mainnet: 128).
	MaxSquareWidth int
	// MaxSubmitBytes caps the blob data of one Submit.
	MaxSubmitBytes int
}

// DefaultConfig is Celestia-like: squares up to 128x128 shares, 2 MiB of
// blob data per submission.
func DefaultConfig() Config { return Config{MaxSquareWidth: 128, MaxSubmitBytes: 2 << 20} }

// Check reports an invalid field.
func (c Config) Check() error {
	if c.MaxSquareWidth < 1 || c.MaxSquareWidth&(c.MaxSquareWidth-1) != 0 {
		return fmt.Errorf("MaxSquareWidth %d is not a power of two", c.MaxSquareWidth)
	}
	if c.MaxSubmitBytes < 1 {
		return fmt.Errorf("MaxSubmitBytes %d is not positive", c.MaxSubmitBytes)
	}
	return nil
}

// Local is the pebble-backed layer.
type Local struct {
	cfg Config
	db  *pebble.DB
	mu  sync.Mutex // serialises Submit
	now func() time.Time
}

var _ da.Layer = (*Local)(nil)

// Open opens (creating) a local layer in dir; "" keeps it in memory.
func Open(dir string, cfg Config) (*Local, error) {
	if err := cfg.Check(); err != nil {
		return nil, fmt.Errorf("local DA config: %w", err)
	}
	fs := vfs.Default
	if dir == "" {
		fs = vfs.NewMem()
	}
	db, err := pebble.Open(dir, pebblelog.Incompressible(&pebble.Options{FS: fs, Logger: pebblelog.New(nil)}))
	if err != nil {
		return nil, fmt.Errorf("open local DA %s: %w", dir, err)
	}
	return &Local{cfg: cfg, db: db, now: time.Now}, nil
}

// Close closes the store.
func (l *Local) Close() error { return l.db.Close() }

// Keys: h -> head height; H<height> -> header; S<height> -> the square's
// shares; B<height><index u32> -> blob record.
func key(p byte, h uint64, idx ...uint32) []byte {
	k := binary.BigEndian.AppendUint64([]byte{p}, h)
	for _, i := range idx {
		k = binary.BigEndian.AppendUint32(k, i)
	}
	return k
}

type headerRecord struct {
	Height      uint64
	Time        uint64
	SquareSize  uint64
	DataRoot    []byte
	RowRoots    [][]byte
	ColumnRoots [][]byte
}

type blobRecord struct {
	Namespace  []byte
	Commitment []byte
	Start      uint64
	Data       []byte
}

func (l *Local) head() (uint64, error) {
	v, closer, err := l.db.Get([]byte{'h'})
	if errors.Is(err, pebble.ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	defer closer.Close()
	return binary.BigEndian.Uint64(v), nil
}

// Submit lays the blobs out in a new height's square and stores it.
func (l *Local) Submit(ctx context.Context, blobs []*da.Blob) (uint64, error) {
	if len(blobs) == 0 {
		return 0, fmt.Errorf("%w: no blobs", da.ErrInvalid)
	}
	size := 0
	for i, b := range blobs {
		size += len(b.Data)
		c, err := da.Commitment(b.Namespace, b.Data)
		if err != nil {
			return 0, fmt.Errorf("blob %d: %w", i, err)
		}
		if b.Commitment != nil && !bytes.Equal(c, b.Commitment) {
			return 0, fmt.Errorf("%w: blob %d: commitment is not its data's", da.ErrInvalid, i)
		}
	}
	if size > l.cfg.MaxSubmitBytes {
		return 0, fmt.Errorf("%w: %d bytes of blob data, at most %d", da.ErrBlobTooLarge, size, l.cfg.MaxSubmitBytes)
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	sq, err := da.BuildSquare(blobs, l.cfg.MaxSquareWidth)
	if err != nil {
		return 0, err
	}
	rows, cols, root, err := sq.Roots()
	if err != nil {
		return 0, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	head, err := l.head()
	if err != nil {
		return 0, err
	}
	h := head + 1
	b := l.db.NewBatch()
	defer b.Close()
	hr, err := rlp.EncodeToBytes(&headerRecord{Height: h, Time: uint64(l.now().UnixNano()), SquareSize: uint64(sq.Width),
		DataRoot: root, RowRoots: rows, ColumnRoots: cols})
	if err != nil {
		return 0, err
	}
	if err := b.Set(key('H', h), hr, nil); err != nil {
		return 0, err
	}
	if err := b.Set(key('S', h), bytes.Join(sq.Shares, nil), nil); err != nil {
		return 0, err
	}
	for i, bl := range blobs {
		c, _ := da.Commitment(bl.Namespace, bl.Data)
		rec, err := rlp.EncodeToBytes(&blobRecord{Namespace: bl.Namespace.Bytes(), Commitment: c, Start: uint64(sq.Starts[i]), Data: bl.Data})
		if err != nil {
			return 0, err
		}
		if err := b.Set(key('B', h, uint32(i)), rec, nil); err != nil {
			return 0, err
		}
	}
	if err := b.Set([]byte{'h'}, binary.BigEndian.AppendUint64(nil, h), nil); err != nil {
		return 0, err
	}
	if err := b.Commit(pebble.Sync); err != nil {
		return 0, err
	}
	return h, nil
}

// blobs returns the blobs of height h in square order.
func (l *Local) blobs(h uint64) ([]*da.Blob, error) {
	if err := l.exists(h); err != nil {
		return nil, err
	}
	it, err := l.db.NewIter(&pebble.IterOptions{LowerBound: key('B', h), UpperBound: key('B', h+1)})
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var out []*da.Blob
	for it.First(); it.Valid(); it.Next() {
		var r blobRecord
		if err := rlp.DecodeBytes(it.Value(), &r); err != nil {
			return nil, fmt.Errorf("local DA: blob record at height %d: %w", h, err)
		}
		ns, err := da.NamespaceFromBytes(r.Namespace)
		if err != nil {
			return nil, fmt.Errorf("local DA: blob at height %d: %w", h, err)
		}
		out = append(out, &da.Blob{Namespace: ns, Data: r.Data, Commitment: r.Commitment, Index: int(r.Start)})
	}
	if err := it.Error(); err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b *da.Blob) int { return a.Index - b.Index }) // square order
	return out, nil
}

func (l *Local) exists(h uint64) error {
	head, err := l.head()
	if err != nil {
		return err
	}
	if h == 0 || h > head {
		return fmt.Errorf("%w: height %d (head %d)", da.ErrNotFound, h, head)
	}
	return nil
}

// Get returns the blob of ns with commitment at height.
func (l *Local) Get(ctx context.Context, height uint64, ns da.Namespace, commitment []byte) (*da.Blob, error) {
	bs, err := l.blobs(height)
	if err != nil {
		return nil, err
	}
	for _, b := range bs {
		if b.Namespace.Equals(ns) && bytes.Equal(b.Commitment, commitment) {
			return b, nil
		}
	}
	return nil, fmt.Errorf("%w: commitment %x in namespace %x at height %d", da.ErrNotFound, commitment, ns.ID(), height)
}

// GetAll returns the blobs of the namespaces at height, in square order.
func (l *Local) GetAll(ctx context.Context, height uint64, namespaces []da.Namespace) ([]*da.Blob, error) {
	bs, err := l.blobs(height)
	if err != nil {
		return nil, err
	}
	out := []*da.Blob{}
	for _, b := range bs {
		for _, ns := range namespaces {
			if b.Namespace.Equals(ns) {
				out = append(out, b)
				break
			}
		}
	}
	return out, nil
}

func (l *Local) square(h uint64) (*da.Square, error) {
	hd, err := l.Header(context.Background(), h)
	if err != nil {
		return nil, err
	}
	v, closer, err := l.db.Get(key('S', h))
	if err != nil {
		return nil, fmt.Errorf("local DA: square of height %d: %w", h, err)
	}
	defer closer.Close()
	k := hd.SquareSize
	if len(v) != k*k*512 {
		return nil, fmt.Errorf("local DA: square of height %d has %d bytes", h, len(v))
	}
	sq := &da.Square{Width: k, Shares: make([][]byte, k*k)}
	for i := range sq.Shares {
		sq.Shares[i] = bytes.Clone(v[i*512 : (i+1)*512])
	}
	return sq, nil
}

// GetProof returns the proof of a blob.
func (l *Local) GetProof(ctx context.Context, height uint64, ns da.Namespace, commitment []byte) (*da.Proof, error) {
	b, err := l.Get(ctx, height, ns, commitment)
	if err != nil {
		return nil, err
	}
	sq, err := l.square(height)
	if err != nil {
		return nil, err
	}
	return sq.Prove(b.Index, da.ShareCount(len(b.Data)))
}

// Included reports whether proof shows the blob with commitment in ns at
// height, checking it against the height's header.
func (l *Local) Included(ctx context.Context, height uint64, ns da.Namespace, proof *da.Proof, commitment []byte) (bool, error) {
	h, err := l.Header(ctx, height)
	if err != nil {
		return false, err
	}
	b, err := l.Get(ctx, height, ns, commitment)
	if errors.Is(err, da.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return da.VerifyBlob(h, b, proof) == nil, nil
}

// Header returns height's header.
func (l *Local) Header(ctx context.Context, height uint64) (*da.Header, error) {
	if err := l.exists(height); err != nil {
		return nil, err
	}
	v, closer, err := l.db.Get(key('H', height))
	if err != nil {
		return nil, fmt.Errorf("local DA: header %d: %w", height, err)
	}
	defer closer.Close()
	var r headerRecord
	if err := rlp.DecodeBytes(v, &r); err != nil {
		return nil, fmt.Errorf("local DA: header %d: %w", height, err)
	}
	return &da.Header{Height: r.Height, Time: int64(r.Time), SquareSize: int(r.SquareSize), DataRoot: r.DataRoot,
		RowRoots: r.RowRoots, ColumnRoots: r.ColumnRoots}, nil
}

// NetworkHead returns the newest height's header.
func (l *Local) NetworkHead(ctx context.Context) (*da.Header, error) {
	h, err := l.head()
	if err != nil {
		return nil, err
	}
	if h == 0 {
		return nil, fmt.Errorf("%w: no height yet", da.ErrNotFound)
	}
	return l.Header(ctx, h)
}
