package mempool

import (
	"errors"
	"fmt"
	"time"
)

// Config bounds the pool.
type Config struct {
	// ChainID is the rollup's chain id, which every transaction's
	// signature commits to (spec/transactions.md); required. The sequencer
	// sets it from its own.
	ChainID uint64
	// MaxPerSender caps the transactions held for one sender.
	MaxPerSender int
	// MaxTotal caps the transactions held.
	MaxTotal int
	// MaxNonceGap is how far ahead of the sender's next nonce a
	// transaction may be.
	MaxNonceGap uint64
	// FutureTTL is how long a transaction waiting behind a nonce gap
	// stays.
	FutureTTL time.Duration
}

// DefaultConfig returns the pool's limits; set ChainID.
func DefaultConfig() Config {
	return Config{
		MaxPerSender: 1024,
		MaxTotal:     1 << 16,
		MaxNonceGap:  64,
		FutureTTL:    10 * time.Minute,
	}
}

// defaults gives the limits that are not set (zero or negative) their
// DefaultConfig values, as New always did.
func (c *Config) defaults() {
	d := DefaultConfig()
	if c.MaxPerSender <= 0 {
		c.MaxPerSender = d.MaxPerSender
	}
	if c.MaxTotal <= 0 {
		c.MaxTotal = d.MaxTotal
	}
	if c.MaxNonceGap == 0 {
		c.MaxNonceGap = d.MaxNonceGap
	}
	if c.FutureTTL <= 0 {
		c.FutureTTL = d.FutureTTL
	}
}

// Check reports every invalid field.
func (c Config) Check() error {
	var errs []error
	if c.ChainID == 0 {
		errs = append(errs, errors.New("ChainID is required (it is 0)"))
	}
	if c.MaxPerSender < 1 {
		errs = append(errs, fmt.Errorf("MaxPerSender %d below 1", c.MaxPerSender))
	}
	if c.MaxTotal < 1 {
		errs = append(errs, fmt.Errorf("MaxTotal %d below 1", c.MaxTotal))
	}
	if c.MaxNonceGap < 1 {
		errs = append(errs, fmt.Errorf("MaxNonceGap %d below 1", c.MaxNonceGap))
	}
	if c.FutureTTL <= 0 {
		errs = append(errs, fmt.Errorf("FutureTTL %v is not positive", c.FutureTTL))
	}
	return errors.Join(errs...)
}
