package da

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"

	square "github.com/celestiaorg/go-square/v3"
	"github.com/celestiaorg/go-square/v3/share"
	"github.com/celestiaorg/go-square/v3/tx"
	"github.com/celestiaorg/nmt"
	"github.com/celestiaorg/rsmt2d"
)

// Square is one height's original data square, as Celestia lays it out.
type Square struct {
	Width  int      // k: the square is k x k shares
	Shares [][]byte // k*k shares of 512 bytes, row-major
	// Starts holds, per submitted blob (in submission order), its first
	// share.
	Starts []int
}

// BuildSquare lays blobs out in a data square (go-square's builder: each
// blob in a pay-for-blob transaction of its own, blobs sorted by namespace
// after the transactions) of at most maxWidth x maxWidth shares.
func BuildSquare(blobs []*Blob, maxWidth int) (*Square, error) {
	txs := make([][]byte, len(blobs))
	for i, b := range blobs {
		sb, err := b.square()
		if err != nil {
			return nil, fmt.Errorf("blob %d: %w", i, err)
		}
		// The pay-for-blob transaction is not interpreted here: a marker
		// naming the blob stands in for a signed Celestia transaction.
		t, err := tx.MarshalBlobTx([]byte(fmt.Sprintf("trainrollup local pfb %d", i)), sb)
		if err != nil {
			return nil, fmt.Errorf("%w: blob %d: %v", ErrInvalid, i, err)
		}
		txs[i] = t
	}
	builder, err := square.NewBuilder(maxWidth, SubtreeRootThreshold, txs...)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBlobTooLarge, err)
	}
	if builder.NumPFBs() != len(blobs) {
		return nil, fmt.Errorf("%w: %d blobs do not fit a %dx%d square", ErrBlobTooLarge, len(blobs), maxWidth, maxWidth)
	}
	sq, err := builder.Export()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBlobTooLarge, err)
	}
	s := &Square{Width: sq.Size(), Shares: make([][]byte, len(sq))}
	for i, sh := range sq {
		s.Shares[i] = sh.ToBytes()
	}
	for i := range blobs {
		start, err := builder.FindBlobStartingIndex(i, 0)
		if err != nil {
			return nil, err
		}
		s.Starts = append(s.Starts, start)
	}
	return s, nil
}

// ShareCount is the number of shares a version-0 blob of n bytes takes.
func ShareCount(n int) int { return share.SparseSharesNeeded(uint32(n), false) }

// eds extends the square (Leopard Reed-Solomon, NMT rows and columns as
// celestia-app's wrapper builds them).
func (s *Square) eds() (*rsmt2d.ExtendedDataSquare, error) {
	return rsmt2d.ComputeExtendedDataSquare(s.Shares, rsmt2d.NewLeoRSCodec(), newTreeFn(s.Width))
}

// Roots returns the row roots, column roots and data root of the square.
func (s *Square) Roots() (rows, cols [][]byte, dataRoot []byte, err error) {
	e, err := s.eds()
	if err != nil {
		return nil, nil, nil, err
	}
	if rows, err = e.RowRoots(); err != nil {
		return nil, nil, nil, err
	}
	if cols, err = e.ColRoots(); err != nil {
		return nil, nil, nil, err
	}
	return rows, cols, MerkleRoot(append(append([][]byte{}, rows...), cols...)), nil
}

func newNMT() *nmt.NamespacedMerkleTree {
	return nmt.New(sha256.New(), nmt.NamespaceIDSize(share.NamespaceSize), nmt.IgnoreMaxNamespace(true))
}

// nmtTree is celestia-app's erasured namespaced Merkle tree: a leaf in the
// original quadrant carries its share's namespace, any other leaf the
// parity namespace.
type nmtTree struct {
	width, axisIndex, cell int
	tree                   *nmt.NamespacedMerkleTree
}

func newTreeFn(width int) rsmt2d.TreeConstructorFn {
	return func(_ rsmt2d.Axis, index uint) rsmt2d.Tree {
		return &nmtTree{width: width, axisIndex: int(index), tree: newNMT()}
	}
}

func leafData(data []byte, q0 bool) []byte {
	out := make([]byte, share.NamespaceSize+len(data))
	if q0 {
		copy(out, data[:share.NamespaceSize])
	} else {
		copy(out, share.ParitySharesNamespace.Bytes())
	}
	copy(out[share.NamespaceSize:], data)
	return out
}

func (t *nmtTree) Push(data []byte) error {
	if len(data) < share.NamespaceSize || t.cell >= 2*t.width {
		return errors.New("nmt wrapper: share too short or row full")
	}
	q0 := t.axisIndex < t.width && t.cell < t.width
	t.cell++
	return t.tree.Push(leafData(data, q0))
}

func (t *nmtTree) Root() ([]byte, error) { return t.tree.Root() }

// Proof shows a blob's shares in a height's square: per row it spans, an
// NMT range proof of its shares against the row root and the row root's
// RFC 6962 path to the data root.
type Proof struct {
	Rows []RowProof `json:"rows"`
}

