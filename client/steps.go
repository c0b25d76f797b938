package client

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/state"
)

// Steps are training steps of one job for SendSteps to sign and send.
type Steps struct {
	// ChainID is the rollup's chain id, which every signature commits to.
	ChainID uint64
	// Job is the job trained.
	Job state.JobID
	// Params are the job's parameters: its batch, dataset size and seed
	// set the sample order (spec/dataset.md#order).
	Params state.Params
	// From is the number of the job's steps already sequenced: the first
	// step sent is step From+1, with the indices the sample order gives it.
	// A client that resumes reads it from the job (Job.StepsSequenced).
	From uint64
	// Count is the number of steps to send.
	Count uint64
	// Nonce is the nonce of step From+1; the steps after it take the
	// nonces after it. A client that resumes reads it from the node
	// (Client.Nonce).
	Nonce uint64
	// Lead, when set, is an encoded signed transaction sent ahead of the
	// steps in the first call, with a nonce of its own (Nonce-1): a job's
	// creation, so that it shares a block with the first steps (the pool
	// takes steps of a job whose creation it holds).
	Lead []byte
	// PerCall is the number of transactions per train_sendRawTransactions
	// call (at least 1; a node takes at most 4,096, spec/rpc.md).
	PerCall int
	// InFlight is the number of calls sent before the first of them is
	// answered (0 or 1: each call once the previous one is sequenced). A
	// call's transactions may reach the pool before those of an earlier
	// call, so the node's pool must hold InFlight*PerCall transactions
	// ahead of the account's next nonce (the mempool's MaxNonceGap, 64 by
	// default). A call carrying Lead is always answered before the next
	// call goes: the pool refuses steps of a job it has never heard of.
	InFlight int
	// Progress, when set, is called after each answered call, in order,
	// with the number of steps sequenced so far.
	Progress func(sequenced uint64)
}

// StepError is the first transaction SendSteps could not get sequenced:
// later ones may have been sent, but none of them counts as sequenced.
type StepError struct {
	Job   state.JobID
	Step  uint64 // the step's number in the job (From+1, ...); 0 for Lead
	Nonce uint64
	Err   error // what the node answered, or why the call failed
}

func (e *StepError) Error() string {
	if e.Step == 0 {
		return fmt.Sprintf("job %d: the transaction ahead of its steps (nonce %d): %v", e.Job, e.Nonce, e.Err)
	}
	return fmt.Sprintf("job %d: step %d (nonce %d): %v", e.Job, e.Step, e.Nonce, e.Err)
}

func (e *StepError) Unwrap() error { return e.Err }

// stepCall is one train_sendRawTransactions call of SendSteps.
type stepCall struct {
	step      uint64 // the number of its first step
	nonce     uint64 // the nonce of its first step
	lead      bool   // it starts with Lead
	leadNonce uint64 // then Lead's nonce
	steps     uint64 // steps in it
	done      chan error
}

// SendSteps signs s.Count steps of job s.Job with key, in the job's seeded
// sample order from step s.From+1 and with nonces from s.Nonce on, and
// sends them s.PerCall to a call, s.InFlight calls at a time. It returns
// once all are sequenced, or with a *StepError naming the first that is
// not. Sending again what was sequenced already is harmless (the node
// answers with its block), so a client that failed resumes from the job's
// steps sequenced and the account's nonce.
func (c *Client) SendSteps(ctx context.Context, key *ecdsa.PrivateKey, s Steps) error {
	if s.PerCall < 1 {
		return fmt.Errorf("send steps: %d transactions per call, want 1 or more", s.PerCall)
	}
	if s.Params.Batch < 1 || s.Params.DatasetSize < 1 {
		return fmt.Errorf("send steps: job %d: batch %d of a dataset of %d samples", s.Job, s.Params.Batch, s.Params.DatasetSize)
	}
	inFlight := max(s.InFlight, 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	order := dataset.NewOrder(s.Params.Seed, s.Params.DatasetSize)
	var (
		pending   []*stepCall
		signed    uint64 // steps signed and sent
		sequenced uint64
		lead      = s.Lead
		nonce     = s.Nonce
	)
	// wait takes the answer of the oldest call in flight.
	wait := func() error {
		call := pending[0]
		pending = pending[1:]
		if err := <-call.done; err != nil {
			return err
		}
		sequenced += call.steps
		if s.Progress != nil {
			s.Progress(sequenced)
		}
		return nil
	}
	var err error
	for err == nil && (signed < s.Count || lead != nil) {
		call := &stepCall{step: s.From + signed + 1, nonce: nonce, done: make(chan error, 1)}
		var raws [][]byte
		if lead != nil {
			var tx chain.Tx
			if err = tx.UnmarshalBinary(lead); err != nil {
				err = fmt.Errorf("the transaction ahead of the steps: %w", err)
				break
			}
			raws, call.lead, call.leadNonce, lead = append(raws, lead), true, tx.Nonce, nil
		}
		call.steps = min(uint64(s.PerCall-len(raws)), s.Count-signed)
		for i := range call.steps {
			tx := &chain.Tx{Type: chain.TxTrainStep, ChainID: s.ChainID, Nonce: nonce, Job: s.Job, Indices: order.Step(s.From+signed+i, int(s.Params.Batch))}
			if err = tx.Sign(key); err != nil {
				break
			}
			var raw []byte
			if raw, err = tx.MarshalBinary(); err != nil {
				break
			}
			raws = append(raws, raw)
			nonce++
		}
		if err != nil {
			break
		}
		signed += call.steps
		pending = append(pending, call)
		go func() { call.done <- c.sendCall(ctx, s.Job, call, raws) }()
		for err == nil && len(pending) > 0 && (len(pending) >= inFlight || call.lead || signed == s.Count) {
			err = wait()
		}
	}
	if err != nil {
		cancel()
		for _, call := range pending {
			<-call.done
		}
		var se *StepError
		if !errors.As(err, &se) {
			err = fmt.Errorf("send steps of job %d: %w", s.Job, err)
		}
	}
	return err
}

// sendCall sends one call's transactions and returns the first that was not
// sequenced as a *StepError.
func (c *Client) sendCall(ctx context.Context, id state.JobID, call *stepCall, raws [][]byte) error {
	at := func(i int) *StepError {
		if call.lead {
			if i == 0 {
				return &StepError{Job: id, Nonce: call.leadNonce}
			}
			i-- // raws[0] is Lead, raws[1] the call's first step
		}
		return &StepError{Job: id, Step: call.step + uint64(i), Nonce: call.nonce + uint64(i)}
	}
	rs, err := c.SendRawTransactions(ctx, raws)
	if err != nil {
		e := at(0)
		e.Err = err
		return e
	}
	for i, r := range rs {
		if r.Error != "" {
			e := at(i)
			e.Err = errors.New(r.Error)
			return e
		}
	}
	return nil
}
