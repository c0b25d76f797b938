package executor

import "github.com/trainrollup/trainrollup/fixed"

// Constants of the integer softmax (spec/model.md#softmax).
const (
	// Log2E is round(log2(e) * 2^16).
	Log2E = 94548
	// MaxExpShift caps the exponent shift: 2^-18 of anything at most 2^17
	// rounds to zero, so larger shifts are taken as 18.
	MaxExpShift = 18
)

// ExpPoly holds the coefficients c_0..c_4 (Q16) of the degree-4 polynomial
// that approximates 2^16 * 2^(-f/2^16) for f in [0, 2^16), within 3 units.
var ExpPoly = [5]int64{65536, -45421, 15699, -3500, 455}

// SoftmaxTrace records, per sample and class, the intermediate values of the
// integer softmax that the step circuit takes as witness. Slices are B*C long
// except Max and Sum (B).
type SoftmaxTrace struct {
	Max     []int32    // m: the largest logit of the sample
	U       []int64    // u = Shift((o - m) * Log2E, 16), at most 0
	URem    []int64    // its rounding remainder
	K       []int64    // integer part of -u: (-u) >> 16
	F       []int64    // fractional part of -u: (-u) mod 2^16
	Poly    []int64    // P(F), the Horner result
	PolyRem [4][]int64 // remainders of the four Horner shifts, first to last
	Exp     []int64    // e = Shift(P, min(K, 18))
	ExpRem  []int64    // its remainder
	Sum     []int64    // S = sum of e over the classes, at least 2^16
	P       []int32    // p = floor(e * 2^16 / S)
	DivRem  []int64    // e * 2^16 - p * S, in [0, S)
}

// NewSoftmaxTrace returns a trace for batch samples of classes logits.
func NewSoftmaxTrace(batch, classes int) *SoftmaxTrace {
	n := batch * classes
	t := &SoftmaxTrace{
		Max: make([]int32, batch), U: make([]int64, n), URem: make([]int64, n), K: make([]int64, n),
		F: make([]int64, n), Poly: make([]int64, n), Exp: make([]int64, n), ExpRem: make([]int64, n),
		Sum: make([]int64, batch), P: make([]int32, n), DivRem: make([]int64, n),
	}
	for i := range t.PolyRem {
		t.PolyRem[i] = make([]int64, n)
	}
	return t
}

// Softmax computes the integer softmax of each sample's logits o (B*C) into
// t (spec/model.md#softmax). Deterministic; no floating point.
func Softmax(t *SoftmaxTrace, o []int32, batch, classes int) {
	for b := range batch {
		row := o[b*classes : (b+1)*classes]
		m := row[0]
		for _, v := range row[1:] {
			m = max(m, v)
		}
		t.Max[b] = m
		var sum int64
		for j, v := range row {
			i := b*classes + j
			u, ur := fixed.Shift(int64(v-m)*Log2E, fixed.Frac)
			w := -u
			k, f := w>>fixed.Frac, w&(fixed.One-1)
			p := ExpPoly[4]
			for h := 3; h >= 0; h-- {
				q, r := fixed.Shift(p*f, fixed.Frac)
				t.PolyRem[3-h][i] = r
				p = q + ExpPoly[h]
			}
			e, er := fixed.Shift(p, uint(min(k, MaxExpShift)))
			t.U[i], t.URem[i], t.K[i], t.F[i], t.Poly[i], t.Exp[i], t.ExpRem[i] = u, ur, k, f, p, e, er
			sum += e
		}
		t.Sum[b] = sum
		for j := range row {
			i := b*classes + j
			num := t.Exp[i] << fixed.Frac
			t.P[i] = int32(num / sum)
			t.DivRem[i] = num - int64(t.P[i])*sum
		}
	}
}

// LossGrad sets delta, the gradient of the loss with respect to the logits o
// (spec/model.md#loss): for softmax cross-entropy p - onehot(y) with p from
// Softmax (t must be filled), for MSE Sat(o - onehot(y)), where onehot is
// 2^16 at the label.
func LossGrad(delta []int32, t *SoftmaxTrace, o []int32, y []uint32, ce bool, classes int) {
	for b, label := range y {
		for j := range classes {
			i := b*classes + j
			var target int64
			if j == int(label) {
				target = fixed.One
			}
			if ce {
				delta[i] = int32(int64(t.P[i]) - target)
			} else {
				delta[i] = fixed.Sat(int64(o[i]) - target)
			}
		}
	}
}
