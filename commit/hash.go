// Package commit holds the one hash of the protocol and the ways integers are
// packed into its field: every commitment (weights, samples, dataset and
// state trees, job parameters) is built here, so that the step circuit and
// the Solidity contracts recompute exactly these values.
//
// The hash is Poseidon2 over the BLS12-377 scalar field as gnark-crypto
// defines it (width 2, 6 full and 26 partial rounds, S-box x^17), used as a
// Merkle-Damgard hash for sequences and as a 2-to-1 compression for tree
// nodes (spec/commitments.md#hash).
package commit

import (
	"sync"

	"github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
	"github.com/consensys/gnark-crypto/ecc/bls12-377/fr/poseidon2"
)

// Element is an element of the BLS12-377 scalar field.
type Element = fr.Element

var perm = sync.OnceValue(poseidon2.NewDefaultPermutation)

// Compress is the 2-to-1 compression C(l, r) = P(l, r)[1] + r, where P is the
// Poseidon2 permutation (spec/commitments.md#hash). Tree nodes use it.
func Compress(l, r Element) Element {
	x := [2]fr.Element{l, r}
	if err := perm().Permutation(x[:]); err != nil {
		panic(err) // unreachable: the width is fixed at 2
	}
	x[1].Add(&x[1], &r)
	return x[1]
}

// Hash is the Merkle-Damgard hash of a sequence: s = 0, then s = C(s, x_i)
// for each element; the result is the final s (spec/commitments.md#hash). It
// equals gnark-crypto's poseidon2.NewMerkleDamgardHasher over the same
// elements and gnark's std/hash/poseidon2 in circuits.
func Hash(xs ...Element) Element {
	var s Element
	for i := range xs {
		s = Compress(s, xs[i])
	}
	return s
}

// Hasher absorbs elements one at a time, for long sequences that are not
// materialised as a slice (weights). The zero value is ready to use.
type Hasher struct{ s Element }

// Write absorbs x.
func (h *Hasher) Write(x Element) { h.s = Compress(h.s, x) }

// WriteUint64 absorbs v as a field element.
func (h *Hasher) WriteUint64(v uint64) { h.Write(FromUint64(v)) }

// Sum returns the hash of everything absorbed so far.
func (h *Hasher) Sum() Element { return h.s }

// FromUint64 returns v as a field element.
func FromUint64(v uint64) Element {
	var e Element
	e.SetUint64(v)
	return e
}
