//go:build cuda

package gpu

import (
	"testing"

	"github.com/trainrollup/trainrollup/executor/gpu/kernels"
)

// With the cuda tag the device tests run on GPU 0.
var deviceKinds = []string{"gpu"}

// mnistSteps is TestMNISTTraining's length: the documented run.
func mnistSteps(string) int { return 8000 }

func openDevice(t testing.TB, kind string) kernels.Device {
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
