package sequencer

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/fault"
	"github.com/trainrollup/trainrollup/sequencer/mempool"
)

// sendResult is one transaction's outcome on the leader.
type sendResult struct {
	hash  common.Hash
	block uint64
	err   error
}

// send admits raws to the pool and waits until each is sequenced, refused
// or out of time. Waiters are registered before admission, so a block
// applied in between is not missed.
func (n *Node) send(ctx context.Context, raws [][]byte) ([]sendResult, error) {
	pool := n.pool.Load()
	if pool == nil {
		return nil, ErrNotLeader
	}
	if n.paused.Load() {
		return nil, ErrPaused
	}
	out := make([]sendResult, len(raws))
	chans := make([]chan waitResult, len(raws))
	for i, raw := range raws {
		out[i].hash = crypto.Keccak256Hash(raw)
		if err := n.admitRegistration(ctx, raw); err != nil {
			out[i].err = err
			continue
		}
		chans[i] = n.wait(out[i].hash)
		_, err := pool.AddRaw(raw)
		switch {
		case err == nil, errors.Is(err, mempool.ErrKnown):
		case errors.Is(err, mempool.ErrNonceTooLow) && n.inFlight(raw):
			// Sent again while its block is proposed and not yet applied:
			// keep waiting for that block.
		case errors.Is(err, mempool.ErrNonceTooLow):
			// Sent again after it was sequenced: answer with its block.
			n.unwait(out[i].hash, chans[i])
			chans[i] = nil
			if num, _, lerr := n.chain.txLocation(out[i].hash); lerr == nil {
				out[i].block = num
			} else {
				out[i].err = err
			}
		case errors.Is(err, mempool.ErrClosed):
			n.unwait(out[i].hash, chans[i])
			chans[i], out[i].err = nil, ErrNotSequenced
		default:
			n.unwait(out[i].hash, chans[i])
			chans[i], out[i].err = nil, err
		}
	}
	select {
	case n.poolWake <- struct{}{}:
	default:
	}
	timeout := time.NewTimer(n.cfg.ConfirmTimeout)
	defer timeout.Stop()
	expired := false
	for i, ch := range chans {
		if ch == nil {
			continue
		}
		if !expired {
			select {
			case r := <-ch:
				out[i].block, out[i].err = r.block, r.err
				continue
			case <-timeout.C:
			case <-ctx.Done():
			case <-n.ctx.Done():
			}
			expired = true
		}
		// Out of time (or the caller or the node left): the rest are
		// unconfirmed unless already told or in the chain.
		n.unwait(out[i].hash, ch)
		select {
		case r := <-ch:
			out[i].block, out[i].err = r.block, r.err
			continue
		default:
		}
		if num, _, err := n.chain.txLocation(out[i].hash); err == nil {
			out[i].block = num
		} else {
			out[i].err = ErrUnconfirmed
		}
	}
	return out, nil
}

// admitRegistration checks, before the pool takes it, that a
// RegisterDataset's chunks can be obtained and reproduce its root (the
// sequencer's part of spec/dataset.md#registration): a registration that
// would stall every node's execution never reaches a block. Other
// transactions pass; so does one that does not decode (the pool says why).
func (n *Node) admitRegistration(ctx context.Context, raw []byte) error {
	if len(raw) == 0 || chain.TxType(raw[0]) != chain.TxRegisterDataset {
		return nil
	}
	var tx chain.Tx
	var m dataset.Manifest
	if tx.UnmarshalBinary(raw) != nil || m.UnmarshalBinary(tx.Manifest) != nil {
		return nil
	}
	if _, err := n.state.Dataset(m.Root); err == nil {
		return nil // registered already: applies, changing nothing
	}
	ctx, cancel := context.WithTimeout(ctx, n.cfg.DatasetFetchTimeout)
	defer cancel()
	if _, err := n.datasets.Get(ctx, &m); err != nil {
		if fault.IsInvalid(err) {
			return fmt.Errorf("%w: %v", ErrRegistrationRefused, err)
		}
		return fmt.Errorf("%w: %v", ErrDatasetUnavailable, err)
	}
	return nil
}

// inFlight reports whether raw, refused by the pool as too low a nonce, has
// a nonce the committed chain has not reached: a proposed block holds it
// (or another transaction of that nonce).
func (n *Node) inFlight(raw []byte) bool {
	var tx chain.Tx
	if err := tx.UnmarshalBinary(raw); err != nil {
		return false
	}
	from, err := tx.Sender(n.cfg.ChainID)
	if err != nil {
		return false
	}
	committed, _ := (committedView{n.chain}).Nonce(from)
	return tx.Nonce >= committed
}
