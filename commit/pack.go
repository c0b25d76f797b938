package commit

import (
	"math/big"

	"github.com/trainrollup/trainrollup/fixed"
)

// PackWidth is the number of fixed-point values packed into one field
// element: 10 values of 24 bits use 240 of the field's 252 usable bits
// (spec/commitments.md#packing).
const PackWidth = 10

// Offset turns a signed value into an unsigned 24-bit one: u = v + 2^23.
const Offset = -fixed.Min

// PackedLen returns the number of field elements that n values pack into.
func PackedLen(n int) int { return (n + PackWidth - 1) / PackWidth }

// Pack packs values into field elements: element i is
// sum_{j<10} (v[10i+j] + 2^23) * 2^(24j); in the last element, slots past
// the end of vs are 0 (no offset). Values must be in [fixed.Min, fixed.Max];
// spec/commitments.md#packing.
func Pack(vs []int32) []Element {
	out := make([]Element, PackedLen(len(vs)))
	PackInto(out, vs)
	return out
}

// PackInto is Pack writing into out, which must have PackedLen(len(vs))
// elements.
func PackInto(out []Element, vs []int32) {
	var limbs [4]uint64
	for i := range out {
		limbs = [4]uint64{}
		lo := i * PackWidth
		hi := min(lo+PackWidth, len(vs))
		for j := lo; j < hi; j++ {
			u := uint64(int64(vs[j]) + Offset) // 24 bits
			bit := uint(24 * (j - lo))
			w, off := bit/64, bit%64
			limbs[w] |= u << off
			if off > 40 { // the value straddles two limbs
				limbs[w+1] |= u >> (64 - off)
			}
		}
		// limbs is a little-endian 256-bit integer below 2^240 < r
		var b [32]byte
		for k := 0; k < 4; k++ {
			for m := 0; m < 8; m++ {
				b[31-(8*k+m)] = byte(limbs[k] >> (8 * m))
			}
		}
		out[i].SetBytes(b[:])
	}
}

// Unpack is the inverse of Pack for n values; it is used by tests and
// tooling (spec/commitments.md#packing).
func Unpack(es []Element, n int) []int32 {
	out := make([]int32, n)
	mask := new(big.Int).SetUint64(1<<24 - 1)
	var x, t big.Int
	for i := range es {
		es[i].BigInt(&x)
		for j := 0; j < PackWidth && i*PackWidth+j < n; j++ {
			t.Rsh(&x, uint(24*j)).And(&t, mask)
			out[i*PackWidth+j] = int32(t.Int64() - Offset)
		}
	}
	return out
}

// FromAddress returns a 20-byte address as a field element: the big-endian
// 160-bit integer (spec/commitments.md#scalars).
func FromAddress(a [20]byte) Element {
	var e Element
	e.SetBytes(a[:])
	return e
}
