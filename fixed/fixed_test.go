package fixed

import (
	"errors"
	"math/big"
	"testing"
)

func TestShift(t *testing.T) {
	tests := []struct {
		x    int64
		s    uint
		q, r int64
	}{
		{0, 16, 0, 1 << 15},
		{1<<15 - 1, 16, 0, 1<<16 - 1},
		{1 << 15, 16, 1, 0},  // exactly one half rounds up
		{-1 << 15, 16, 0, 0}, // -0.5 rounds up to 0
		{-1<<15 - 1, 16, -1, 1<<16 - 1},
		{3 << 16, 16, 3, 1 << 15},
		{-3 << 16, 16, -3, 1 << 15},
		{7, 0, 7, 0},
		{5, 1, 3, 0},
		{-5, 1, -2, 0},
	}
	for _, tt := range tests {
		q, r := Shift(tt.x, tt.s)
		if q != tt.q || r != tt.r {
			t.Errorf("Shift(%d, %d) = (%d, %d), want (%d, %d)", tt.x, tt.s, q, r, tt.q, tt.r)
		}
	}
}

// TestShiftMatchesRational checks Shift against exact rational rounding on a
// spread of inputs, including every rounding boundary around a few points.
func TestShiftMatchesRational(t *testing.T) {
	for _, s := range []uint{1, 5, 16, 20, 26, 32} {
		for _, base := range []int64{0, 1 << 40, -(1 << 40), 123456789, -987654321, 1 << 57, -(1 << 57)} {
			for d := int64(-3); d <= 3; d++ {
				for _, off := range []int64{0, 1<<(s-1) - 1, 1 << (s - 1), 1<<(s-1) + 1} {
					x := base + d<<s + off
					q, r := Shift(x, s)
					// want floor((x + 2^(s-1)) / 2^s)
					num := new(big.Int).Add(big.NewInt(x), new(big.Int).Lsh(big.NewInt(1), s-1))
					want := new(big.Int).Div(num, new(big.Int).Lsh(big.NewInt(1), s)) // Euclidean = floor here
					if q != want.Int64() {
						t.Fatalf("Shift(%d, %d) q=%d want %d", x, s, q, want)
					}
					if r < 0 || r >= 1<<s || q<<s+r != x+1<<(s-1) {
						t.Fatalf("Shift(%d, %d) remainder %d breaks x + 2^(s-1) = q*2^s + r", x, s, r)
					}
				}
			}
		}
	}
}

func TestSat(t *testing.T) {
	for _, tt := range []struct {
		x    int64
		want int32
	}{{0, 0}, {Max, Max}, {Max + 1, Max}, {Min, Min}, {Min - 1, Min}, {1 << 60, Max}, {-1 << 60, Min}} {
		if got := Sat(tt.x); got != tt.want {
			t.Errorf("Sat(%d) = %d, want %d", tt.x, got, tt.want)
		}
	}
}

func TestParseDecimal(t *testing.T) {
	tests := []struct {
		in   string
		want int32
		err  error
	}{
		{"0", 0, nil},
		{"1", One, nil},
		{"-1", -One, nil},
		{"0.5", One / 2, nil},
		{"5.1", 334234, nil},   // 5.1 * 65536 = 334233.6
		{"-5.1", -334234, nil}, // -334233.6 + 0.5 floors to -334234
		{"0.1", 6554, nil},
		{"1e-1", 6554, nil},
		{" 2.25 ", 147456, nil},
		{"127.99998", Max, nil},
		{"-128", Min, nil},
		{"128", 0, ErrRange},
		{"-128.00001", 0, ErrRange},
		{"1e300", 0, ErrRange},
		{"1e999999999", 0, ErrRange},
		{"1e", 0, ErrSyntax},
		{"e", 0, ErrSyntax},
		{"1e5e3", 0, ErrSyntax},
		{"1e-99", 0, ErrRange},
		{"1e-9", 0, nil},
		{"NaN", 0, ErrSyntax},
		{"Inf", 0, ErrSyntax},
		{"-inf", 0, ErrSyntax},
		{"0x10", 0, ErrSyntax},
		{"abc", 0, ErrSyntax},
		{"", 0, ErrSyntax},
		{"1..2", 0, ErrSyntax},
		{"1/2", 0, ErrSyntax},
	}
	for _, tt := range tests {
		got, err := ParseDecimal(tt.in)
		if tt.err != nil {
			if !errors.Is(err, tt.err) {
				t.Errorf("ParseDecimal(%q) err = %v, want %v", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseDecimal(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}

func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"0", "5.1", "-3e-2", "1e999999999", "NaN", "127.99999", ".5", "-.5e1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseDecimal(s)
		if err != nil {
			return
		}
		if !InRange(int64(v)) {
			t.Fatalf("ParseDecimal(%q) = %d outside range", s, v)
		}
	})
}

func TestMulShift(t *testing.T) {
	vals := []int64{0, 1, -1, 3, -3, 1 << 15, -(1 << 15), 1<<56 - 1, -(1 << 56), 123456789012345, -98765432109876, 1 << 20, 1<<62 - 1}
	for _, a := range vals {
		for _, b := range []int64{1, -1, 6554, 1 << 20, -(1 << 20), 3277, 0} {
			for _, s := range []uint{1, 16, 21, 26, 32, 42} {
				p := new(big.Int).Mul(big.NewInt(a), big.NewInt(b))
				num := new(big.Int).Add(p, new(big.Int).Lsh(big.NewInt(1), s-1))
				d := new(big.Int).Lsh(big.NewInt(1), s)
				wq, wr := new(big.Int).DivMod(num, d, new(big.Int))
				if !wq.IsInt64() {
					continue
				}
				q, r := MulShift(a, b, s)
				if q != wq.Int64() || r != wr.Int64() {
					t.Fatalf("MulShift(%d, %d, %d) = (%d, %d), want (%s, %s)", a, b, s, q, r, wq, wr)
				}
				if p.IsInt64() && s < 62 {
					if q2, r2 := Shift(p.Int64(), s); q2 != q || r2 != r {
						t.Fatalf("MulShift and Shift disagree on %d*%d>>%d", a, b, s)
					}
				}
			}
		}
	}
}
