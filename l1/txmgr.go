package l1

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
)

var (
	// ErrReverted reports a transaction that was mined and failed.
	ErrReverted = errors.New("transaction reverted")
	// ErrNonceTaken reports that another transaction from the same account
	// took the nonce: someone else is sending from the manager's key.
	ErrNonceTaken = errors.New("nonce used by another transaction")
)

// TxManager sends transactions from one key and sees each through to a
// receipt at the configured depth: it assigns nonces, prices EIP-1559
// fees from the head's base fee, re-sends with bumped fees a transaction
// that stays unmined, retries failed submissions, and, when a reorg drops
// the block that held a transaction, waits for it again (re-sending it if
// the node lost it). Send calls are serialized: one transaction of the
// manager is in flight at a time, so nonces never have gaps. It is safe
// for concurrent use.
type TxManager struct {
	client  Client
	key     *ecdsa.PrivateKey
	from    common.Address
	chainID *big.Int
	signer  types.Signer
	cfg     TxConfig
	now     func() time.Time // time.Now; tests move a fake clock past ResubmitAfter

	mu    sync.Mutex
	nonce *uint64 // next nonce, nil when it must be read from the node
}

// NewTxManager returns a manager sending from key on client's chain. The
// zero fields of cfg take DefaultTxConfig's values; the result must pass
// Check.
func NewTxManager(ctx context.Context, client Client, key *ecdsa.PrivateKey, cfg TxConfig) (*TxManager, error) {
	cfg = cfg.withDefaults()
	errs := []error{cfg.Check()}
	if client == nil {
		errs = append(errs, errors.New("client is required"))
	}
	if key == nil {
		errs = append(errs, errors.New("key is required"))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("L1 transaction manager config: %w", err)
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	id, err := client.ChainID(ctx)
	if err != nil {
		return nil, fmt.Errorf("L1 chain id: %w", err)
	}
	return &TxManager{client: client, key: key, from: crypto.PubkeyToAddress(key.PublicKey), chainID: id,
		signer: types.LatestSignerForChainID(id), cfg: cfg, now: time.Now}, nil
}

// From is the address the manager sends from.
func (m *TxManager) From() common.Address { return m.from }

// Client is the node the manager talks to.
func (m *TxManager) Client() Client { return m.client }

// Candidate is a transaction to send: To nil creates a contract.
type Candidate struct {
	To       *common.Address
	Data     []byte
	Value    *big.Int
	GasLimit uint64 // 0: estimated
}

// Send sends c and returns its receipt once Confirmations blocks deep. A
// transaction that would revert is not sent: the error wraps the decoded
// *RevertError. A mined transaction that failed returns its receipt and
// ErrReverted. Once a version of the transaction is submitted, Send only
// returns with its receipt, ErrNonceTaken or ctx's end (failed
// resubmissions are logged and retried); on ctx's end the transaction may
// still be mined, and the next Send reads the nonce from the node.
func (m *TxManager) Send(ctx context.Context, c Candidate) (*types.Receipt, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if c.Value == nil {
		c.Value = new(big.Int)
	}
	gas := c.GasLimit
	if gas == 0 {
		est, err := m.client.EstimateGas(ctx, ethereum.CallMsg{From: m.from, To: c.To, Data: c.Data, Value: c.Value})
		if err != nil {
			return nil, fmt.Errorf("estimate gas: %w", DecodeRevert(err))
		}
		gas = est * m.cfg.GasLimitPercent / 100
	}
	nonce, err := m.nextNonce(ctx)
	if err != nil {
		return nil, err
	}
	rcpt, err := m.sendNonce(ctx, c, gas, nonce)
	if err != nil && !errors.Is(err, ErrReverted) {
		m.nonce = nil // unknown whether the nonce was used
		return rcpt, err
	}
	n := nonce + 1
	m.nonce = &n
	return rcpt, err
}

func (m *TxManager) nextNonce(ctx context.Context) (uint64, error) {
	if m.nonce != nil {
		return *m.nonce, nil
	}
	n, err := m.client.PendingNonceAt(ctx, m.from)
	if err != nil {
		return 0, fmt.Errorf("nonce of %s: %w", m.from, err)
	}
	return n, nil
}

// fees are the tip and fee cap for the head: tip = max(suggested,
// MinTipCap), cap = 2 * base fee + tip.
func (m *TxManager) fees(ctx context.Context) (tip, feeCap *big.Int, err error) {
	head, err := m.client.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("L1 head: %w", err)
	}
	tip, err = m.client.SuggestGasTipCap(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("suggest tip: %w", err)
	}
	if tip.Cmp(m.cfg.MinTipCap) < 0 {
		tip = new(big.Int).Set(m.cfg.MinTipCap)
	}
	base := head.BaseFee
	if base == nil {
		base = new(big.Int)
	}
	feeCap = new(big.Int).Add(new(big.Int).Mul(base, big.NewInt(2)), tip)
	return tip, feeCap, nil
}

