package circuits

import (
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/test"

	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/fixed"
)

// layerCircuit runs one dense layer forward and backward with the gadgets
// and compares every result with the native ops' results.
type layerCircuit struct {
	X, W, Bias, Delta []frontend.Variable // inputs
	Eta               frontend.Variable
	Z, E, NewW        []frontend.Variable // native results
	batch, in, out    int
}

func (c *layerCircuit) Define(api frontend.API) error {
	a := NewArith(api)
	for _, vs := range [][]frontend.Variable{c.X, c.W, c.Bias, c.Delta} {
		for _, v := range vs {
			a.CheckValue(v)
		}
	}
	z := a.Dense(c.X, c.W, c.Bias, c.batch, c.in, c.out)
	e := a.BackError(c.Delta, c.W, c.batch, c.in, c.out)
	gw, _ := a.WeightGrad(c.Delta, c.X, c.batch, c.in, c.out)
	logB := 0
	for 1<<logB < c.batch {
		logB++
	}
	nw := a.Update(c.W, gw, c.Eta, 2*fixed.Frac+logB, accBound(c.batch, new(big.Int)))
	for i := range z {
		api.AssertIsEqual(z[i], c.Z[i])
	}
	for i := range e {
		api.AssertIsEqual(e[i], c.E[i])
	}
	for i := range nw {
		api.AssertIsEqual(nw[i], c.NewW[i])
	}
	return nil
}

func vars[T int32 | int64](v []T) []frontend.Variable {
	out := make([]frontend.Variable, len(v))
	for i := range v {
		out[i] = v[i]
	}
	return out
}

func randValues(rng *rand.Rand, n int, edge bool) []int32 {
	v := make([]int32, n)
	for i := range v {
		switch {
		case edge && i%3 == 0:
			v[i] = fixed.Max
		case edge && i%3 == 1:
			v[i] = fixed.Min
		case rng.IntN(4) == 0:
			v[i] = 0
		default:
			v[i] = int32(rng.IntN(4*fixed.One+1)) - 2*fixed.One
		}
	}
	return v
}

func TestLayerGadgets(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	for _, tc := range []struct {
		batch, in, out int
		edge           bool
		eta            int64
	}{{2, 3, 2, false, 3277}, {4, 5, 3, true, executor.MaxLearningRate}, {1, 1, 1, true, 1}, {8, 4, 8, false, 13107}} {
		x, w, bias, delta := randValues(rng, tc.batch*tc.in, tc.edge), randValues(rng, tc.out*tc.in, tc.edge), randValues(rng, tc.out, tc.edge), randValues(rng, tc.batch*tc.out, tc.edge)
		z := make([]int32, tc.batch*tc.out)
		executor.Dense(nil, z, nil, x, w, bias, tc.batch, tc.in, tc.out)
		e := make([]int32, tc.batch*tc.in)
		executor.BackError(nil, e, nil, delta, w, tc.batch, tc.in, tc.out)
		gw, gb := make([]int64, tc.out*tc.in), make([]int64, tc.out)
		executor.WeightGrad(nil, gw, gb, delta, x, tc.batch, tc.in, tc.out)
		nw := append([]int32(nil), w...)
		logB := uint(0)
		for 1<<logB < tc.batch {
			logB++
		}
		executor.Update(nw, nil, gw, tc.eta, 2*fixed.Frac+logB)
		shape := &layerCircuit{
			X: make([]frontend.Variable, len(x)), W: make([]frontend.Variable, len(w)), Bias: make([]frontend.Variable, len(bias)),
			Delta: make([]frontend.Variable, len(delta)), Z: make([]frontend.Variable, len(z)), E: make([]frontend.Variable, len(e)),
			NewW: make([]frontend.Variable, len(nw)), batch: tc.batch, in: tc.in, out: tc.out,
		}
		good := &layerCircuit{X: vars(x), W: vars(w), Bias: vars(bias), Delta: vars(delta), Eta: tc.eta, Z: vars(z), E: vars(e), NewW: vars(nw)}
		if err := test.IsSolved(shape, good, field); err != nil {
			t.Fatalf("%+v: native results rejected: %v", tc, err)
		}
		for _, f := range []func(c *layerCircuit){
			func(c *layerCircuit) { c.Z[0] = int64(z[0]) + 1 },
			func(c *layerCircuit) { c.E[len(e)-1] = int64(e[len(e)-1]) - 1 },
			func(c *layerCircuit) { c.NewW[0] = int64(nw[0]) + 1 },
			func(c *layerCircuit) { c.Eta = tc.eta + 1 },
		} {
			bad := *good
			bad.Z, bad.E, bad.NewW = vars(z), vars(e), vars(nw)
			f(&bad)
			if test.IsSolved(shape, &bad, field) == nil {
				// a changed eta may round to the same weights: only fail when results differ
				if bad.Eta != good.Eta {
					nw2 := append([]int32(nil), w...)
					executor.Update(nw2, nil, gw, tc.eta+1, 2*fixed.Frac+logB)
					if slices.Equal(nw2, nw) {
						continue
					}
				}
				t.Fatalf("%+v: tampered result accepted", tc)
			}
		}
	}
}

type softmaxCircuit struct {
	O, P, Delta []frontend.Variable
	Y           frontend.Variable
}

func (c *softmaxCircuit) Define(api frontend.API) error {
	a := NewArith(api)
	for _, v := range c.O {
		a.CheckValue(v)
	}
	pow, half := ExpTables(api)
	p := a.Softmax(c.O, pow, half)
	d := a.LossGrad(c.O, p, a.OneHot(c.Y, len(c.O)), true)
	for j := range p {
		api.AssertIsEqual(p[j], c.P[j])
		api.AssertIsEqual(d[j], c.Delta[j])
	}
	return nil
}

func TestSoftmaxGadget(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 6))
	rows := [][]int32{
		{0, 0, 0},
		{fixed.Max, fixed.Min, 0},
		{fixed.One, 0, -fixed.One},
		{5, 5, 5, 5, 5, 5, 5, 5, 5, 6},
		{-17 * fixed.One, 0, -18 * fixed.One, -11 * fixed.One}, // k around the cap
		randValues(rng, 10, false), randValues(rng, 10, true), randValues(rng, 3, false),
	}
	for _, o := range rows {
		C := len(o)
		tr := executor.NewSoftmaxTrace(1, C)
		executor.Softmax(tr, o, 1, C)
		y := uint32(rng.IntN(C))
		delta := make([]int32, C)
		executor.LossGrad(delta, tr, o, []uint32{y}, true, C)
		shape := &softmaxCircuit{O: make([]frontend.Variable, C), P: make([]frontend.Variable, C), Delta: make([]frontend.Variable, C)}
		good := &softmaxCircuit{O: vars(o), P: vars(tr.P), Delta: vars(delta), Y: y}
		if err := test.IsSolved(shape, good, field); err != nil {
			t.Fatalf("%v: native softmax rejected: %v", o, err)
		}
		for j := range C {
			bad := *good
			bad.P = vars(tr.P)
			bad.P[j] = int64(tr.P[j]) + 1
			if test.IsSolved(shape, &bad, field) == nil {
				t.Fatalf("%v: p[%d]+1 accepted", o, j)
			}
		}
		bad := *good
		bad.Y = C // out of range label
		if test.IsSolved(shape, &bad, field) == nil {
			t.Fatalf("%v: label %d accepted", o, C)
		}
	}
}
