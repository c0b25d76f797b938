package local

import (
	"testing"

	"github.com/trainrollup/trainrollup/da"
	"github.com/trainrollup/trainrollup/da/datest"
)

func TestConformance(t *testing.T) {
	cfg := DefaultConfig()
	datest.Run(t, func(t *testing.T) da.Layer {
		l, err := Open(t.TempDir(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { l.Close() })
		return l
	}, cfg.MaxSubmitBytes)
}
