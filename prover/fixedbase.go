package prover

import (
	"math/bits"
	"runtime"
	"sync"
	"sync/atomic"
)

// Fixed-base batch scalar multiplication for key generation: every point of
// a Groth16 key is a scalar times a generator. With a table of j 2^(wk) G
// for each w-bit window k and digit j, one multiplication is one mixed
// addition per window and no doubling, where gnark-crypto's
// BatchScalarMultiplication doubles for every bit. The same keys, several
// times faster; the work is shared by all cores.

// groupOps are one group's operations on Jacobian points J with affine
// points A.
type groupOps[J, A any] struct {
	fromAffine func(*J, *A)
	addMixed   func(*J, *A)
	double     func(*J)
	infinity   func() J
	toAffine   func([]J) []A
}

// windowBits chooses the window that minimises the work of n
// multiplications of nbits-bit scalars: the additions, ceil(nbits/w) each,
// plus the table, ceil(nbits/w) 2^w points.
func windowBits(n, nbits int) int {
	best, bestCost := 4, int64(-1)
	for w := 4; w <= 16; w++ {
		windows := int64((nbits + w - 1) / w)
		cost := windows * (int64(n) + int64(1)<<w)
		if bestCost < 0 || cost < bestCost {
			best, bestCost = w, cost
		}
	}
	return best
}

// fixedBaseMul returns s_i * base for i in [0, n), where limbs(i, dst)
// writes s_i into dst as stride little-endian 64-bit limbs in regular (not
// Montgomery) form, below 2^nbits: one scalar at a time, so that no second
// copy of the scalars is made. done is called with the number of scalars
// finished so far, from any goroutine.
func fixedBaseMul[J, A any](ops groupOps[J, A], base *A, n int, limbs func(i int, dst []uint64), stride, nbits int, done func(int)) []A {
	out := make([]A, n)
	if n == 0 {
		return out
	}
	w := windowBits(n, nbits)
	table := fixedBaseTable(ops, base, nbits, w)
	const chunk = 1 << 12
	var next, finished atomic.Int64
	parallel(func() {
		jac := make([]J, chunk)
		s := make([]uint64, stride)
		for {
			start := int(next.Add(chunk)) - chunk
			if start >= n {
				return
			}
			end := min(start+chunk, n)
			for i := start; i < end; i++ {
				limbs(i, s)
				acc, empty := &jac[i-start], true
				for k := range table {
					d := digit(s, k*w, w)
					if d == 0 {
						continue
					}
					if empty {
						ops.fromAffine(acc, &table[k][d-1])
						empty = false
					} else {
						ops.addMixed(acc, &table[k][d-1])
					}
				}
				if empty {
					*acc = ops.infinity()
				}
			}
			copy(out[start:end], ops.toAffine(jac[:end-start]))
			if done != nil {
				done(int(finished.Add(int64(end - start))))
			}
		}
	})
	return out
}

// fixedBaseTable returns t with t[k][j-1] = j 2^(wk) base for j in
// [1, 2^w).
func fixedBaseTable[J, A any](ops groupOps[J, A], base *A, nbits, w int) [][]A {
	windows := (nbits + w - 1) / w
	bases := make([]J, windows) // 2^(wk) base
	ops.fromAffine(&bases[0], base)
	for k := 1; k < windows; k++ {
		bases[k] = bases[k-1]
		for range w {
			ops.double(&bases[k])
		}
	}
	affine := ops.toAffine(bases)
	table := make([][]A, windows)
	var next atomic.Int64
	parallel(func() {
		jac := make([]J, 1<<w-1)
		for {
			k := int(next.Add(1)) - 1
			if k >= windows {
				return
			}
			ops.fromAffine(&jac[0], &affine[k])
			for j := 1; j < len(jac); j++ {
				jac[j] = jac[j-1]
				ops.addMixed(&jac[j], &affine[k])
			}
			table[k] = ops.toAffine(jac)
		}
	})
	return table
}

// digit returns the w bits of s from bit pos.
func digit(s []uint64, pos, w int) uint64 {
	i, off := pos/64, pos%64
	if i >= len(s) {
		return 0
	}
	d := s[i] >> off
	if off+w > 64 && i+1 < len(s) {
		d |= s[i+1] << (64 - off)
	}
	return d & (1<<w - 1)
}

// bitReverse permutes s, of power-of-two length, to bit-reversed order.
func bitReverse[T any](s []T) {
	n := uint64(len(s))
	shift := 64 - bits.TrailingZeros64(n)
	for i := range n {
		j := bits.Reverse64(i) >> shift
		if i < j {
			s[i], s[j] = s[j], s[i]
		}
	}
}

// parallel runs f on every core and waits.
func parallel(f func()) {
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(f)
	}
	wg.Wait()
}
