package circuits

import (
	"math/big"

	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/lookup/logderivlookup"

	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/fixed"
)

// The op gadgets below mirror executor/ops.go and executor/softmax.go one to
// one (spec/model.md#step). Matrices are row-major and batches batch-major,
// as natively. Every input value must already be range checked; every
// output value is.

// bitsFor returns the number of bits n with bound < 2^n.
func bitsFor(bound *big.Int) int { return bound.BitLen() }

// accBound returns terms * 2^46 + extra, the largest magnitude of a sum of
// terms products of two values plus extra.
func accBound(terms int, extra *big.Int) *big.Int {
	b := new(big.Int).Lsh(big.NewInt(int64(terms)), 2*(fixed.Bits-1))
	return b.Add(b, extra)
}

// Dense mirrors executor.Dense: z[b][j] = Sat(Shift(sum_k W[j][k]*x[b][k] +
// bias[j]*2^16, 16)). It costs batch*in*out multiplication constraints plus
// one ShiftSat per output.
func (a *Arith) Dense(x, w, bias []frontend.Variable, batch, in, out int) []frontend.Variable {
	api := a.api
	xBits := bitsFor(accBound(in, pow2(fixed.Bits-1+fixed.Frac)))
	z := make([]frontend.Variable, batch*out)
	for b := range batch {
		for j := range out {
			acc := api.Mul(bias[j], fixed.One)
			for k := range in {
				acc = api.Add(acc, api.Mul(w[j*in+k], x[b*in+k]))
			}
			z[b*out+j] = a.ShiftSat(acc, fixed.Frac, xBits)
		}
	}
	return z
}

// ReLULayer applies ReLU to every value and returns the activations and
// the derivative bits (executor.ReLU and the mask of executor.ReLUGrad).
func (a *Arith) ReLULayer(z []frontend.Variable) (act, deriv []frontend.Variable) {
	act, deriv = make([]frontend.Variable, len(z)), make([]frontend.Variable, len(z))
	for i := range z {
		act[i], deriv[i] = a.ReLU(z[i])
	}
	return act, deriv
}

// ReLUGrad mirrors executor.ReLUGrad given the derivative bits of ReLULayer.
func (a *Arith) ReLUGrad(e, deriv []frontend.Variable) []frontend.Variable {
	d := make([]frontend.Variable, len(e))
	for i := range e {
		d[i] = a.api.Mul(deriv[i], e[i])
	}
	return d
}

// BackError mirrors executor.BackError: e[b][k] = Sat(Shift(sum_j
// W[j][k]*delta[b][j], 16)).
func (a *Arith) BackError(delta, w []frontend.Variable, batch, in, out int) []frontend.Variable {
	api := a.api
	xBits := bitsFor(accBound(out, new(big.Int)))
	e := make([]frontend.Variable, batch*in)
	for b := range batch {
		for k := range in {
			var acc frontend.Variable = 0
			for j := range out {
				acc = api.Add(acc, api.Mul(w[j*in+k], delta[b*out+j]))
			}
			e[b*in+k] = a.ShiftSat(acc, fixed.Frac, xBits)
		}
	}
	return e
}

// WeightGrad mirrors executor.WeightGrad: the exact sums gw[j][k] =
// sum_b delta[b][j]*x[b][k] and gb[j] = sum_b delta[b][j], as linear
// combinations of batch*in*out product constraints.
func (a *Arith) WeightGrad(delta, x []frontend.Variable, batch, in, out int) (gw, gb []frontend.Variable) {
	api := a.api
	gw, gb = make([]frontend.Variable, out*in), make([]frontend.Variable, out)
	for j := range out {
		var sb frontend.Variable = 0
		for b := range batch {
			sb = api.Add(sb, delta[b*out+j])
		}
		gb[j] = sb
		for k := range in {
			var acc frontend.Variable = 0
			for b := range batch {
				acc = api.Add(acc, api.Mul(delta[b*out+j], x[b*in+k]))
			}
			gw[j*in+k] = acc
		}
	}
	return gw, gb
}

// Update mirrors executor.Update: w' = Sat(w - Shift(g*eta, s)) where
// |g| <= gBound. For integers, w - Shift(y, s) = Shift(w*2^s - y - 1, s)
// (negating a floor: -floor(N/2^s) = floor((2^s - 1 - N)/2^s)), so the update
// is one ShiftSat of w*2^s - g*eta - 1 (spec/model.md#update). Its remainder
// is 2^s - 1 minus the executor's.
func (a *Arith) Update(w, g []frontend.Variable, eta frontend.Variable, s int, gBound *big.Int) []frontend.Variable {
	api := a.api
	bound := new(big.Int).Mul(gBound, big.NewInt(executor.MaxLearningRate))
	bound.Add(bound, new(big.Int).Lsh(big.NewInt(1), uint(fixed.Bits-1+s)))
	bound.Add(bound, big.NewInt(1))
	xBits := bitsFor(bound)
	out := make([]frontend.Variable, len(w))
	for i := range w {
		x := api.Sub(api.Mul(w[i], pow2(s)), api.Mul(g[i], eta), 1)
		out[i] = a.ShiftSat(x, s, xBits)
	}
	return out
}

