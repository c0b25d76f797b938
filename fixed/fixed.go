// Package fixed holds the signed fixed-point number format that every value on
// the consensus path uses: weights, activations, gradients, samples.
//
// A value is an int32 v that stands for the rational v / 2^Frac and lies in
// [Min, Max]. Products are accumulated exactly in int64 and brought back to
// the format once per dot product with [Shift] (round half up) and [Sat]
// (saturation). The rules are normative: spec/fixedpoint.md.
package fixed

import (
	"errors"
	"fmt"
	"math/big"
	"math/bits"
	"strconv"
	"strings"
)

const (
	// Frac is the number of fractional bits F (spec/fixedpoint.md#format).
	Frac = 16
	// One is the value 1.0.
	One = 1 << Frac
	// Bits is the width of a value in two's complement, sign included.
	Bits = 24
	// Max is the largest value, 2^23 - 1 (just under 128.0).
	Max = 1<<(Bits-1) - 1
	// Min is the smallest value, -2^23 (-128.0).
	Min = -(1 << (Bits - 1))
)

// ErrRange reports a number outside [Min, Max].
var ErrRange = errors.New("value out of fixed-point range [-128, 128)")

// ErrSyntax reports a decimal string that is not a number.
var ErrSyntax = errors.New("not a decimal number")

// Shift returns q = floor((x + 2^(s-1)) / 2^s) and the remainder
// r = x + 2^(s-1) - q*2^s in [0, 2^s): x / 2^s rounded half up
// (spec/fixedpoint.md#rounding). Shift(x, 0) is (x, 0). s must be at most 62
// and x + 2^(s-1) must not overflow; the format's bounds guarantee both.
func Shift(x int64, s uint) (q int64, r int64) {
	if s == 0 {
		return x, 0
	}
	y := x + 1<<(s-1)
	q = y >> s // arithmetic shift is floor division by 2^s
	return q, y - q<<s
}

// MulShift returns Shift(a*b, s) and its remainder for a product that may
// exceed 64 bits (up to 2^126 in magnitude), computed exactly in 128-bit
// two's complement. s must be in [1, 63] and the quotient must fit in an
// int64 (spec/fixedpoint.md#limits keeps update quotients far below that).
func MulShift(a, b int64, s uint) (q int64, r int64) {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	// Signed correction of the high word (Hacker's Delight 8-3).
	if a < 0 {
		hi -= uint64(b)
	}
	if b < 0 {
		hi -= uint64(a)
	}
	// Add 2^(s-1), then shift the 128-bit value right by s.
	lo2, carry := bits.Add64(lo, 1<<(s-1), 0)
	hi += carry
	q = int64(hi<<(64-s) | lo2>>s)
	r = int64(lo2 & (1<<s - 1))
	return q, r
}

// Sat clamps x to [Min, Max] (spec/fixedpoint.md#saturation).
func Sat(x int64) int32 {
	if x > Max {
		return Max
	}
	if x < Min {
		return Min
	}
	return int32(x)
}

// InRange reports whether x is a valid value.
func InRange(x int64) bool { return x >= Min && x <= Max }

// Float converts v to a float64. Tooling only: never on the consensus path.
func Float(v int32) float64 { return float64(v) / One }

// ParseDecimal converts a decimal string such as "-0.125", "5.1", "3e-2" to
// the fixed-point value round_half_up(x * 2^Frac) exactly, without floating
// point (spec/fixedpoint.md#decimal). NaN, Inf, hexadecimal and empty strings
// are rejected, as are values outside [Min, Max].
func ParseDecimal(s string) (int32, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, fmt.Errorf("%w: empty", ErrSyntax)
	}
	if len(t) > 64 {
		return 0, fmt.Errorf("%w: %.20q... is too long", ErrSyntax, t)
	}
	for _, c := range t {
		if !(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E') {
			return 0, fmt.Errorf("%w: %q", ErrSyntax, s)
		}
	}
	// big.Rat would happily build 10^999999999: bound the exponent first.
	if i := strings.IndexAny(t, "eE"); i >= 0 {
		e, err := strconv.Atoi(t[i+1:])
		if err != nil {
			return 0, fmt.Errorf("%w: exponent of %q", ErrSyntax, s)
		}
		if e < -40 || e > 40 {
			return 0, fmt.Errorf("%w: exponent of %q outside [-40, 40]", ErrRange, s)
		}
	}
	r, ok := new(big.Rat).SetString(t)
	if !ok {
		return 0, fmt.Errorf("%w: %q", ErrSyntax, s)
	}
	// round half up: floor(x * 2^F + 1/2)
	r.Mul(r, new(big.Rat).SetInt64(One))
	r.Add(r, big.NewRat(1, 2))
	q := new(big.Int).Div(r.Num(), r.Denom()) // Euclidean: floor for positive denominators
	if !q.IsInt64() || !InRange(q.Int64()) {
		return 0, fmt.Errorf("%w: %q", ErrRange, s)
	}
	return int32(q.Int64()), nil
}

// Format renders v as a decimal with up to 6 fractional digits, for humans.
func Format(v int32) string {
	return fmt.Sprintf("%.6g", Float(v))
}
