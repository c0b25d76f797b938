// Package da is the rollup's data-availability seam: an interface shaped
// like Celestia's blob API (blobs in a namespace, addressed by height and
// share commitment, with inclusion proofs against the height's data root),
// the Celestia formats it relies on (go-square shares and commitments,
// rsmt2d extended squares with NMT row and column roots), and proof
// verification that needs nothing but a header.
//
// Where it sits: the batcher submits each batch as one blob in the
// rollup's namespace and commits (height, commitment) on L1; derivation
// fetches the blob back by that pair and checks it. Implementations:
// da/local (the embedded default, pebble-backed, also served over the
// celestia-node JSON-RPC subset by `trainrollup da serve`) and da/celestia
// (a client of that API). da/datest runs one conformance suite on both.
//
// Invariants:
//   - A blob's commitment is Celestia's share commitment
//     (inclusion.CreateCommitment with the RFC 6962 SHA-256 Merkle root and
//     subtree-root threshold 64): it depends on the namespace, the data and
//     the share version only, so a client can compute it before submitting.
//   - Everything a height returns is fixed once Submit returned it.
//   - VerifyBlob accepts a blob at a height only if its shares are in the
//     height's rows under the data root of its header.
package da

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/celestiaorg/go-square/v3/inclusion"
	"github.com/celestiaorg/go-square/v3/share"
)

// SubtreeRootThreshold is Celestia's subtree-root threshold of share
// commitments (celestia-app's appconsts).
const SubtreeRootThreshold = 64

// Errors every Layer returns (wrapped) for these conditions.
var (
	// ErrNotFound: no blob with that namespace and commitment at that
	// height, or no such height yet.
	ErrNotFound = errors.New("blob: not found")
	// ErrBlobTooLarge: a blob (or a submission) over the layer's limit.
	ErrBlobTooLarge = errors.New("blob too large")
	// ErrInvalid: a malformed namespace, blob, proof or commitment.
	ErrInvalid = errors.New("invalid blob data")
)

// Namespace is a Celestia namespace (29 bytes: version 0, 18 zero bytes,
// a 10-byte id).
type Namespace = share.Namespace

// NewNamespace returns the version-0 namespace of a 1..10-byte id.
func NewNamespace(id []byte) (Namespace, error) {
	if len(id) == 0 || len(id) > share.NamespaceVersionZeroIDSize {
		return Namespace{}, fmt.Errorf("%w: namespace id of %d bytes, want 1..10", ErrInvalid, len(id))
	}
	ns, err := share.NewV0Namespace(id)
	if err != nil {
		return Namespace{}, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if err := ns.ValidateForBlob(); err != nil {
		return Namespace{}, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	return ns, nil
}

// NamespaceFromBytes decodes a 29-byte namespace: version 0, 18 zero bytes,
// a 10-byte id, usable for blobs.
func NamespaceFromBytes(b []byte) (Namespace, error) {
	if len(b) != share.NamespaceSize {
		return Namespace{}, fmt.Errorf("%w: namespace of %d bytes, want %d", ErrInvalid, len(b), share.NamespaceSize)
	}
	ns, err := NewNamespace(b[share.NamespaceSize-share.NamespaceVersionZeroIDSize:])
	if err != nil {
		return Namespace{}, err
	}
	if !bytes.Equal(ns.Bytes(), b) {
		return Namespace{}, fmt.Errorf("%w: namespace %x is not a version-0 blob namespace", ErrInvalid, b)
	}
	return ns, nil
}

// CheckNamespace reports whether ns is a namespace blobs may use (a zero
// Namespace is not: go-square panics on it, so this checks first).
func CheckNamespace(ns Namespace) error {
	if len(ns.Bytes()) != share.NamespaceSize {
		return fmt.Errorf("%w: namespace of %d bytes", ErrInvalid, len(ns.Bytes()))
	}
	if err := ns.ValidateForBlob(); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	return nil
}

// Blob is a blob as the API returns it.
type Blob struct {
	Namespace    Namespace
	Data         []byte
	ShareVersion uint8
	Commitment   []byte
	// Index is the blob's first share in the height's original square
	// (row-major), -1 when not known (a blob not submitted yet).
	Index int
}

// NewBlob returns a share-version-0 blob with its commitment.
func NewBlob(ns Namespace, data []byte) (*Blob, error) {
	b := &Blob{Namespace: ns, Data: data, Index: -1}
	c, err := b.commit()
	if err != nil {
		return nil, err
	}
	b.Commitment = c
	return b, nil
}

func (b *Blob) square() (*share.Blob, error) {
	if err := CheckNamespace(b.Namespace); err != nil {
		return nil, err
	}
	if len(b.Data) == 0 {
		return nil, fmt.Errorf("%w: empty blob", ErrInvalid)
	}
	if b.ShareVersion != share.ShareVersionZero {
		return nil, fmt.Errorf("%w: share version %d (only 0)", ErrInvalid, b.ShareVersion)
	}
	sb, err := share.NewV0Blob(b.Namespace, b.Data)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	return sb, nil
}

// commit computes the share commitment of b.
func (b *Blob) commit() ([]byte, error) {
	sb, err := b.square()
	if err != nil {
		return nil, err
	}
	return inclusion.CreateCommitment(sb, MerkleRoot, SubtreeRootThreshold)
}

// Commitment returns the share commitment of a version-0 blob of data in
// ns.
func Commitment(ns Namespace, data []byte) ([]byte, error) {
	return (&Blob{Namespace: ns, Data: data}).commit()
}

// Header is what a height commits to: the data root over the row and
// column roots of its extended square.
type Header struct {
	Height      uint64
	Time        int64 // unix nanoseconds
	SquareSize  int   // width of the original square, in shares
	DataRoot    []byte
	RowRoots    [][]byte
	ColumnRoots [][]byte
}

// Layer is a data-availability layer with Celestia's blob API. Methods are
// safe for concurrent use; ctx bounds each call.
type Layer interface {
	// Submit publishes blobs in one height and returns it. Blobs are
	// immutable once it returns; the same blob submitted twice is stored
	// twice (at two heights).
	Submit(ctx context.Context, blobs []*Blob) (uint64, error)
	// Get returns the blob of ns with commitment at height (ErrNotFound).
	Get(ctx context.Context, height uint64, ns Namespace, commitment []byte) (*Blob, error)
	// GetAll returns every blob at height in the namespaces, ordered as
	// in the square (none: an empty list).
	GetAll(ctx context.Context, height uint64, namespaces []Namespace) ([]*Blob, error)
	// GetProof returns the inclusion proof of a blob.
	GetProof(ctx context.Context, height uint64, ns Namespace, commitment []byte) (*Proof, error)
	// Included reports whether proof shows the blob with commitment in ns
	// at height.
	Included(ctx context.Context, height uint64, ns Namespace, proof *Proof, commitment []byte) (bool, error)
	// Header returns a height's header (ErrNotFound beyond the head).
	Header(ctx context.Context, height uint64) (*Header, error)
	// NetworkHead returns the newest height's header.
	NetworkHead(ctx context.Context) (*Header, error)
}