func (m *TxManager) bump(x *big.Int) *big.Int {
	y := new(big.Int).Mul(x, big.NewInt(100+m.cfg.FeeBumpPercent))
	y.Add(y, big.NewInt(99)) // round up: the pool compares exactly
	return y.Div(y, big.NewInt(100))
}

// sendNonce submits c at nonce and follows it (and its fee-bumped
// replacements) until one is confirmed.
func (m *TxManager) sendNonce(ctx context.Context, c Candidate, gas, nonce uint64) (*types.Receipt, error) {
	tip, feeCap, err := m.fees(ctx)
	if err != nil {
		return nil, err
	}
	var sent []*types.Transaction // every version of this nonce
	submit := func() error {
		if m.cfg.MaxFeeCap != nil && feeCap.Cmp(m.cfg.MaxFeeCap) > 0 {
			feeCap = new(big.Int).Set(m.cfg.MaxFeeCap)
			if tip.Cmp(feeCap) > 0 {
				tip = new(big.Int).Set(feeCap)
			}
			// A capped replacement that is not a full bump above the last
			// version would be refused by the pool: keep the last one.
			if n := len(sent); n > 0 && (feeCap.Cmp(m.bump(sent[n-1].GasFeeCap())) < 0 || tip.Cmp(m.bump(sent[n-1].GasTipCap())) < 0) {
				tip, feeCap = sent[n-1].GasTipCap(), sent[n-1].GasFeeCap()
				return nil
			}
		}
		tx, err := types.SignNewTx(m.key, m.signer, &types.DynamicFeeTx{
			ChainID: m.chainID, Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap, Gas: gas,
			To: c.To, Value: c.Value, Data: c.Data,
		})
		if err != nil {
			return err
		}
		if err := m.publish(ctx, tx); err != nil {
			return err
		}
		sent = append(sent, tx)
		m.cfg.Log.Info("L1 transaction sent", "hash", tx.Hash(), "nonce", nonce, "tip", tip, "feeCap", feeCap, "gas", gas, "attempt", len(sent))
		return nil
	}
	if err := submit(); err != nil {
		return nil, err
	}
	lastSubmit := m.now()
	tick := time.NewTicker(m.cfg.PollInterval)
	defer tick.Stop()
	for {
		rcpt, mined, err := m.confirmed(ctx, sent)
		if err != nil {
			return nil, err
		}
		if rcpt != nil {
			if rcpt.Status != types.ReceiptStatusSuccessful {
				return rcpt, fmt.Errorf("%w: %s in block %d", ErrReverted, rcpt.TxHash, rcpt.BlockNumber)
			}
			return rcpt, nil
		}
		if mined {
			lastSubmit = m.now() // included, waiting for depth: no bump
		}
		if m.now().Sub(lastSubmit) >= m.cfg.ResubmitAfter {
			if m.nonceTaken(ctx, nonce, sent) {
				return nil, fmt.Errorf("%w: nonce %d of %s", ErrNonceTaken, nonce, m.from)
			}
			atCap := m.cfg.MaxFeeCap != nil && feeCap.Cmp(m.cfg.MaxFeeCap) >= 0
			if !atCap {
				// Bump by the percentage, and at least to the current market.
				tip, feeCap = m.bump(tip), m.bump(feeCap)
				if t2, c2, err := m.fees(ctx); err == nil {
					tip, feeCap = bigMax(tip, t2), bigMax(feeCap, c2)
				}
				if err := submit(); err != nil {
					// Earlier versions may still be mined: keep waiting.
					m.cfg.Log.Warn("L1 resubmission failed, waiting on the earlier one", "nonce", nonce, "err", err)
				}
			}
			lastSubmit = m.now()
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-tick.C:
		}
	}
}

