package executor

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/trainrollup/trainrollup/fixed"
)

// The reference ops below compute the formulas of spec/model.md with big
// integers, as literally as possible; the fast ops must agree bit for bit.

func bigShift(x *big.Int, s uint) (int64, int64) {
	if s == 0 {
		return x.Int64(), 0
	}
	y := new(big.Int).Add(x, new(big.Int).Lsh(big.NewInt(1), s-1))
	d := new(big.Int).Lsh(big.NewInt(1), s)
	q, r := new(big.Int).DivMod(y, d, new(big.Int)) // Euclidean: r in [0, d)
	return q.Int64(), r.Int64()
}

func bigSat(q int64) int32 { return int32(max(min(q, fixed.Max), fixed.Min)) }

// values draws n values biased towards the edges of the range.
func values(rng *rand.Rand, n int) []int32 {
	v := make([]int32, n)
	for i := range v {
		switch rng.IntN(8) {
		case 0:
			v[i] = fixed.Max
		case 1:
			v[i] = fixed.Min
		case 2:
			v[i] = 0
		case 3:
			v[i] = int32(rng.IntN(5)) - 2
		default:
			v[i] = int32(rng.Int64N(fixed.Max-fixed.Min+1) + fixed.Min)
		}
	}
	return v
}

func TestDenseMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	p := NewPool(3)
	for _, sz := range [][3]int{{1, 1, 1}, {3, 5, 2}, {8, 13, 7}, {32, 196, 16}} {
		B, in, out := sz[0], sz[1], sz[2]
		x, w, bias := values(rng, B*in), values(rng, in*out), values(rng, out)
		z, rem := make([]int32, B*out), make([]int64, B*out)
		Dense(p, z, rem, x, w, bias, B, in, out)
		for b := range B {
			for j := range out {
				acc := new(big.Int).Lsh(big.NewInt(int64(bias[j])), fixed.Frac)
				for k := range in {
					acc.Add(acc, new(big.Int).Mul(big.NewInt(int64(w[j*in+k])), big.NewInt(int64(x[b*in+k]))))
				}
				q, r := bigShift(acc, fixed.Frac)
				if z[b*out+j] != bigSat(q) || rem[b*out+j] != r {
					t.Fatalf("%v: z[%d][%d] = %d rem %d, want %d rem %d", sz, b, j, z[b*out+j], rem[b*out+j], bigSat(q), r)
				}
			}
		}
	}
}

func TestBackwardMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	p := NewPool(2)
	for _, sz := range [][3]int{{1, 1, 1}, {4, 6, 3}, {16, 33, 9}} {
		B, in, out := sz[0], sz[1], sz[2]
		x, w, delta := values(rng, B*in), values(rng, in*out), values(rng, B*out)
		e, erem := make([]int32, B*in), make([]int64, B*in)
		BackError(p, e, erem, delta, w, B, in, out)
		gw, gb := make([]int64, out*in), make([]int64, out)
		WeightGrad(p, gw, gb, delta, x, B, in, out)
		for b := range B {
			for k := range in {
				acc := new(big.Int)
				for j := range out {
					acc.Add(acc, new(big.Int).Mul(big.NewInt(int64(w[j*in+k])), big.NewInt(int64(delta[b*out+j]))))
				}
				q, r := bigShift(acc, fixed.Frac)
				if e[b*in+k] != bigSat(q) || erem[b*in+k] != r {
					t.Fatalf("e[%d][%d] = %d, want %d", b, k, e[b*in+k], bigSat(q))
				}
			}
		}
		for j := range out {
			sb := new(big.Int)
			for k := range in {
				acc := new(big.Int)
				for b := range B {
					acc.Add(acc, new(big.Int).Mul(big.NewInt(int64(delta[b*out+j])), big.NewInt(int64(x[b*in+k]))))
				}
				if gw[j*in+k] != acc.Int64() {
					t.Fatalf("gw[%d][%d] = %d, want %s", j, k, gw[j*in+k], acc)
				}
			}
			for b := range B {
				sb.Add(sb, big.NewInt(int64(delta[b*out+j])))
			}
			if gb[j] != sb.Int64() {
				t.Fatalf("gb[%d] = %d, want %s", j, gb[j], sb)
			}
		}
	}
}

func TestUpdateMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	for _, batch := range []int{1, 8, 1024} {
		logB := uint(math.Log2(float64(batch)))
		for _, kind := range []struct {
			shift   uint
			maxGrad int64
		}{
			{2*fixed.Frac + logB, int64(batch) << 46}, // weights: |sum_b delta*a| < B * 2^46
			{fixed.Frac + logB, int64(batch) << 23},   // biases: |sum_b delta| < B * 2^23
		} {
			shift, maxGrad := kind.shift, kind.maxGrad
			for _, eta := range []int64{1, 6554, fixed.One, MaxLearningRate} {
				w := values(rng, 64)
				g := make([]int64, 64)
				for i := range g {
					switch i % 4 {
					case 0:
						g[i] = maxGrad
					case 1:
						g[i] = -maxGrad
					case 2:
						g[i] = int64(i) << (shift - 1) // rounding boundaries once scaled
					default:
						g[i] = rng.Int64N(2*maxGrad) - maxGrad
					}
				}
				got := append([]int32(nil), w...)
				rem := make([]int64, len(g))
				Update(got, rem, g, eta, shift)
				for i := range g {
					q, r := bigShift(new(big.Int).Mul(big.NewInt(g[i]), big.NewInt(eta)), shift)
					want := bigSat(int64(w[i]) - q)
					if got[i] != want || rem[i] != r {
						t.Fatalf("batch %d shift %d eta %d: w[%d] = %d rem %d, want %d rem %d", batch, shift, eta, i, got[i], rem[i], want, r)
					}
				}
			}
		}
	}
}

func TestReLU(t *testing.T) {
	z := []int32{fixed.Min, -1, 0, 1, fixed.Max}
	a := make([]int32, len(z))
	ReLU(a, z)
	d := make([]int32, len(z))
	ReLUGrad(d, []int32{7, 7, 7, 7, 7}, z)
	for i, want := range []int32{0, 0, 0, 1, fixed.Max} {
		if a[i] != want {
			t.Fatalf("ReLU(%d) = %d", z[i], a[i])
		}
	}
	for i, want := range []int32{0, 0, 0, 7, 7} {
		if d[i] != want {
			t.Fatalf("ReLUGrad at z=%d = %d, want %d", z[i], d[i], want)
		}
	}
}

// TestExpPoly bounds the polynomial's error over its whole domain.
func TestExpPoly(t *testing.T) {
	worst := 0.0
	for f := int64(0); f < fixed.One; f++ {
		p := ExpPoly[4]
		for h := 3; h >= 0; h-- {
			q, _ := fixed.Shift(p*f, fixed.Frac)
			p = q + ExpPoly[h]
		}
		worst = math.Max(worst, math.Abs(float64(p)-fixed.One*math.Exp2(-float64(f)/fixed.One)))
	}
	if worst > 3 {
		t.Fatalf("polynomial error %.2f units, want at most 3", worst)
	}
}

func TestSoftmax(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	cases := [][]int32{
		{0, 0, 0},                      // equal logits
		{fixed.Max, fixed.Min, 0},      // extreme spread: exponents past the cap
		{fixed.One, 0, -fixed.One},     // moderate
		{5, 5, 5, 5, 5, 5, 5, 5, 5, 6}, // ties and one unit apart
		values(rng, 10), values(rng, 10),
	}
	for _, o := range cases {
		C := len(o)
		tr := NewSoftmaxTrace(1, C)
		Softmax(tr, o, 1, C)
		var sumP int64
		m := math.Inf(-1)
		for _, v := range o {
			m = math.Max(m, fixed.Float(v))
		}
		var z float64
		for _, v := range o {
			z += math.Exp(fixed.Float(v) - m)
		}
		for j := range C {
			// identities the circuit checks
			if tr.Exp[j]<<fixed.Frac != int64(tr.P[j])*tr.Sum[0]+tr.DivRem[j] || tr.DivRem[j] < 0 || tr.DivRem[j] >= tr.Sum[0] {
				t.Fatalf("%v: division identity broken at %d", o, j)
			}
			if -tr.U[j] != tr.K[j]<<fixed.Frac+tr.F[j] || tr.F[j] < 0 || tr.F[j] >= fixed.One {
				t.Fatalf("%v: split of -u broken at %d", o, j)
			}
			sumP += int64(tr.P[j])
			want := math.Exp(fixed.Float(o[j])-m) / z
			if d := math.Abs(fixed.Float(tr.P[j]) - want); d > 2e-3 {
				t.Errorf("%v: p[%d] = %v, want %v", o, j, fixed.Float(tr.P[j]), want)
			}
		}
		if sumP > fixed.One || sumP < fixed.One-int64(C) {
			t.Fatalf("%v: probabilities sum to %d", o, sumP)
		}
	}
}
