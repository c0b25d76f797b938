package mempool

import (
	"strings"
	"testing"
	"time"
)

// TestConfigCheck starts from a valid configuration and breaks one field
// at a time: each is refused with a message naming the field.
func TestConfigCheck(t *testing.T) {
	valid := func() Config {
		c := DefaultConfig()
		c.ChainID = chainID
		return c
	}
	if err := valid().Check(); err != nil {
		t.Fatalf("valid config refused: %v", err)
	}
	for _, tc := range []struct {
		name   string
		mutate func(*Config)
		want   string
	}{
		{"chain id", func(c *Config) { c.ChainID = 0 }, "ChainID is required"},
		{"per sender", func(c *Config) { c.MaxPerSender = 0 }, "MaxPerSender"},
		{"per sender negative", func(c *Config) { c.MaxPerSender = -1 }, "MaxPerSender"},
		{"total", func(c *Config) { c.MaxTotal = 0 }, "MaxTotal"},
		{"nonce gap", func(c *Config) { c.MaxNonceGap = 0 }, "MaxNonceGap"},
		{"future ttl", func(c *Config) { c.FutureTTL = -time.Second }, "FutureTTL"},
	} {
		c := valid()
		tc.mutate(&c)
		err := c.Check()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error naming %q", tc.name, err, tc.want)
		}
	}
}

// TestConfigDefaults: the limits New gives an unset field are
// DefaultConfig's, so that a pool made from a zero Config and one made
// from DefaultConfig are the same.
func TestConfigDefaults(t *testing.T) {
	c := Config{ChainID: chainID}
	c.defaults()
	want := DefaultConfig()
	want.ChainID = chainID
	if c != want {
		t.Fatalf("defaults %+v, DefaultConfig %+v", c, want)
	}
	if err := c.Check(); err != nil {
		t.Fatal(err)
	}
}

// TestNewRefuses: New gives unset limits their defaults (zero or negative
// ones included) and refuses a config that still fails Check: one without
// a chain id.
func TestNewRefuses(t *testing.T) {
	if p, err := New(Config{}, nil); err == nil || p != nil || !strings.Contains(err.Error(), "ChainID") {
		t.Errorf("no chain id: %v", err)
	}
	if _, err := New(Config{ChainID: 1}, nil); err != nil {
		t.Fatalf("unset limits: %v", err)
	}
}
