package kernels

import (
	"regexp"
	"strings"
	"testing"
	"unsafe"
)

// TestPTXCurrent fails when kernels.cu changed after kernels.ptx was made:
// run make ptx (CI also regenerates it and requires no diff).
func TestPTXCurrent(t *testing.T) {
	if got, want := PTXSourceHash(), SourceHash(); got != want {
		t.Fatalf("kernels.ptx was made from source %q, kernels.cu is %s: run make ptx", got, want)
	}
}

// TestPTXEntries checks that the PTX defines every kernel with the
// parameter count Launch passes, each 8 bytes wide (gorgonia.org/cu copies
// 8 bytes per parameter).
func TestPTXEntries(t *testing.T) {
	entry := regexp.MustCompile(`(?s)\.visible \.entry (\w+)\((.*?)\)`)
	found := map[string][]string{}
	for _, m := range entry.FindAllStringSubmatch(PTX, -1) {
		var params []string
		for p := range strings.SplitSeq(m[2], ",") {
			params = append(params, strings.Fields(p)[1])
		}
		found[m[1]] = params
	}
	if len(found) != len(Kernels()) {
		t.Errorf("the PTX has %d entries, want %d", len(found), len(Kernels()))
	}
	for _, k := range Kernels() {
		params, ok := found[k.Name()]
		if !ok {
			t.Errorf("kernel %s missing from the PTX", k.Name())
			continue
		}
		if len(params) != k.Params() {
			t.Errorf("kernel %s: %d parameters in the PTX, Params says %d", k.Name(), len(params), k.Params())
		}
		for i, p := range params {
			if p != ".u64" {
				t.Errorf("kernel %s: parameter %d is %s, want .u64", k.Name(), i, p)
			}
		}
	}
}

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
	err = s.Launch(Dense, batch*out, small, rest[0], rest[1], rest[2], rest[3], rest[4], batch, in, out, 1)
	if err == nil || !strings.Contains(err.Error(), "past the end") {
		t.Fatalf("a kernel writing past its buffer: %v", err)
	}
	if err := s.Launch(Dense, 1, 1, 2, 3); err == nil {
		t.Fatal("a launch with 3 parameters was accepted")
	}
	if err := s.Free(small + 8); err == nil {
		t.Fatal("freeing an address inside an allocation was accepted")
	}
}

// TestInterpRefuses: PTX outside the interpreter's subset is refused when
// loaded, and a kernel reading past its buffer fails the launch.
func TestInterpRefuses(t *testing.T) {
	float := strings.Replace(PTX, "add.s64", "add.f64", 1)
	if _, err := NewInterp(float); err == nil || !strings.Contains(err.Error(), "add.f64") {
		t.Fatalf("a float instruction: %v", err)
	}
	if _, err := NewInterp(strings.Replace(PTX, ".visible .entry dense(", ".visible .entry dense2(", 1)); err == nil {
		t.Fatal("PTX without the dense entry was accepted")
	}
	m, err := NewInterp("")
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	const in, out, batch = 2, 3, 4
	var bufs []uint64
	for _, n := range []int{4 * batch * out, 8 * batch * out, 4 * batch * out, 4 * batch * in, 4 * out * in, 4 * out} {
		a, err := m.Alloc(n)
		if err != nil {
			t.Fatal(err)
		}
		bufs = append(bufs, a)
	}
	// x holds half the batch: the threads of the other half read past it.
	short, err := m.Alloc(4 * batch * in / 2)
	if err != nil {
		t.Fatal(err)
	}
	err = m.Launch(Dense, batch*out, bufs[0], bufs[1], bufs[2], short, bufs[4], bufs[5], batch, in, out, 1)
	if err == nil || !strings.Contains(err.Error(), "not inside one allocation") {
		t.Fatalf("a kernel reading past its buffer: %v", err)
	}
}

// TestInterpStrict: what the interpreter cannot execute faithfully is
// refused when loaded: special registers it does not model, undeclared
// registers, nested blocks.
func TestInterpStrict(t *testing.T) {
	for name, ptx := range map[string]string{
		"%nctaid.x":  strings.Replace(PTX, "%ntid.x", "%nctaid.x", 1),
		"%tid.y":     strings.Replace(PTX, "%tid.x", "%tid.y", 1),
		"undeclared": strings.Replace(PTX, "%rd39,", "%rd9999,", 1),
		"nested":     strings.Replace(PTX, "\tret;", "\t{\n\tret;\n\t}", 1),
	} {
		if _, err := NewInterp(ptx); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
