//go:build !cuda

package gpu

import (
	"testing"

	"github.com/trainrollup/trainrollup/executor/gpu/kernels"
	"github.com/trainrollup/trainrollup/executor/gpu/kernels/emu"
)

// Without the cuda tag the device tests run on the two CPU devices: "sim"
// runs kernels.cu compiled as C, "ptx" interprets the PTX nvcc made of it.
var deviceKinds = []string{"sim", "ptx"}

// mnistSteps is TestMNISTTraining's length on a device kind: the
// interpreter is slow.
func mnistSteps(kind string) int {
	switch {
	case kind == "ptx" && testing.Short():
		return 4
	case kind == "ptx":
		return 24
	case testing.Short():
		return 40
	}
	return 400
}

func openDevice(t testing.TB, kind string) kernels.Device {
	t.Helper()
	var d interface {
		kernels.Device
		Allocated() int
	}
	switch kind {
	case "sim":
		d = emu.NewSim()
	case "ptx":
		m, err := emu.NewInterp("")
		if err != nil {
			t.Fatal(err)
		}
		d = m
	default:
		t.Fatalf("unknown device kind %q", kind)
	}
	t.Cleanup(func() {
		if n := d.Allocated(); n != 0 {
			t.Errorf("%s: %d device allocations not freed", kind, n)
		}
		d.Close()
	})
	return d
}
