package circuits

import (
	"math/big"

	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/rangecheck"

	"github.com/trainrollup/trainrollup/fixed"
)

// Arith provides the fixed-point gadgets of spec/fixedpoint.md over one
// constraint system. All its range checks share one range checker, hence one
// commitment.
type Arith struct {
	api frontend.API
	rc  frontend.Rangechecker
}

// NewArith returns the gadgets for api.
func NewArith(api frontend.API) *Arith {
	return &Arith{api: api, rc: rangecheck.New(api)}
}

// Check asserts 0 <= v < 2^bits.
func (a *Arith) Check(v frontend.Variable, bits int) { a.rc.Check(v, bits) }

// CheckSigned asserts -2^(bits-1) <= v < 2^(bits-1).
func (a *Arith) CheckSigned(v frontend.Variable, bits int) {
	a.rc.Check(a.api.Add(v, pow2(bits-1)), bits)
}

// CheckValue asserts that v is a fixed-point value: MIN <= v <= MAX.
func (a *Arith) CheckValue(v frontend.Variable) { a.CheckSigned(v, fixed.Bits) }

// ShiftSat returns Sat(Shift(x, s)) (spec/fixedpoint.md#rounding,
// #saturation) for an x with |x| < 2^xBits. The hint supplies z, the
// remainder r and the saturation excess split cp - cn; the constraints
//
//	x + 2^(s-1) = (z + cp - cn) * 2^s + r,   0 <= r < 2^s,   z a value,
//	cp * (MAX - z) = 0,   cn * (z - MIN) = 0,   0 <= cp + cn < 2^(xBits-s+1)
//
// hold over the integers (every term is far below r/2) and leave only the
// native result: r fixes the quotient, and an excess is allowed only on the
// side where z sits at its bound. One range check covers both excesses: for
// z strictly inside the range the products force cp = cn = 0, at z = MAX
// they force cn = 0 (so the check bounds cp), at z = MIN cp = 0.
func (a *Arith) ShiftSat(x frontend.Variable, s, xBits int) frontend.Variable {
	out, err := a.api.Compiler().NewHint(shiftSatHint, 4, x, s, 1)
	if err != nil {
		panic(err) // unreachable: a registered hint with fixed arity
	}
	z, r, cp, cn := out[0], out[1], out[2], out[3]
	a.assertShift(x, s, a.api.Sub(a.api.Add(z, cp), cn), r)
	a.CheckValue(z)
	a.Check(a.api.Add(cp, cn), max(xBits-s+1, 1))
	a.api.AssertIsEqual(a.api.Mul(cp, a.api.Sub(fixed.Max, z)), 0)
	a.api.AssertIsEqual(a.api.Mul(cn, a.api.Sub(z, fixed.Min)), 0)
	return z
}

// Shift returns Shift(x, s) without saturation, for |x| < 2^xBits: the
// quotient is range-checked to xBits-s+2 signed bits.
func (a *Arith) Shift(x frontend.Variable, s, xBits int) frontend.Variable {
	out, err := a.api.Compiler().NewHint(shiftSatHint, 4, x, s, 0)
	if err != nil {
		panic(err)
	}
	q, r := out[0], out[1]
	a.assertShift(x, s, q, r)
	a.CheckSigned(q, max(xBits-s+2, 2))
	return q
}

// assertShift asserts x + 2^(s-1) = q * 2^s + r with 0 <= r < 2^s.
func (a *Arith) assertShift(x frontend.Variable, s int, q, r frontend.Variable) {
	if s == 0 {
		a.api.AssertIsEqual(r, 0)
		a.api.AssertIsEqual(x, q)
		return
	}
	a.Check(r, s)
	a.api.AssertIsEqual(a.api.Add(x, pow2(s-1)), a.api.Add(a.api.Mul(q, pow2(s)), r))
}

// ReLU returns max(z, 0) and its derivative (1 if z > 0, else 0) for a value
// z. The hint's bit b is pinned by 2*b*z - z - b >= 0, which holds for b = 1
// only when z >= 1 and for b = 0 only when z <= 0.
func (a *Arith) ReLU(z frontend.Variable) (act, deriv frontend.Variable) {
	out, err := a.api.Compiler().NewHint(reluHint, 1, z)
	if err != nil {
		panic(err)
	}
	b := out[0]
	a.api.AssertIsBoolean(b)
	act = a.api.Mul(b, z)
	a.Check(a.api.Sub(a.api.Sub(a.api.Mul(act, 2), z), b), fixed.Bits)
	return act, b
}

func pow2(n int) *big.Int { return new(big.Int).Lsh(big.NewInt(1), uint(n)) }
