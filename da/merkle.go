package da

import (
	"crypto/sha256"
	"math/bits"
)

// RFC 6962 Merkle trees over SHA-256, as Celestia (CometBFT's
// merkle.HashFromByteSlices) hashes share commitments and the data root:
// leaf = SHA-256(0x00 || item), inner = SHA-256(0x01 || left || right),
// split at the largest power of two below the item count; the empty tree
// is SHA-256 of nothing.

func leafHash(item []byte) []byte {
	h := sha256.New()
	h.Write([]byte{0})
	h.Write(item)
	return h.Sum(nil)
}

func innerHash(l, r []byte) []byte {
	h := sha256.New()
	h.Write([]byte{1})
	h.Write(l)
	h.Write(r)
	return h.Sum(nil)
}

// splitPoint is the largest power of two strictly below n (n >= 2).
func splitPoint(n int) int {
	return 1 << (bits.Len(uint(n-1)) - 1)
}

// MerkleRoot is the RFC 6962 root of items.
func MerkleRoot(items [][]byte) []byte {
	switch len(items) {
	case 0:
		s := sha256.Sum256(nil)
		return s[:]
	case 1:
		return leafHash(items[0])
	}
	k := splitPoint(len(items))
	return innerHash(MerkleRoot(items[:k]), MerkleRoot(items[k:]))
}

// MerkleProof is the path of item index among total items: the sibling
// hashes from the leaf up.
type MerkleProof struct {
	Index int      `json:"index"`
	Total int      `json:"total"`
	Aunts [][]byte `json:"aunts"`
}

// NewMerkleProof returns the proof of items[index].
func NewMerkleProof(items [][]byte, index int) MerkleProof {
	return MerkleProof{Index: index, Total: len(items), Aunts: aunts(items, index)}
}

func aunts(items [][]byte, index int) [][]byte {
	if len(items) <= 1 {
		return nil
	}
	k := splitPoint(len(items))
	if index < k {
		return append(aunts(items[:k], index), MerkleRoot(items[k:]))
	}
	return append(aunts(items[k:], index-k), MerkleRoot(items[:k]))
}

// Verify reports whether item is at p.Index of a tree with root.
func (p MerkleProof) Verify(root, item []byte) bool {
	if p.Index < 0 || p.Index >= p.Total {
		return false
	}
	got, ok := rootFromAunts(p.Index, p.Total, leafHash(item), p.Aunts)
	return ok && string(got) == string(root)
}

func rootFromAunts(index, total int, leaf []byte, aunts [][]byte) ([]byte, bool) {
	if total == 1 {
		return leaf, len(aunts) == 0
	}
	if len(aunts) == 0 {
		return nil, false
	}
	k := splitPoint(total)
	last := aunts[len(aunts)-1]
	if index < k {
		l, ok := rootFromAunts(index, k, leaf, aunts[:len(aunts)-1])
		return innerHash(l, last), ok
	}
	r, ok := rootFromAunts(index-k, total-k, leaf, aunts[:len(aunts)-1])
	return innerHash(last, r), ok
}