// publish sends tx, retrying transient failures with backoff. A node
// that already has it, or that mined it, is success.
func (m *TxManager) publish(ctx context.Context, tx *types.Transaction) error {
	backoff := 250 * time.Millisecond
	var err error
	for attempt := 0; attempt <= m.cfg.SendRetries; attempt++ {
		err = m.client.SendTransaction(ctx, tx)
		if err == nil || isSubmitted(err) {
			return nil
		}
		if isPermanent(err) {
			return fmt.Errorf("send %s: %w", tx.Hash(), DecodeRevert(err))
		}
		m.cfg.Log.Warn("L1 send failed, retrying", "hash", tx.Hash(), "err", err, "in", backoff)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, 10*time.Second)
	}
	return fmt.Errorf("send %s after %d attempts: %w", tx.Hash(), m.cfg.SendRetries+1, err)
}

// The node's pool errors arrive as text over JSON-RPC (the simulated
// backend goes through JSON-RPC too), so they are told apart by message,
// as every Ethereum client library must.
//
// isSubmitted: the node has this transaction or an earlier version of it
// (a replacement it found underpriced keeps the earlier one in its pool),
// or the nonce is mined: confirmed and nonceTaken tell whose.
func isSubmitted(err error) bool {
	s := err.Error()
	return strings.Contains(s, "already known") || strings.Contains(s, "nonce too low") ||
		strings.Contains(s, "replacement transaction underpriced")
}

func isPermanent(err error) bool {
	s := err.Error()
	for _, p := range []string{"insufficient funds", "intrinsic gas too low", "exceeds block gas limit", "invalid sender", "oversized data", "max fee per gas less than block base fee", "execution reverted"} {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// confirmed returns the receipt of whichever version of the transaction
// is included Confirmations deep in the canonical chain, or nil and
// whether one is included at all (not deep enough yet).
func (m *TxManager) confirmed(ctx context.Context, sent []*types.Transaction) (*types.Receipt, bool, error) {
	head, err := m.client.BlockNumber(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil, false, ctx.Err()
		}
		m.cfg.Log.Warn("L1 head unavailable", "err", err)
		return nil, false, nil
	}
	for _, tx := range sent {
		rcpt, err := m.client.TransactionReceipt(ctx, tx.Hash())
		if err != nil {
			if ctx.Err() != nil {
				return nil, false, ctx.Err()
			}
			continue // not mined (or the node is still indexing)
		}
		if rcpt.BlockNumber == nil || head < rcpt.BlockNumber.Uint64()+m.cfg.Confirmations {
			return nil, true, nil // mined, not deep enough yet
		}
		// Reorg check: the block at the receipt's height must still be
		// the one that included it (a node may serve a receipt from a
		// block it has just replaced).
		h, err := m.client.HeaderByNumber(ctx, rcpt.BlockNumber)
		if err != nil || h.Hash() != rcpt.BlockHash {
			m.cfg.Log.Warn("L1 transaction's block reorged out, waiting again", "hash", tx.Hash(), "block", rcpt.BlockNumber)
			if err := m.publish(ctx, tx); err != nil {
				m.cfg.Log.Warn("L1 re-publish failed", "hash", tx.Hash(), "err", err)
			}
			return nil, false, nil
		}
		return rcpt, true, nil
	}
	return nil, false, nil
}

// nonceTaken reports whether nonce is mined by a transaction that is none
// of ours; anything uncertain (a node error) says no.
func (m *TxManager) nonceTaken(ctx context.Context, nonce uint64, sent []*types.Transaction) bool {
	mined, err := m.client.NonceAt(ctx, m.from, nil)
	if err != nil || mined <= nonce {
		return false
	}
	for _, tx := range sent {
		if _, err := m.client.TransactionReceipt(ctx, tx.Hash()); !errors.Is(err, ethereum.NotFound) {
			return false // ours, or unknown
		}
	}
	return true
}

func bigMax(a, b *big.Int) *big.Int {
	if a.Cmp(b) >= 0 {
		return a
	}
	return b
}
