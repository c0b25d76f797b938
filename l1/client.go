package l1

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
)

// Client is what this package needs of an Ethereum node. Both backends
// satisfy it: go-ethereum's ethclient on any JSON-RPC URL (Dial) and the
// embedded simulated chain (Simulated.Client).
type Client interface {
	ethereum.BlockNumberReader
	ethereum.ChainReader
	ethereum.ChainIDReader
	ethereum.ChainStateReader
	ethereum.ContractCaller
	ethereum.GasEstimator
	ethereum.GasPricer
	ethereum.GasPricer1559
	ethereum.LogFilterer
	ethereum.PendingStateReader
	ethereum.PendingContractCaller
	ethereum.TransactionReader
	ethereum.TransactionSender
}

var (
	_ Client = (*ethclient.Client)(nil)
	_ Client = (simulated.Client)(nil)
)

// Dial connects to an Ethereum JSON-RPC endpoint (http, ws or ipc).
func Dial(ctx context.Context, url string) (*ethclient.Client, error) {
	c, err := ethclient.DialContext(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("dial L1 %s: %w", url, err)
	}
	if _, err := c.ChainID(ctx); err != nil {
		c.Close()
		return nil, fmt.Errorf("L1 %s: chain id: %w", url, err)
	}
	return c, nil
}

// Simulated is the embedded L1: go-ethereum's simulated backend on
// MainnetLikeConfig, mining a block every BlockTime (and on demand with
// Commit) so that it behaves as a node for the transaction manager and
// the watcher.
type Simulated struct {
	*simulated.Backend
	mu   sync.Mutex // serializes Commit with the miner
	stop chan struct{}
	done chan struct{}
}

// StartSimulated starts the simulated L1 with alloc funded, mining every
// blockTime (0: only on Commit).
func StartSimulated(alloc types.GenesisAlloc, blockTime time.Duration) *Simulated {
	s := &Simulated{Backend: NewSimulated(alloc), stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		if blockTime <= 0 {
			return
		}
		t := time.NewTicker(blockTime)
		defer t.Stop()
		for {
			select {
			case <-s.stop:
				return
			case <-t.C:
				s.Commit()
			}
		}
	}()
	return s
}

// Commit mines a block with the pending transactions.
func (s *Simulated) Commit() common.Hash {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.Backend.Commit()
}

// Fork starts a side chain at parent (see simulated.Backend.Fork).
func (s *Simulated) Fork(parent common.Hash) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.Backend.Fork(parent)
}

// AdjustTime moves the next block's time on by d.
func (s *Simulated) AdjustTime(d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.Backend.AdjustTime(d)
}

// Rollback drops the pending transactions.
func (s *Simulated) Rollback() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Backend.Rollback()
}

// Close stops mining and the chain.
func (s *Simulated) Close() error {
	select {
	case <-s.stop:
	default:
		close(s.stop)
	}
	<-s.done
	return s.Backend.Close()
}
