package emu

import (
	"strings"
	"testing"
	"unsafe"

	"github.com/trainrollup/trainrollup/executor/gpu/kernels"
)

// TestSimGuards: the emulator refuses copies outside an allocation and
// reports a kernel that writes past the end of its buffer.
func TestSimGuards(t *testing.T) {
	s := NewSim()
	defer s.Close()
	const in, out, batch = 2, 3, 4
	small, err := s.Alloc(4 * batch * out / 2) // z for half the batch
	if err != nil {
		t.Fatal(err)
	}
	rest := make([]uint64, 5)
	for i, n := range []int{8 * batch * out, 4 * batch * out, 4 * batch * in, 4 * out * in, 4 * out} {
		if rest[i], err = s.Alloc(n); err != nil {
			t.Fatal(err)
		}
	}
	zero := make([]byte, 4*batch*in)
	for _, a := range rest[2:] {
		if err := s.CopyIn(a, unsafe.Pointer(&zero[0]), min(len(zero), 4*out)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.CopyIn(small, unsafe.Pointer(&zero[0]), 4*batch*out/2+1); err == nil {
		t.Fatal("a copy past the end of an allocation was accepted")
	}
	if err := s.CopyOut(unsafe.Pointer(&zero[0]), small+4, 4); err != nil {
		t.Fatalf("a copy inside an allocation: %v", err)
	}
	err = s.Launch(kernels.Dense, batch*out, small, rest[0], rest[1], rest[2], rest[3], rest[4], batch, in, out, 1)
	if err == nil || !strings.Contains(err.Error(), "past the end") {
		t.Fatalf("a kernel writing past its buffer: %v", err)
	}
	if err := s.Launch(kernels.Dense, 1, 1, 2, 3); err == nil {
		t.Fatal("a launch with 3 parameters was accepted")
	}
	if err := s.Free(small + 8); err == nil {
		t.Fatal("freeing an address inside an allocation was accepted")
	}
}
