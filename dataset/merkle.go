package dataset

import (
	"fmt"
	"math/bits"

	"github.com/trainrollup/trainrollup/commit"
)

// Leaf is the hash of one sample: H(TagSample, label, Pack(features)...)
// (spec/dataset.md#leaf).
func Leaf(features []int32, label uint32) commit.Element {
	var h commit.Hasher
	h.WriteUint64(commit.TagSample)
	h.WriteUint64(uint64(label))
	for _, e := range commit.Pack(features) {
		h.Write(e)
	}
	return h.Sum()
}

// Depth returns the dataset tree depth for n samples: ceil(log2 n), 0 for one
// sample (spec/dataset.md#tree).
func Depth(n int) int {
	if n <= 1 {
		return 0
	}
	return bits.Len(uint(n - 1))
}

// Tree is the Merkle tree over a dataset's sample leaves: 2^Depth leaves,
// those past the last sample are 0, and a node is Compress(left, right).
type Tree struct {
	levels [][]commit.Element // levels[0] are the leaves, the last the root
	n      int
}

// NewTree hashes every sample of d and builds the tree.
func NewTree(d *Dataset) (*Tree, error) {
	if err := d.Check(); err != nil {
		return nil, err
	}
	depth := Depth(d.Len())
	leaves := make([]commit.Element, 1<<depth)
	for i := range d.Len() {
		x, y := d.Sample(i)
		leaves[i] = Leaf(x, y)
	}
	t := &Tree{levels: [][]commit.Element{leaves}, n: d.Len()}
	for cur := leaves; len(cur) > 1; {
		next := make([]commit.Element, len(cur)/2)
		for i := range next {
			next[i] = commit.Compress(cur[2*i], cur[2*i+1])
		}
		t.levels = append(t.levels, next)
		cur = next
	}
	return t, nil
}

// Root returns the dataset root.
func (t *Tree) Root() commit.Element { return t.levels[len(t.levels)-1][0] }

// Depth returns the number of levels above the leaves.
func (t *Tree) Depth() int { return len(t.levels) - 1 }

// Proof returns the siblings of sample i from the leaf level up.
func (t *Tree) Proof(i int) ([]commit.Element, error) {
	if i < 0 || i >= t.n {
		return nil, fmt.Errorf("%w: %d of %d", ErrIndex, i, t.n)
	}
	path := make([]commit.Element, t.Depth())
	for h := range path {
		path[h] = t.levels[h][(i>>h)^1]
	}
	return path, nil
}

// RootFromPath recomputes the root from a leaf at index i and its siblings:
// at height h, bit h of i set means the running node is the right child.
func RootFromPath(leaf commit.Element, i uint64, path []commit.Element) commit.Element {
	cur := leaf
	for h := range path {
		if i>>h&1 == 1 {
			cur = commit.Compress(path[h], cur)
		} else {
			cur = commit.Compress(cur, path[h])
		}
	}
	return cur
}

// Verify reports whether leaf sits at index i under root.
func Verify(root, leaf commit.Element, i uint64, path []commit.Element) bool {
	if len(path) < 64 && i>>len(path) != 0 {
		return false
	}
	r := RootFromPath(leaf, i, path)
	return r.Equal(&root)
}
