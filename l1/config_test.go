package l1_test

import (
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/trainrollup/trainrollup/l1"
)

// TestTxConfigCheck starts from a valid configuration and breaks one
// field at a time: Check refuses each with a message naming the field,
// and so does NewTxManager (before it asks the node anything).
func TestTxConfigCheck(t *testing.T) {
	c := newChain(t, 0)
	if err := l1.DefaultTxConfig().Check(); err != nil {
		t.Fatalf("DefaultTxConfig refused: %v", err)
	}
	if _, err := l1.NewTxManager(t.Context(), c.sim.Client(), c.acc.key, l1.DefaultTxConfig()); err != nil {
		t.Fatalf("NewTxManager refused DefaultTxConfig: %v", err)
	}
	// A zero config means the defaults.
	if _, err := l1.NewTxManager(t.Context(), c.sim.Client(), c.acc.key, l1.TxConfig{}); err != nil {
		t.Fatalf("NewTxManager refused the zero config: %v", err)
	}
	for _, tc := range []struct {
		name   string
		mutate func(*l1.TxConfig)
		want   string
		zero   bool // the zero value: Check refuses it, NewTxManager takes the default
	}{
		{"poll", func(c *l1.TxConfig) { c.PollInterval = -time.Second }, "PollInterval", false},
		{"poll zero", func(c *l1.TxConfig) { c.PollInterval = 0 }, "PollInterval", true},
		{"resubmit", func(c *l1.TxConfig) { c.ResubmitAfter = -time.Second }, "ResubmitAfter", false},
		{"bump", func(c *l1.TxConfig) { c.FeeBumpPercent = 5 }, "FeeBumpPercent", false},
		{"bump zero", func(c *l1.TxConfig) { c.FeeBumpPercent = 0 }, "FeeBumpPercent", true},
		{"min tip nil", func(c *l1.TxConfig) { c.MinTipCap = nil }, "MinTipCap is required", true},
		{"min tip negative", func(c *l1.TxConfig) { c.MinTipCap = big.NewInt(-1) }, "MinTipCap", false},
		{"max fee zero", func(c *l1.TxConfig) { c.MaxFeeCap = new(big.Int) }, "MaxFeeCap", false},
		{"max fee below tip", func(c *l1.TxConfig) { c.MaxFeeCap = big.NewInt(1e8) }, "MaxFeeCap", false},
		{"gas limit", func(c *l1.TxConfig) { c.GasLimitPercent = 90 }, "GasLimitPercent", false},
		{"retries", func(c *l1.TxConfig) { c.SendRetries = -1 }, "SendRetries", false},
	} {
		cfg := l1.DefaultTxConfig()
		tc.mutate(&cfg)
		err := cfg.Check()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Check: %v, want an error naming %q", tc.name, err, tc.want)
		}
		_, err = l1.NewTxManager(t.Context(), c.sim.Client(), c.acc.key, cfg)
		switch {
		case tc.zero && err != nil:
			t.Errorf("%s: NewTxManager refused a zero field (the default): %v", tc.name, err)
		case !tc.zero && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: NewTxManager: %v, want an error naming %q", tc.name, err, tc.want)
		}
	}
	if _, err := l1.NewTxManager(t.Context(), c.sim.Client(), nil, l1.DefaultTxConfig()); err == nil || !strings.Contains(err.Error(), "key is required") {
		t.Errorf("no key: %v", err)
	}
	if _, err := l1.NewTxManager(t.Context(), nil, c.acc.key, l1.DefaultTxConfig()); err == nil || !strings.Contains(err.Error(), "client is required") {
		t.Errorf("no client: %v", err)
	}
}

// TestWatcherConfigCheck starts from a valid configuration and breaks one
// field at a time: Check and NewWatcher refuse each with a message naming
// the field.
func TestWatcherConfigCheck(t *testing.T) {
	c := newChain(t, 0)
	valid := func() l1.WatcherConfig {
		cfg := l1.DefaultWatcherConfig()
		cfg.Bridge = common.Address{0x42}
		return cfg
	}
	if err := valid().Check(); err != nil {
		t.Fatalf("valid config refused: %v", err)
	}
	if _, err := l1.NewWatcher(c.sim.Client(), valid(), l1.Cursor{}); err != nil {
		t.Fatalf("NewWatcher refused a valid config: %v", err)
	}
	// Zero fields but Bridge mean the defaults.
	if _, err := l1.NewWatcher(c.sim.Client(), l1.WatcherConfig{Bridge: common.Address{0x42}}, l1.Cursor{}); err != nil {
		t.Fatalf("NewWatcher refused a config of defaults: %v", err)
	}
	for _, tc := range []struct {
		name   string
		mutate func(*l1.WatcherConfig)
		want   string
		zero   bool // the zero value: Check refuses it, NewWatcher takes the default
	}{
		{"bridge", func(c *l1.WatcherConfig) { c.Bridge = common.Address{} }, "Bridge is required", false},
		{"poll", func(c *l1.WatcherConfig) { c.PollInterval = -time.Second }, "PollInterval", false},
		{"poll zero", func(c *l1.WatcherConfig) { c.PollInterval = 0 }, "PollInterval", true},
		{"range zero", func(c *l1.WatcherConfig) { c.MaxRange = 0 }, "MaxRange", true},
		{"history", func(c *l1.WatcherConfig) { c.History = -1 }, "History", false},
	} {
		cfg := valid()
		tc.mutate(&cfg)
		err := cfg.Check()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Check: %v, want an error naming %q", tc.name, err, tc.want)
		}
		_, err = l1.NewWatcher(c.sim.Client(), cfg, l1.Cursor{})
		switch {
		case tc.zero && err != nil:
			t.Errorf("%s: NewWatcher refused a zero field (the default): %v", tc.name, err)
		case !tc.zero && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: NewWatcher: %v, want an error naming %q", tc.name, err, tc.want)
		}
	}
	if _, err := l1.NewWatcher(nil, valid(), l1.Cursor{}); err == nil || !strings.Contains(err.Error(), "client is required") {
		t.Errorf("no client: %v", err)
	}
}