// Softmax mirrors executor.Softmax for one sample's logits o (values) and
// returns the probabilities p (spec/model.md#softmax). pow and half are the
// tables 2^i and floor(2^(i-1)) for i = 0..MaxExpShift.
func (a *Arith) Softmax(o []frontend.Variable, pow, half logderivlookup.Table) []frontend.Variable {
	api := a.api
	C := len(o)
	mo, err := api.Compiler().NewHint(maxHint, 1, o...)
	if err != nil {
		panic(err)
	}
	m := mo[0]
	// m >= every logit, and m is one of them.
	prod := frontend.Variable(1)
	for j := range o {
		a.Check(api.Sub(m, o[j]), fixed.Bits+1)
		prod = api.Mul(prod, api.Sub(m, o[j]))
	}
	api.AssertIsEqual(prod, 0)
	e := make([]frontend.Variable, C)
	var sum frontend.Variable = 0
	for j := range o {
		// u = Shift((o - m) * LOG2E, 16) <= 0; w = -u = k * 2^16 + f.
		u := a.Shift(api.Mul(api.Sub(o[j], m), executor.Log2E), fixed.Frac, fixed.Bits+18)
		w := api.Neg(u)
		kf, err := api.Compiler().NewHint(divModHint, 2, w, fixed.One)
		if err != nil {
			panic(err)
		}
		k, f := kf[0], kf[1]
		a.Check(f, fixed.Frac)
		a.Check(k, 9) // -u < 2^24 * 1.45 / 2^16 < 2^9
		api.AssertIsEqual(w, api.Add(api.Mul(k, fixed.One), f))
		// Horner: P = c4; P = Shift(P*f, 16) + c_h.
		var p frontend.Variable = executor.ExpPoly[4]
		for h := 3; h >= 0; h-- {
			p = api.Add(a.Shift(api.Mul(p, f), fixed.Frac, 34), executor.ExpPoly[h])
		}
		// kc = min(k, 18): g = [k >= 18] pinned by (17 - k) + g*(2k - 35) >= 0.
		g, err := api.Compiler().NewHint(geqHint, 1, k, executor.MaxExpShift)
		if err != nil {
			panic(err)
		}
		api.AssertIsBoolean(g[0])
		a.Check(api.Add(api.Sub(executor.MaxExpShift-1, k), api.Mul(g[0], api.Sub(api.Mul(k, 2), 2*executor.MaxExpShift-1))), 9)
		kc := api.Add(k, api.Mul(g[0], api.Sub(executor.MaxExpShift, k)))
		// e = Shift(P, kc): P + half = e * 2^kc + r, 0 <= r < 2^kc.
		pw, hf := pow.Lookup(kc)[0], half.Lookup(kc)[0]
		er, err := api.Compiler().NewHint(divModHint, 2, api.Add(p, hf), pw)
		if err != nil {
			panic(err)
		}
		a.Check(er[0], 18)
		a.Check(er[1], 18)
		a.Check(api.Sub(api.Sub(pw, 1), er[1]), 18)
		api.AssertIsEqual(api.Add(p, hf), api.Add(api.Mul(er[0], pw), er[1]))
		e[j] = er[0]
		sum = api.Add(sum, er[0])
	}
	// p = floor(e * 2^16 / S), 0 <= rem < S <= 2^28.
	probs := make([]frontend.Variable, C)
	for j := range o {
		num := api.Mul(e[j], fixed.One)
		pr, err := api.Compiler().NewHint(divModHint, 2, num, sum)
		if err != nil {
			panic(err)
		}
		a.Check(pr[0], fixed.Frac+1)
		a.Check(pr[1], 29)
		a.Check(api.Sub(api.Sub(sum, 1), pr[1]), 29)
		api.AssertIsEqual(num, api.Add(api.Mul(pr[0], sum), pr[1]))
		probs[j] = pr[0]
	}
	return probs
}

// ExpTables returns the lookup tables Softmax needs: 2^i and floor(2^(i-1))
// for i = 0..MaxExpShift.
func ExpTables(api frontend.API) (pow, half logderivlookup.Table) {
	pow, half = logderivlookup.New(api), logderivlookup.New(api)
	for i := 0; i <= executor.MaxExpShift; i++ {
		pow.Insert(pow2(i))
		if i == 0 {
			half.Insert(0)
		} else {
			half.Insert(pow2(i - 1))
		}
	}
	return pow, half
}

// OneHot returns the C bits of label y, asserting y < C.
func (a *Arith) OneHot(y frontend.Variable, C int) []frontend.Variable {
	api := a.api
	t, err := api.Compiler().NewHint(oneHotHint, C, y)
	if err != nil {
		panic(err)
	}
	var sum, idx frontend.Variable = 0, 0
	for j := range t {
		api.AssertIsBoolean(t[j])
		sum = api.Add(sum, t[j])
		idx = api.Add(idx, api.Mul(t[j], j))
	}
	api.AssertIsEqual(sum, 1)
	api.AssertIsEqual(idx, y)
	return t
}

// LossGrad mirrors executor.LossGrad for one sample: p - onehot*2^16 for
// cross-entropy (p from Softmax), Sat(o - onehot*2^16) for MSE.
func (a *Arith) LossGrad(o, p, onehot []frontend.Variable, ce bool) []frontend.Variable {
	api := a.api
	d := make([]frontend.Variable, len(o))
	for j := range o {
		t := api.Mul(onehot[j], fixed.One)
		if ce {
			d[j] = api.Sub(p[j], t)
		} else {
			d[j] = a.ShiftSat(api.Sub(o[j], t), 0, fixed.Bits+1)
		}
	}
	return d
}
