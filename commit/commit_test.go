package commit

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
	"github.com/consensys/gnark-crypto/ecc/bls12-377/fr/poseidon2"

	"github.com/trainrollup/trainrollup/fixed"
)

// TestHashMatchesGnarkCrypto pins Hash to gnark-crypto's Merkle-Damgard
// hasher, which gnark's std/hash/poseidon2 mirrors in circuits.
func TestHashMatchesGnarkCrypto(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 6; n++ {
		xs := make([]fr.Element, n)
		for i := range xs {
			xs[i].SetUint64(rng.Uint64())
			if i%2 == 1 {
				xs[i].SetRandom()
			}
		}
		h := poseidon2.NewMerkleDamgardHasher()
		for i := range xs {
			b := xs[i].Bytes()
			if _, err := h.Write(b[:]); err != nil {
				t.Fatal(err)
			}
		}
		var want fr.Element
		want.SetBytes(h.Sum(nil))
		if got := Hash(xs...); !got.Equal(&want) {
			t.Fatalf("n=%d: Hash = %s, gnark-crypto = %s", n, Hex(got), Hex(want))
		}
		var hs Hasher
		for i := range xs {
			hs.Write(xs[i])
		}
		if got := hs.Sum(); !got.Equal(&want) {
			t.Fatalf("n=%d: Hasher = %s, want %s", n, Hex(got), Hex(want))
		}
	}
}

func TestCompressMatchesGnarkCrypto(t *testing.T) {
	var l, r fr.Element
	l.SetUint64(7)
	r.SetRandom()
	lb, rb := l.Bytes(), r.Bytes()
	want, err := poseidon2.NewDefaultPermutation().Compress(lb[:], rb[:])
	if err != nil {
		t.Fatal(err)
	}
	got := Compress(l, r)
	if gb := got.Bytes(); string(gb[:]) != string(want) {
		t.Fatalf("Compress mismatch")
	}
}

func TestPackRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 9, 10, 11, 25, 100} {
		vs := make([]int32, n)
		for i := range vs {
			switch i % 4 {
			case 0:
				vs[i] = fixed.Max
			case 1:
				vs[i] = fixed.Min
			default:
				vs[i] = int32(rng.Int64N(fixed.Max-fixed.Min+1) + fixed.Min)
			}
		}
		es := Pack(vs)
		if len(es) != PackedLen(n) {
			t.Fatalf("n=%d: %d elements", n, len(es))
		}
		// Each element equals the big-integer formula of the spec.
		for i := range es {
			want := new(big.Int)
			for j := PackWidth - 1; j >= 0; j-- {
				want.Lsh(want, 24)
				if k := i*PackWidth + j; k < n {
					want.Add(want, big.NewInt(int64(vs[k])+Offset))
				}
			}
			var got big.Int
			es[i].BigInt(&got)
			if got.Cmp(want) != 0 {
				t.Fatalf("n=%d element %d = %s, want %s", n, i, &got, want)
			}
		}
		back := Unpack(es, n)
		for i := range vs {
			if back[i] != vs[i] {
				t.Fatalf("n=%d: value %d: %d != %d", n, i, back[i], vs[i])
			}
		}
	}
}
