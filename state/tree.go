package state

import (
	"sync"

	"github.com/trainrollup/trainrollup/commit"
)

// Depth is the depth of the state tree: job ids are 32-bit keys
// (spec/state.md#tree).
const Depth = 32

// MaxJobID is the largest job id.
const MaxJobID = 1<<Depth - 1

// emptyHashes[h] is the root of an empty subtree of height h: 0 for a leaf,
// Compress(E_{h-1}, E_{h-1}) above.
var emptyHashes = sync.OnceValue(func() [Depth + 1]commit.Element {
	var e [Depth + 1]commit.Element
	for h := 1; h <= Depth; h++ {
		e[h] = commit.Compress(e[h-1], e[h-1])
	}
	return e
})

// EmptyHash returns the root of an empty subtree of height h (0..Depth).
func EmptyHash(h int) commit.Element { return emptyHashes()[h] }

// EmptyRoot is the state root with no jobs.
func EmptyRoot() commit.Element { return EmptyHash(Depth) }

// RootFromProof recomputes the state root from a leaf value at key and its
// Depth siblings from the leaf level up: bit h of key set means the running
// node is the right child at height h.
func RootFromProof(key JobID, leaf commit.Element, siblings []commit.Element) commit.Element {
	cur := leaf
	for h := 0; h < len(siblings); h++ {
		if uint64(key)>>h&1 == 1 {
			cur = commit.Compress(siblings[h], cur)
		} else {
			cur = commit.Compress(cur, siblings[h])
		}
	}
	return cur
}
