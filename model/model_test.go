package model

import (
	"errors"
	"math"
	"testing"
)

func TestParse(t *testing.T) {
	good := map[string]string{
		"196-16-10":    "196-16-10",
		"4-8-3":        "4-8-3",
		" 4-8-3:mse ":  "4-8-3:mse",
		"784-64-32-10": "784-64-32-10",
		"4-3:ce":       "4-3",
	}
	for in, want := range good {
		s, err := Parse(in)
		if err != nil {
			t.Fatalf("Parse(%q): %v", in, err)
		}
		if s.String() != want {
			t.Errorf("Parse(%q).String() = %q, want %q", in, s.String(), want)
		}
	}
	for _, in := range []string{"", "4", "4-0-3", "4--3", "4-8-1", "a-b", "4-8-3:xx", "4-5000-3", "-4-3", "4-8-3:", "1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-2", "+4-8-3", "04-8-3"} {
		if _, err := Parse(in); !errors.Is(err, ErrInvalidSpec) {
			t.Errorf("Parse(%q) err = %v, want ErrInvalidSpec", in, err)
		}
	}
}

func TestBinaryRoundTrip(t *testing.T) {
	s, _ := Parse("196-16-10:mse")
	b, err := s.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	want := []byte{1, 2, 3, 0, 196, 0, 16, 0, 10}
	if string(b) != string(want) {
		t.Fatalf("encoding %v, want %v", b, want)
	}
	var d Spec
	if err := d.UnmarshalBinary(b); err != nil || d.String() != s.String() {
		t.Fatalf("round trip: %v %v", d, err)
	}
	for _, bad := range [][]byte{nil, {1}, {2, 1, 2, 0, 4, 0, 3}, {1, 1, 2, 0, 4}, {1, 1, 2, 0, 4, 0, 3, 0}, {1, 9, 2, 0, 4, 0, 3}, {1, 1, 2, 0, 0, 0, 3}} {
		if err := d.UnmarshalBinary(bad); !errors.Is(err, ErrInvalidSpec) {
			t.Errorf("UnmarshalBinary(%v) err = %v", bad, err)
		}
	}
}

func FuzzSpecDecode(f *testing.F) {
	f.Add([]byte{1, 1, 3, 0, 196, 0, 16, 0, 10})
	f.Add([]byte{1, 2, 2, 0, 4, 0, 3})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		var s Spec
		if err := s.UnmarshalBinary(b); err != nil {
			return
		}
		again, err := s.MarshalBinary()
		if err != nil || string(again) != string(b) {
			t.Fatalf("decoded %v does not re-encode to the input: %v", s, err)
		}
	})
}

func FuzzSpecParse(f *testing.F) {
	for _, s := range []string{"196-16-10", "4-8-3:mse", "1-2", "9999-2", "4-8-3:"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		s, err := Parse(text)
		if err != nil {
			return
		}
		again, err := Parse(s.String())
		if err != nil || again.String() != s.String() {
			t.Fatalf("%q parsed to %v which does not parse back: %v", text, s, err)
		}
	})
}

func TestIsqrt(t *testing.T) {
	for _, x := range []uint64{0, 1, 2, 3, 4, 15, 16, 17, 1<<32 - 1, 1 << 32, 6 << 32, 6 << 32 / 196, math.MaxUint64} {
		r := isqrt(x)
		if r*r > x || (r+1)*(r+1) <= x && r+1 != 1<<32 {
			t.Errorf("isqrt(%d) = %d", x, r)
		}
	}
}

func TestSplitMix64(t *testing.T) {
	// Reference outputs for seed 0 (the published SplitMix64 sequence).
	g := SplitMix64{}
	want := []uint64{0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f}
	for i, w := range want {
		if got := g.Next(); got != w {
			t.Fatalf("output %d = %#x, want %#x", i, got, w)
		}
	}
}

func TestInit(t *testing.T) {
	s, _ := Parse("4-8-3")
	a, err := Init(s, 7)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Init(s, 7)
	c, _ := Init(s, 8)
	if a.Commitment() != b.Commitment() {
		t.Fatal("same seed, different weights")
	}
	if a.Commitment() == c.Commitment() {
		t.Fatal("different seeds, same weights")
	}
	lim := InitLimit(4)
	for _, v := range a.W(1) {
		if int64(v) < -lim || int64(v) > lim {
			t.Fatalf("weight %d outside [-%d, %d]", v, lim, lim)
		}
	}
	for _, v := range a.B(2) {
		if v != 0 {
			t.Fatal("bias not zero")
		}
	}
	if len(a.W(1)) != 32 || len(a.B(1)) != 8 || len(a.W(2)) != 24 || len(a.B(2)) != 3 {
		t.Fatal("layout")
	}
}