// RowProof covers the blob's shares in one row.
type RowProof struct {
	Row       int         `json:"row"`
	Shares    nmt.Proof   `json:"shares"`
	RowRoot   []byte      `json:"row_root"`
	RowInData MerkleProof `json:"row_in_data_root"`
}

// Prove returns the proof of the shares [start, start+n) of the square.
func (s *Square) Prove(start, n int) (*Proof, error) {
	k := s.Width
	if start < 0 || n <= 0 || start+n > k*k {
		return nil, fmt.Errorf("%w: shares [%d, %d) outside a %dx%d square", ErrInvalid, start, start+n, k, k)
	}
	e, err := s.eds()
	if err != nil {
		return nil, err
	}
	rows, err := e.RowRoots()
	if err != nil {
		return nil, err
	}
	cols, err := e.ColRoots()
	if err != nil {
		return nil, err
	}
	all := append(append([][]byte{}, rows...), cols...)
	p := &Proof{}
	for r := start / k; r <= (start+n-1)/k; r++ {
		from, to := max(start, r*k)-r*k, min(start+n, (r+1)*k)-r*k
		t := newNMT()
		for c, sh := range e.Row(uint(r)) {
			if err := t.Push(leafData(sh, c < k)); err != nil {
				return nil, err
			}
		}
		np, err := t.ProveRange(from, to)
		if err != nil {
			return nil, err
		}
		p.Rows = append(p.Rows, RowProof{Row: r, Shares: np, RowRoot: rows[r], RowInData: NewMerkleProof(all, r)})
	}
	return p, nil
}

// CheckHeader reports whether h's data root is the root of its row and
// column roots and its square is well formed.
func CheckHeader(h *Header) error {
	k := h.SquareSize
	if k < 1 || len(h.RowRoots) != 2*k || len(h.ColumnRoots) != 2*k {
		return fmt.Errorf("%w: header of height %d: square %d with %d row and %d column roots", ErrInvalid, h.Height, k, len(h.RowRoots), len(h.ColumnRoots))
	}
	if !bytes.Equal(MerkleRoot(append(append([][]byte{}, h.RowRoots...), h.ColumnRoots...)), h.DataRoot) {
		return fmt.Errorf("%w: header of height %d: data root is not its roots'", ErrInvalid, h.Height)
	}
	return nil
}

// VerifyBlob checks that proof shows blob b at the height of header h: the
// commitment is b's, and every share of b is, in order, in consecutive
// positions of h's original square under h's row roots and data root.
func VerifyBlob(h *Header, b *Blob, proof *Proof) error {
	if err := CheckHeader(h); err != nil {
		return err
	}
	c, err := b.commit()
	if err != nil {
		return err
	}
	if !bytes.Equal(c, b.Commitment) {
		return fmt.Errorf("%w: the blob's commitment is not its data's", ErrInvalid)
	}
	sb, _ := b.square()
	shares, err := sb.ToShares()
	if err != nil {
		return fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if proof == nil || len(proof.Rows) == 0 {
		return fmt.Errorf("%w: empty proof", ErrInvalid)
	}
	k := h.SquareSize
	next := 0
	for i, rp := range proof.Rows {
		from, to := rp.Shares.Start(), rp.Shares.End()
		switch {
		case rp.Row < 0 || rp.Row >= k:
			return fmt.Errorf("%w: proof row %d outside the original square", ErrInvalid, rp.Row)
		case i > 0 && rp.Row != proof.Rows[i-1].Row+1:
			return fmt.Errorf("%w: proof rows not consecutive", ErrInvalid)
		case from < 0 || to > k || from >= to:
			return fmt.Errorf("%w: row %d: share range [%d, %d)", ErrInvalid, rp.Row, from, to)
		case i > 0 && from != 0, i < len(proof.Rows)-1 && to != k:
			return fmt.Errorf("%w: row %d: the blob's shares are not contiguous", ErrInvalid, rp.Row)
		case next+to-from > len(shares):
			return fmt.Errorf("%w: the proof covers more shares than the blob has", ErrInvalid)
		case !bytes.Equal(rp.RowRoot, h.RowRoots[rp.Row]):
			return fmt.Errorf("%w: row %d: root is not the header's", ErrInvalid, rp.Row)
		case rp.RowInData.Index != rp.Row || !rp.RowInData.Verify(h.DataRoot, rp.RowRoot):
			return fmt.Errorf("%w: row %d: root not under the data root", ErrInvalid, rp.Row)
		}
		leaves := make([][]byte, 0, to-from)
		for _, sh := range shares[next : next+to-from] {
			leaves = append(leaves, sh.ToBytes())
		}
		if !rp.Shares.VerifyInclusion(sha256.New(), b.Namespace.Bytes(), leaves, rp.RowRoot) {
			return fmt.Errorf("%w: row %d: shares not in the row", ErrInvalid, rp.Row)
		}
		next += to - from
	}
	if next != len(shares) {
		return fmt.Errorf("%w: the proof covers %d of the blob's %d shares", ErrInvalid, next, len(shares))
	}
	return nil
}
