package circuits

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/test"

	"github.com/trainrollup/trainrollup/fixed"
)

var field = ecc.BLS12_377.ScalarField()

// shiftCircuit checks ShiftSat and Shift against claimed outputs.
type shiftCircuit struct {
	X     []frontend.Variable
	Sat   []frontend.Variable
	Plain []frontend.Variable
	s     int
	xBits int
}

func (c *shiftCircuit) Define(api frontend.API) error {
	a := NewArith(api)
	for i := range c.X {
		api.AssertIsEqual(a.ShiftSat(c.X[i], c.s, c.xBits), c.Sat[i])
		api.AssertIsEqual(a.Shift(c.X[i], c.s, c.xBits), c.Plain[i])
	}
	return nil
}

// edgeInts returns values around every rounding boundary of shift s and the
// saturation bounds, plus random ones, all below 2^xBits in magnitude.
func edgeInts(rng *rand.Rand, s, xBits int) []int64 {
	lim := int64(1)<<xBits - 1
	var xs []int64
	for _, base := range []int64{0, 1 << s, -(1 << s), fixed.Max << s, fixed.Min << s, (fixed.Max + 1) << s, (fixed.Min - 1) << s, lim >> 1, -(lim >> 1)} {
		for _, off := range []int64{-(1 << (s - 1)) - 1, -(1 << (s - 1)), -(1 << (s - 1)) + 1, -1, 0, 1, 1<<(s-1) - 1, 1 << (s - 1)} {
			if x := base + off; x <= lim && x >= -lim {
				xs = append(xs, x)
			}
		}
	}
	xs = append(xs, lim, -lim)
	for range 16 {
		xs = append(xs, rng.Int64N(2*lim)-lim)
	}
	return xs
}

func TestShiftGadget(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	assert := test.NewAssert(t)
	for _, p := range []struct{ s, xBits int }{{16, 59}, {16, 30}, {21, 60}} {
		xs := edgeInts(rng, p.s, p.xBits)
		n := len(xs)
		shape := &shiftCircuit{X: make([]frontend.Variable, n), Sat: make([]frontend.Variable, n), Plain: make([]frontend.Variable, n), s: p.s, xBits: p.xBits}
		good := &shiftCircuit{X: make([]frontend.Variable, n), Sat: make([]frontend.Variable, n), Plain: make([]frontend.Variable, n)}
		for i, x := range xs {
			q, _ := fixed.Shift(x, uint(p.s))
			good.X[i], good.Sat[i], good.Plain[i] = x, fixed.Sat(q), q
		}
		if err := test.IsSolved(shape, good, field); err != nil {
			t.Fatalf("s=%d: native results rejected: %v", p.s, err)
		}
		// Every single changed output is rejected.
		for i := range xs {
			for _, which := range []string{"sat", "plain"} {
				bad := *good
				bad.Sat, bad.Plain = append([]frontend.Variable(nil), good.Sat...), append([]frontend.Variable(nil), good.Plain...)
				if which == "sat" {
					bad.Sat[i] = new(big.Int).Add(big.NewInt(int64(good.Sat[i].(int32))), big.NewInt(1))
				} else {
					bad.Plain[i] = good.Plain[i].(int64) - 1
				}
				if test.IsSolved(shape, &bad, field) == nil {
					t.Fatalf("s=%d x=%d: changed %s output accepted", p.s, xs[i], which)
				}
			}
		}
		if p.xBits == 30 {
			assert.CheckCircuit(shape, test.WithValidAssignment(good), test.WithCurves(ecc.BLS12_377), test.WithBackends(backend.GROTH16), test.NoFuzzing(), test.NoSerializationChecks())
		}
	}
}

