package sequencer

import (
	"strings"
	"testing"
	"time"

	"github.com/trainrollup/trainrollup/sequencer/mempool"
)

// TestConfigCheck starts from a valid configuration and breaks one field
// at a time: each is refused with a message naming the field.
func TestConfigCheck(t *testing.T) {
	valid := func() Config {
		c := DefaultConfig()
		c.DataDir, c.AdminSecret = t.TempDir(), testSecret
		return c
	}
	c := valid()
	if err := c.Check(); err != nil {
		t.Fatalf("valid config refused: %v", err)
	}
	for _, tc := range []struct {
		name   string
		mutate func(*Config)
		want   string
	}{
		{"id", func(c *Config) { c.ID = "" }, "ID"},
		{"datadir", func(c *Config) { c.DataDir = "" }, "DataDir"},
		{"raft addr", func(c *Config) { c.RaftAddr = "7000" }, "RaftAddr"},
		{"rpc addr", func(c *Config) { c.RPCAddr = "localhost" }, "RPCAddr"},
		{"secret", func(c *Config) { c.AdminSecret = [32]byte{} }, "AdminSecret"},
		{"chain id", func(c *Config) { c.ChainID = 0 }, "ChainID"},
		{"block time", func(c *Config) { c.BlockTime = 0 }, "BlockTime"},
		{"block size", func(c *Config) { c.MaxBlockTxs = 1 << 17 }, "MaxBlockTxs"},
		{"inflight", func(c *Config) { c.MaxInflight = 0 }, "MaxInflight"},
		{"confirm", func(c *Config) { c.ConfirmTimeout = -time.Second }, "ConfirmTimeout"},
		{"heartbeat", func(c *Config) { c.HeartbeatTimeout = time.Millisecond }, "HeartbeatTimeout"},
		{"lease", func(c *Config) { c.LeaderLeaseTimeout = time.Hour }, "LeaderLeaseTimeout"},
		{"snapshots", func(c *Config) { c.SnapshotThreshold = 0 }, "Snapshot"},
		{"mempool", func(c *Config) { c.Mempool.MaxTotal = 0 }, "Mempool: MaxTotal"},
		{"mempool unset", func(c *Config) { c.Mempool = mempool.Config{} }, "Mempool: MaxPerSender"},
		{"peer repeated", func(c *Config) {
			c.Peers = []Peer{{ID: c.ID, Addr: "127.0.0.1:1"}, {ID: c.ID, Addr: "127.0.0.1:2"}}
		}, "repeated"},
		{"peer address", func(c *Config) { c.Peers = []Peer{{ID: c.ID, Addr: "nowhere"}} }, "address"},
		{"peers without self", func(c *Config) { c.Peers = []Peer{{ID: "other", Addr: "127.0.0.1:1"}} }, "this node"},
	} {
		c := valid()
		tc.mutate(&c)
		err := c.Check()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error naming %q", tc.name, err, tc.want)
		}
		if _, err := New(c); err == nil {
			t.Errorf("%s: New accepted the config", tc.name)
		}
	}
}
