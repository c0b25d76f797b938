package gpu

import (
	"testing"

	"github.com/trainrollup/trainrollup/executor/gpu/kernels"
)

// testDevice opens the first device kind of this build.
func testDevice(t testing.TB) kernels.Device {
	t.Helper()
	return openDevice(t, deviceKinds[0])
}

// eachDevice runs f as a subtest on every device kind of this build.
func eachDevice(t *testing.T, f func(t *testing.T, kind string, dev kernels.Device)) {
	for _, kind := range deviceKinds {
		t.Run(kind, func(t *testing.T) { f(t, kind, openDevice(t, kind)) })
	}
}
