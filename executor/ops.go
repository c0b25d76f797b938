package executor

import (
	"github.com/trainrollup/trainrollup/fixed"
)

// The op set of spec/model.md. Each function here is mirrored one to one by
// a gadget in circuits/ and a kernel of the GPU executor; the formulas are
// in the spec and the comments cite them. Matrices are row-major; a batch of
// B vectors of width n is a B*n slice. The rem arguments, when not nil,
// receive the rounding remainders of fixed.Shift that the step circuit takes
// as witness.

// Dense is the forward op of a dense layer (spec/model.md#forward):
// z[b][j] = Sat(Shift(sum_k W[j][k]*x[b][k] + bias[j]*2^F, F)).
func Dense(p *Pool, z []int32, rem []int64, x, w, bias []int32, batch, in, out int) {
	p.run(batch, in*out, func(lo, hi int) {
		var acc [4]int64
		for b := lo; b < hi; b++ {
			xb := x[b*in : (b+1)*in]
			for j := 0; j < out; j += 4 {
				// Four rows at a time share the loads of x.
				if j+4 <= out {
					acc[0], acc[1], acc[2], acc[3] = dot4(w[j*in:(j+1)*in], w[(j+1)*in:(j+2)*in], w[(j+2)*in:(j+3)*in], w[(j+3)*in:(j+4)*in], xb)
				} else {
					for r := j; r < out; r++ {
						acc[r-j] = dot(w[r*in:(r+1)*in], xb)
					}
				}
				for r := j; r < min(j+4, out); r++ {
					q, rm := fixed.Shift(acc[r-j]+int64(bias[r])<<fixed.Frac, fixed.Frac)
					z[b*out+r] = fixed.Sat(q)
					if rem != nil {
						rem[b*out+r] = rm
					}
				}
			}
		}
	})
}

// ReLU sets a[i] = max(z[i], 0).
func ReLU(a, z []int32) {
	for i, v := range z {
		a[i] = max(v, 0)
	}
}

// ReLUGrad sets d[i] = e[i] where z[i] > 0 and 0 elsewhere: the derivative of
// ReLU is 1 for a positive pre-activation and 0 otherwise (zero included).
func ReLUGrad(d, e, z []int32) {
	for i, v := range z {
		if v > 0 {
			d[i] = e[i]
		} else {
			d[i] = 0
		}
	}
}

// BackError propagates a layer's error to its input (spec/model.md#backward):
// e[b][k] = Sat(Shift(sum_j W[j][k]*delta[b][j], F)), with W before the update.
func BackError(p *Pool, e []int32, rem []int64, delta, w []int32, batch, in, out int) {
	p.run(batch, in*out, func(lo, hi int) {
		acc := make([]int64, in)
		for b := lo; b < hi; b++ {
			clear(acc)
			for j := range out {
				if d := delta[b*out+j]; d != 0 {
					axpy(acc, int64(d), w[j*in:(j+1)*in])
				}
			}
			for k, v := range acc {
				q, r := fixed.Shift(v, fixed.Frac)
				e[b*in+k] = fixed.Sat(q)
				if rem != nil {
					rem[b*in+k] = r
				}
			}
		}
	})
}

// WeightGrad computes a layer's gradient sums over the batch
// (spec/model.md#backward): gw[j][k] = sum_b delta[b][j]*x[b][k] (2F
// fractional bits) and gb[j] = sum_b delta[b][j] (F fractional bits), both
// exact: the one rounding happens in Update.
func WeightGrad(p *Pool, gw, gb []int64, delta, x []int32, batch, in, out int) {
	p.run(out, in*batch, func(lo, hi int) {
		for j := lo; j < hi; j++ {
			acc := gw[j*in : (j+1)*in]
			clear(acc)
			var sb int64
			for b := range batch {
				if d := delta[b*out+j]; d != 0 {
					axpy(acc, int64(d), x[b*in:(b+1)*in])
					sb += int64(d)
				}
			}
			gb[j] = sb
		}
	})
}

// Update is the SGD step on one parameter block (spec/model.md#update):
// w[i] = Sat(w[i] - Shift(g[i]*eta, shift)), the product taken exactly in
// 128 bits. shift is 2F + log2 B for weights and F + log2 B for biases.
func Update(w []int32, rem []int64, g []int64, eta int64, shift uint) {
	for i, gi := range g {
		q, r := fixed.MulShift(gi, eta, shift)
		w[i] = fixed.Sat(int64(w[i]) - q)
		if rem != nil {
			rem[i] = r
		}
	}
}

// dot returns sum_i a[i]*b[i] exactly. len(b) must be at least len(a).
// The loops re-slice instead of indexing so that the compiler drops the
// bounds checks.
func dot(a, b []int32) int64 {
	b = b[:len(a)]
	var s0, s1, s2, s3 int64
	for len(a) >= 4 && len(b) >= 4 {
		s0 += int64(a[0]) * int64(b[0])
		s1 += int64(a[1]) * int64(b[1])
		s2 += int64(a[2]) * int64(b[2])
		s3 += int64(a[3]) * int64(b[3])
		a, b = a[4:], b[4:]
	}
	for i := range a {
		s0 += int64(a[i]) * int64(b[i])
	}
	return s0 + s1 + s2 + s3
}

// dot4 returns the dot products of four rows with x. Each row must be at
// least len(x) long.
func dot4(w0, w1, w2, w3, x []int32) (s0, s1, s2, s3 int64) {
	n := len(x)
	w0, w1, w2, w3 = w0[:n], w1[:n], w2[:n], w3[:n]
	for k, xk := range x {
		v := int64(xk)
		s0 += int64(w0[k]) * v
		s1 += int64(w1[k]) * v
		s2 += int64(w2[k]) * v
		s3 += int64(w3[k]) * v
	}
	return s0, s1, s2, s3
}

// axpy adds d*x[i] to acc[i]. len(x) must be at least len(acc).
func axpy(acc []int64, d int64, x []int32) {
	x = x[:len(acc)]
	for len(acc) >= 4 && len(x) >= 4 {
		acc[0] += d * int64(x[0])
		acc[1] += d * int64(x[1])
		acc[2] += d * int64(x[2])
		acc[3] += d * int64(x[3])
		acc, x = acc[4:], x[4:]
	}
	for i := range acc {
		acc[i] += d * int64(x[i])
	}
}