// TestShiftGadgetMaliciousHint replaces the hint with ones that return a
// wrong quotient with a matching remainder, a saturation on the wrong side,
// or an out-of-range remainder: the constraints must reject each.
func TestShiftGadgetMaliciousHint(t *testing.T) {
	shape := &shiftCircuit{X: make([]frontend.Variable, 1), Sat: make([]frontend.Variable, 1), Plain: make([]frontend.Variable, 1), s: 16, xBits: 40}
	mod := field
	cases := map[string]struct {
		x       int64
		tamper  func(out []*big.Int)
		claimed int64
	}{
		"remainder off by 2^16": {x: 5 << 16, claimed: 4, tamper: func(o []*big.Int) { o[0].SetInt64(4); o[1].Add(o[1], big.NewInt(1<<16)) }},
		"negative remainder": {x: 5 << 16, claimed: 6, tamper: func(o []*big.Int) {
			o[0].SetInt64(6)
			o[1].Sub(o[1], big.NewInt(1<<16)).Mod(o[1], mod)
		}},
		"saturate inside range": {x: 5 << 16, claimed: fixed.Max, tamper: func(o []*big.Int) {
			o[0].SetInt64(fixed.Max)
			o[3].SetInt64(fixed.Max - 5) // cn, so that z + cp - cn = 5
		}},
		"unsaturated above range": {x: (fixed.Max + 10) << 16, claimed: fixed.Max - 1, tamper: func(o []*big.Int) {
			o[0].SetInt64(fixed.Max - 1)
			o[2].SetInt64(11)
		}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			q, _ := fixed.Shift(tc.x, 16)
			w := &shiftCircuit{X: []frontend.Variable{tc.x}, Sat: []frontend.Variable{tc.claimed}, Plain: []frontend.Variable{q}}
			evil := func(m *big.Int, in, out []*big.Int) error {
				if err := shiftSatHint(m, in, out); err != nil {
					return err
				}
				if in[2].Sign() != 0 { // only the saturating call
					tc.tamper(out)
				}
				return nil
			}
			if err := test.IsSolved(shape, w, field, test.WithReplacementHint(hintID(shiftSatHint), evil)); err == nil {
				t.Fatal("malicious hint accepted")
			}
		})
	}
}

type reluCircuit struct {
	Z, A, D []frontend.Variable
}

func (c *reluCircuit) Define(api frontend.API) error {
	a := NewArith(api)
	for i := range c.Z {
		act, d := a.ReLU(c.Z[i])
		api.AssertIsEqual(act, c.A[i])
		api.AssertIsEqual(d, c.D[i])
	}
	return nil
}

func TestReLUGadget(t *testing.T) {
	zs := []int32{fixed.Min, fixed.Min + 1, -2, -1, 0, 1, 2, fixed.Max - 1, fixed.Max, 12345, -12345}
	n := len(zs)
	shape := &reluCircuit{Z: make([]frontend.Variable, n), A: make([]frontend.Variable, n), D: make([]frontend.Variable, n)}
	good := &reluCircuit{Z: make([]frontend.Variable, n), A: make([]frontend.Variable, n), D: make([]frontend.Variable, n)}
	for i, z := range zs {
		d := 0
		if z > 0 {
			d = 1
		}
		good.Z[i], good.A[i], good.D[i] = z, max(z, 0), d
	}
	if err := test.IsSolved(shape, good, field); err != nil {
		t.Fatal(err)
	}
	evil := func(m *big.Int, in, out []*big.Int) error {
		if err := reluHint(m, in, out); err != nil {
			return err
		}
		out[0].Xor(out[0], big.NewInt(1)) // claim the other branch
		return nil
	}
	for i, z := range zs {
		one := &reluCircuit{Z: []frontend.Variable{z}, A: []frontend.Variable{good.A[i]}, D: []frontend.Variable{good.D[i]}}
		sh := &reluCircuit{Z: make([]frontend.Variable, 1), A: make([]frontend.Variable, 1), D: make([]frontend.Variable, 1)}
		if test.IsSolved(sh, one, field, test.WithReplacementHint(hintID(reluHint), evil)) == nil {
			t.Fatalf("z=%d: flipped ReLU bit accepted", z)
		}
	}
}
