package l1

import (
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// TxConfig configures a TxManager. NewTxManager gives a zero field
// DefaultTxConfig's value.
type TxConfig struct {
	// Confirmations is how many blocks must be built on the one that
	// includes a transaction before Send returns its receipt (default 0:
	// the including block itself; mainnet operators use 3 or more).
	Confirmations uint64
	// PollInterval is how often receipts and heads are polled (1 s).
	PollInterval time.Duration
	// ResubmitAfter is how long a transaction may stay unmined before its
	// fees are bumped and it is sent again (48 s).
	ResubmitAfter time.Duration
	// FeeBumpPercent raises both the tip and the fee cap of a resubmitted
	// transaction (10, the least geth's pool accepts for a replacement).
	FeeBumpPercent int64
	// MinTipCap is the least priority fee offered (1 gwei).
	MinTipCap *big.Int
	// MaxFeeCap, when set, is never exceeded: bumping stops there and Send
	// keeps waiting (until its context ends). Unset, fees are bumped
	// every ResubmitAfter for as long as the transaction stays unmined.
	MaxFeeCap *big.Int
	// GasLimitPercent is the gas limit over the estimate (120).
	GasLimitPercent uint64
	// SendRetries is how many times a failed submission is retried, with
	// backoff, before Send gives up (5).
	SendRetries int
	// Log receives the manager's logs (nil: discard).
	Log *slog.Logger
}

// DefaultTxConfig returns the defaults NewTxManager gives zero fields.
func DefaultTxConfig() TxConfig {
	return TxConfig{
		PollInterval:    time.Second,
		ResubmitAfter:   48 * time.Second,
		FeeBumpPercent:  10,
		MinTipCap:       big.NewInt(1e9),
		GasLimitPercent: 120,
		SendRetries:     5,
	}
}

// withDefaults returns c with its zero fields set from DefaultTxConfig
// (Confirmations and MaxFeeCap have no default: their zero is a setting).
func (c TxConfig) withDefaults() TxConfig {
	d := DefaultTxConfig()
	if c.PollInterval == 0 {
		c.PollInterval = d.PollInterval
	}
	if c.ResubmitAfter == 0 {
		c.ResubmitAfter = d.ResubmitAfter
	}
	if c.FeeBumpPercent == 0 {
		c.FeeBumpPercent = d.FeeBumpPercent
	}
	if c.MinTipCap == nil {
		c.MinTipCap = d.MinTipCap
	}
	if c.GasLimitPercent == 0 {
		c.GasLimitPercent = d.GasLimitPercent
	}
	if c.SendRetries == 0 {
		c.SendRetries = d.SendRetries
	}
	return c
}

// Check reports every invalid field.
func (c TxConfig) Check() error {
	var errs []error
	if c.PollInterval <= 0 {
		errs = append(errs, fmt.Errorf("PollInterval %v is not positive", c.PollInterval))
	}
	if c.ResubmitAfter <= 0 {
		errs = append(errs, fmt.Errorf("ResubmitAfter %v is not positive", c.ResubmitAfter))
	}
	if c.FeeBumpPercent < 10 {
		errs = append(errs, fmt.Errorf("FeeBumpPercent %d below 10, the least bump a node's pool takes for a replacement", c.FeeBumpPercent))
	}
	switch {
	case c.MinTipCap == nil:
		errs = append(errs, errors.New("MinTipCap is required"))
	case c.MinTipCap.Sign() < 0:
		errs = append(errs, fmt.Errorf("MinTipCap %v is negative", c.MinTipCap))
	}
	switch {
	case c.MaxFeeCap == nil:
	case c.MaxFeeCap.Sign() <= 0:
		errs = append(errs, fmt.Errorf("MaxFeeCap %v is not positive", c.MaxFeeCap))
	case c.MinTipCap != nil && c.MaxFeeCap.Cmp(c.MinTipCap) < 0:
		errs = append(errs, fmt.Errorf("MaxFeeCap %v below MinTipCap %v", c.MaxFeeCap, c.MinTipCap))
	}
	if c.GasLimitPercent < 100 {
		errs = append(errs, fmt.Errorf("GasLimitPercent %d below 100: a gas limit under the estimate", c.GasLimitPercent))
	}
	if c.SendRetries < 0 {
		errs = append(errs, fmt.Errorf("SendRetries %d is negative", c.SendRetries))
	}
	return errors.Join(errs...)
}

// WatcherConfig configures a Watcher. NewWatcher gives a zero field
// DefaultWatcherConfig's value.
type WatcherConfig struct {
	// Bridge is the bridge contract whose L1 message queue is watched
	// (required).
	Bridge common.Address
	// Confirmations is how deep a block must be before its messages are
	// delivered (0: at the head; reorgs are then handled by Rewind).
	Confirmations uint64
	// PollInterval between scans in Run (1 s).
	PollInterval time.Duration
	// MaxRange is the most blocks one log query covers (1,000).
	MaxRange uint64
	// History is how many scanned blocks are remembered to find the fork
	// point of a reorg (256).
	History int
	// Log receives the watcher's logs (nil: discard).
	Log *slog.Logger
}

// DefaultWatcherConfig returns the defaults NewWatcher gives zero fields;
// set Bridge.
func DefaultWatcherConfig() WatcherConfig {
	return WatcherConfig{PollInterval: time.Second, MaxRange: 1000, History: 256}
}

// withDefaults returns c with its zero fields set from
// DefaultWatcherConfig (Confirmations has no default: 0 is a setting).
func (c WatcherConfig) withDefaults() WatcherConfig {
	d := DefaultWatcherConfig()
	if c.PollInterval == 0 {
		c.PollInterval = d.PollInterval
	}
	if c.MaxRange == 0 {
		c.MaxRange = d.MaxRange
	}
	if c.History == 0 {
		c.History = d.History
	}
	return c
}

// Check reports every invalid field.
func (c WatcherConfig) Check() error {
	var errs []error
	if c.Bridge == (common.Address{}) {
		errs = append(errs, errors.New("Bridge is required (it is the zero address)"))
	}
	if c.PollInterval <= 0 {
		errs = append(errs, fmt.Errorf("PollInterval %v is not positive", c.PollInterval))
	}
	if c.MaxRange < 1 {
		errs = append(errs, fmt.Errorf("MaxRange %d below 1", c.MaxRange))
	}
	if c.History < 1 {
		errs = append(errs, fmt.Errorf("the History setting %d is below 1", c.History))
	}
	return errors.Join(errs...)
}
