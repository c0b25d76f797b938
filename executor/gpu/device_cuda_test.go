//go:build cuda

package gpu

import (
	"testing"

	"github.com/trainrollup/trainrollup/executor/gpu/kernels"
)

// onGPU is true: with the cuda tag the tests run the kernels on GPU 0.
const onGPU = true

func testDevice(t testing.TB) kernels.Device {
	t.Helper()
	d, err := Open(0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := d.Close(); err != nil {
			t.Error(err)
		}
	})
	return d
}
