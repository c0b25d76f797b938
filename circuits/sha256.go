package circuits

import (
	"math/bits"

	"github.com/consensys/gnark/frontend"
)

// SHA-256 over bits, in plain R1CS: no lookup table and so no commitment,
// which the aggregation circuit must not have (spec/proofs.md#aggregation).
// About 27k constraints per 64-byte block, against about 8k with gnark's
// table-based std/hash/sha2, which needs a commitment.

// word is a 32-bit word as bits, least significant first. A bit is a
// boolean variable or the constant 0 or 1.
type word [32]frontend.Variable

var sha256K = [64]uint32{
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
}

var sha256IV = [8]uint32{
	0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
}

type bitSHA256 struct{ api frontend.API }

func constWord(v uint32) word {
	var w word
	for i := range w {
		w[i] = (v >> i) & 1
	}
	return w
}

// SHA256Bits returns the SHA-256 digest of a message of whole bytes given
// as bits, most significant bit of the first byte first (the order of the
// byte string), as 256 bits in the same order. Every message bit must
// already be constrained to be boolean.
func SHA256Bits(api frontend.API, msg []frontend.Variable) []frontend.Variable {
	if len(msg)%8 != 0 {
		panic("circuits: SHA256Bits of a partial byte")
	}
	s := bitSHA256{api}
	// Padding (FIPS 180-4 5.1.1): a one bit, zeros to 448 mod 512, the
	// 64-bit big-endian bit length.
	padded := append([]frontend.Variable{}, msg...)
	padded = append(padded, 1)
	for len(padded)%512 != 448 {
		padded = append(padded, 0)
	}
	n := uint64(len(msg))
	for i := 63; i >= 0; i-- {
		padded = append(padded, (n>>i)&1)
	}
	var h [8]word
	for i, v := range sha256IV {
		h[i] = constWord(v)
	}
	for off := 0; off < len(padded); off += 512 {
		var blk [16]word
		for i := range blk {
			for j := range 32 { // big-endian word: the first bit is bit 31
				blk[i][31-j] = padded[off+32*i+j]
			}
		}
		h = s.compress(h, blk)
	}
	out := make([]frontend.Variable, 0, 256)
	for _, w := range h {
		for j := 31; j >= 0; j-- {
			out = append(out, w[j])
		}
	}
	return out
}

func (s bitSHA256) compress(h [8]word, m [16]word) [8]word {
	var w [64]word
	copy(w[:], m[:])
	for t := 16; t < 64; t++ {
		s0 := s.xor3(rotr(w[t-15], 7), rotr(w[t-15], 18), shr(w[t-15], 3))
		s1 := s.xor3(rotr(w[t-2], 17), rotr(w[t-2], 19), shr(w[t-2], 10))
		w[t] = s.add(0, s1, w[t-7], s0, w[t-16])
	}
	a, b, c, d, e, f, g, hh := h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]
	for t := range 64 {
		S1 := s.xor3(rotr(e, 6), rotr(e, 11), rotr(e, 25))
		ch := s.ch(e, f, g)
		S0 := s.xor3(rotr(a, 2), rotr(a, 13), rotr(a, 22))
		maj := s.maj(a, b, c)
		// T1 = h + S1 + ch + K + W; e' = d + T1; a' = T1 + S0 + maj. Each
		// sum is decomposed once, with its carries.
		newE := s.add(sha256K[t], d, hh, S1, ch, w[t])
		newA := s.add(sha256K[t], hh, S1, ch, w[t], S0, maj)
		hh, g, f, e, d, c, b, a = g, f, e, newE, c, b, a, newA
	}
	next := [8]word{a, b, c, d, e, f, g, hh}
	for i := range next {
		next[i] = s.add(0, h[i], next[i])
	}
	return next
}

func rotr(x word, n int) word {
	var r word
	for i := range r {
		r[i] = x[(i+n)%32]
	}
	return r
}

func shr(x word, n int) word {
	var r word
	for i := range r {
		if i+n < 32 {
			r[i] = x[i+n]
		} else {
			r[i] = 0
		}
	}
	return r
}

// xor is a + b - 2ab: one constraint, none when either bit is constant.
func (s bitSHA256) xor(a, b frontend.Variable) frontend.Variable {
	api := s.api
	return api.Sub(api.Add(a, b), api.Mul(2, api.Mul(a, b)))
}

func (s bitSHA256) xor3(x, y, z word) word {
	var r word
	for i := range r {
		r[i] = s.xor(s.xor(x[i], y[i]), z[i])
	}
	return r
}

// ch is e ? f : g = e(f - g) + g: one constraint per bit.
func (s bitSHA256) ch(e, f, g word) word {
	var r word
	for i := range r {
		r[i] = s.api.Add(s.api.Mul(e[i], s.api.Sub(f[i], g[i])), g[i])
	}
	return r
}

// maj is ab + c(a + b - 2ab): two constraints per bit.
func (s bitSHA256) maj(a, b, c word) word {
	var r word
	for i := range r {
		ab := s.api.Mul(a[i], b[i])
		r[i] = s.api.Add(ab, s.api.Mul(c[i], s.api.Sub(s.api.Add(a[i], b[i]), s.api.Mul(2, ab))))
	}
	return r
}

// add returns (k + sum of ws) mod 2^32: the sum as one linear combination,
// decomposed into 32 bits and the carry bits, which are dropped.
func (s bitSHA256) add(k uint32, ws ...word) word {
	api := s.api
	sum := frontend.Variable(k)
	for _, w := range ws {
		for i, b := range w { // linear: no constraint
			sum = api.Add(sum, api.Mul(b, uint64(1)<<i))
		}
	}
	bound := uint64(k) + uint64(len(ws))*(1<<32-1)
	out := api.ToBinary(sum, bits.Len64(bound))
	var r word
	copy(r[:], out[:32])
	return r
}
