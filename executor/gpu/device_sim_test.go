//go:build !cuda

package gpu

import (
	"testing"

	"github.com/trainrollup/trainrollup/executor/gpu/kernels"
)

// onGPU is false: without the cuda tag the tests run the kernels on the
// CPU emulator.
const onGPU = false

func testDevice(t testing.TB) kernels.Device {
	t.Helper()
	d := kernels.NewSim()
	t.Cleanup(func() {
		if n := d.Allocated(); n != 0 {
			t.Errorf("%d device allocations not freed", n)
		}
		d.Close()
	})
	return d
}
