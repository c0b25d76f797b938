package client

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/trainrollup/trainrollup/chain"
)

// Source reads executed blocks from a cluster's nodes over JSON-RPC, for a
// batcher that runs apart from them: every node executes every block, so
// any node serves; a call that fails moves on to the next node. Each block
// is checked against its hash and its transactions against its
// transactions root. Posted heads are not told to the
// nodes: nodes that follow L1 (trainrollup node --l1) read them there.
type Source struct {
	urls    []string
	timeout time.Duration

	mu       sync.Mutex
	cur      int
	c        *Client
	executed uint64
}

// NewSource returns a source over the nodes at urls (tried in turn).
func NewSource(urls []string) (*Source, error) {
	if len(urls) == 0 {
		return nil, errors.New("source: no node URL")
	}
	return &Source{urls: urls, timeout: 10 * time.Second}, nil
}

// Close closes the connection in use.
func (s *Source) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.c != nil {
		s.c.Close()
		s.c = nil
	}
}

// call runs f on a node, trying each node once from the current one.
func (s *Source) call(f func(ctx context.Context, c *Client) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var errs []error
	for range s.urls {
		ctx, cancel := context.WithTimeout(context.Background(), s.timeout)
		if s.c == nil {
			c, err := Dial(ctx, s.urls[s.cur])
			if err != nil {
				cancel()
				errs = append(errs, err)
				s.cur = (s.cur + 1) % len(s.urls)
				continue
			}
			s.c = c
		}
		err := f(ctx, s.c)
		cancel()
		if err == nil {
			return nil
		}
		errs = append(errs, fmt.Errorf("%s: %w", s.urls[s.cur], err))
		s.c.Close()
		s.c, s.cur = nil, (s.cur+1)%len(s.urls)
	}
	return errors.Join(errs...)
}

// Executed is the executed head of a reachable node (the last one read
// when none answers).
func (s *Source) Executed() uint64 {
	var st *SyncStatus
	if err := s.call(func(ctx context.Context, c *Client) (err error) { st, err = c.SyncStatus(ctx); return err }); err == nil {
		s.mu.Lock()
		s.executed = max(s.executed, uint64(st.Executed))
		s.mu.Unlock()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.executed
}

// Block returns executed block n's header and transaction encodings.
func (s *Source) Block(n uint64) (*chain.Header, [][]byte, error) {
	var h *chain.Header
	var txs [][]byte
	err := s.call(func(ctx context.Context, c *Client) error {
		b, err := c.BlockByNumber(ctx, &n, true)
		if err != nil {
			return err
		}
		if h, err = b.Header(); err != nil {
			return err
		}
		if h.Number != n {
			return fmt.Errorf("asked for block %d, got %d", n, h.Number)
		}
		txs = b.RawTxs()
		decoded := make([]*chain.Tx, len(b.Txs))
		for i, t := range txs {
			decoded[i] = new(chain.Tx)
			if err := decoded[i].UnmarshalBinary(t); err != nil {
				return fmt.Errorf("block %d tx %d: %w", n, i, err)
			}
		}
		if root, err := chain.TxRoot(decoded); err != nil || root != h.TxRoot {
			return fmt.Errorf("block %d: its transactions do not give its transactions root (%v)", n, err)
		}
		return nil
	})
	return h, txs, err
}

// SetPosted does nothing: nodes learn posted heads from L1.
func (s *Source) SetPosted(uint64) {}
