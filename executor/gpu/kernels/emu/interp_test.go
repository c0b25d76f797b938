package emu

import (
	"strings"
	"testing"

	"github.com/trainrollup/trainrollup/executor/gpu/kernels"
)

// TestInterpRefuses: PTX outside the interpreter's subset is refused when
// loaded, and a kernel reading past its buffer fails the launch.
func TestInterpRefuses(t *testing.T) {
	float := strings.Replace(kernels.PTX, "add.s64", "add.f64", 1)
	if _, err := NewInterp(float); err == nil || !strings.Contains(err.Error(), "add.f64") {
		t.Fatalf("a float instruction: %v", err)
	}
	if _, err := NewInterp(strings.Replace(kernels.PTX, ".visible .entry dense(", ".visible .entry dense2(", 1)); err == nil {
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
	err = m.Launch(kernels.Dense, batch*out, bufs[0], bufs[1], bufs[2], short, bufs[4], bufs[5], batch, in, out, 1)
	if err == nil || !strings.Contains(err.Error(), "not inside one allocation") {
		t.Fatalf("a kernel reading past its buffer: %v", err)
	}
}

// TestInterpStrict: what the interpreter cannot execute faithfully is
// refused when loaded: special registers it does not model, undeclared
// registers, nested blocks.
func TestInterpStrict(t *testing.T) {
	for name, ptx := range map[string]string{
		"%nctaid.x":  strings.Replace(kernels.PTX, "%ntid.x", "%nctaid.x", 1),
		"%tid.y":     strings.Replace(kernels.PTX, "%tid.x", "%tid.y", 1),
		"undeclared": strings.Replace(kernels.PTX, "%rd39,", "%rd9999,", 1),
		"nested":     strings.Replace(kernels.PTX, "\tret;", "\t{\n\tret;\n\t}", 1),
	} {
		if _, err := NewInterp(ptx); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
