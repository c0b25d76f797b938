package circuits

import (
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/permutation/poseidon2"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/fixed"
)

// Hasher is the hash of spec/commitments.md#hash in a circuit: gnark's
// Poseidon2 permutation with the default BLS12-377 parameters, which are
// those of gnark-crypto that package commit uses natively.
type Hasher struct {
	api  frontend.API
	perm *poseidon2.Permutation
}

// NewHasher returns the hash gadget for api (a BLS12-377 circuit).
func NewHasher(api frontend.API) (*Hasher, error) {
	p, err := poseidon2.NewPoseidon2(api)
	if err != nil {
		return nil, err
	}
	return &Hasher{api: api, perm: p}, nil
}

// Compress is commit.Compress: one permutation.
func (h *Hasher) Compress(l, r frontend.Variable) frontend.Variable {
	return h.perm.Compress(l, r)
}

// Hash is commit.Hash: s = 0, then s = Compress(s, x) for each x.
func (h *Hasher) Hash(xs ...frontend.Variable) frontend.Variable {
	var s frontend.Variable = 0
	for _, x := range xs {
		s = h.Compress(s, x)
	}
	return s
}

// Pack is commit.Pack over circuit values: each packed element is a linear
// combination, so packing costs no constraint. The values must be range
// checked (Arith.CheckValue) for the packing to be injective.
func Pack(api frontend.API, vs []frontend.Variable) []frontend.Variable {
	out := make([]frontend.Variable, commit.PackedLen(len(vs)))
	for i := range out {
		var acc frontend.Variable = 0
		for j := i * commit.PackWidth; j < min((i+1)*commit.PackWidth, len(vs)); j++ {
			u := api.Add(vs[j], commit.Offset)
			acc = api.Add(acc, api.Mul(u, pow2(fixed.Bits*(j-i*commit.PackWidth))))
		}
		out[i] = acc
	}
	return out
}

// RootFromPath is dataset.RootFromPath and state.RootFromProof: it climbs
// from leaf with the siblings, bits[h] (boolean, least significant first)
// telling whether the running node is the right child at height h.
func (h *Hasher) RootFromPath(leaf frontend.Variable, bits, siblings []frontend.Variable) frontend.Variable {
	cur := leaf
	for i, sib := range siblings {
		left := h.api.Select(bits[i], sib, cur)
		right := h.api.Select(bits[i], cur, sib)
		cur = h.Compress(left, right)
	}
	return cur
}
