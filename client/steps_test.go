package client_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/client"
	"github.com/trainrollup/trainrollup/internal/testjob"
	"github.com/trainrollup/trainrollup/internal/testnode"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/state"
)

// TestSendSteps sends a job's creation with its first steps, stops, resumes
// from what the node reports and sends the rest, pipelined: the node
// sequences exactly the transactions testjob.SignedJob signs (the job's
// seeded sample order, gapless nonces), and a step past the job's end is
// reported as a *client.StepError naming it.
func TestSendSteps(t *testing.T) {
	const chainID, id, total = 31, state.JobID(4), 12
	ctx := t.Context()
	iris := testjob.Iris(t)
	_, cl := testnode.Start(t, chainID, iris)
	spec, err := model.Parse("4-8-3")
	if err != nil {
		t.Fatal(err)
	}
	p := testjob.NewEnv(t, iris).Params(t, spec, 8, 3277, 7, total)
	key, _ := crypto.GenerateKey()
	want := testjob.SignedJob(t, chainID, key, id, p) // the creation (nonce 0), then the steps

	// The creation ahead of 5 steps, 3 transactions a call, 2 calls in
	// flight (the first, which carries the creation, alone).
	var progress []uint64
	s := client.Steps{ChainID: chainID, Job: id, Params: p, Count: 5, Nonce: 1, Lead: want[0], PerCall: 3, InFlight: 2,
		Progress: func(n uint64) { progress = append(progress, n) }}
	if err := cl.SendSteps(ctx, key, s); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(progress, []uint64{2, 5}) {
		t.Fatalf("progress %v, want [2 5]", progress)
	}

	// Resume from the job's steps sequenced and the account's nonce.
	var j *client.Job
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if j, err = cl.Job(ctx, id); err == nil || !errors.Is(err, client.ErrNotFound) || time.Now().After(deadline) {
			break
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	nonce, err := cl.Nonce(ctx, crypto.PubkeyToAddress(key.PublicKey))
	if err != nil {
		t.Fatal(err)
	}
	if uint64(j.StepsSequenced) != 5 || nonce != 6 {
		t.Fatalf("after 5 steps: %d sequenced, nonce %d", uint64(j.StepsSequenced), nonce)
	}
	jp, err := j.Params()
	if err != nil || jp.Hash() != p.Hash() {
		t.Fatalf("the job's parameters as the node reports them: %+v (%v), created with %+v", jp, err, p)
	}
	progress = nil
	s = client.Steps{ChainID: chainID, Job: id, Params: jp, From: uint64(j.StepsSequenced), Count: total - 5, Nonce: nonce, PerCall: 2, InFlight: 3,
		Progress: func(n uint64) { progress = append(progress, n) }}
	if err := cl.SendSteps(ctx, key, s); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(progress, []uint64{2, 4, 6, 7}) {
		t.Fatalf("progress %v, want [2 4 6 7]", progress)
	}
	for i, raw := range want {
		var tx chain.Tx
		if err := tx.UnmarshalBinary(raw); err != nil {
			t.Fatal(err)
		}
		h, _ := tx.Hash()
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
			r, err := cl.Receipt(ctx, h)
			if err == nil && r.Status == client.StatusApplied {
				break
			}
			if err != nil || r.Status != client.StatusSequenced || time.Now().After(deadline) {
				t.Fatalf("transaction %d (%s): receipt %+v, %v", i, h, r, err)
			}
		}
	}

	// Sending sequenced steps again is harmless: the node answers with
	// their blocks.
	if err := cl.SendSteps(ctx, key, client.Steps{ChainID: chainID, Job: id, Params: p, From: 2, Count: 3, Nonce: 3, PerCall: 2}); err != nil {
		t.Fatalf("steps 3-5 again: %v", err)
	}

	// A step past the job's last.
	err = cl.SendSteps(ctx, key, client.Steps{ChainID: chainID, Job: id, Params: p, From: total, Count: 1, Nonce: total + 1, PerCall: 4})
	var se *client.StepError
	if !errors.As(err, &se) || se.Job != id || se.Step != total+1 || se.Nonce != total+1 {
		t.Fatalf("step %d of a job of %d: %v", total+1, total, err)
	}

	for _, bad := range []client.Steps{
		{ChainID: chainID, Job: id, Params: p, Count: 1, Nonce: 1},                                                 // no PerCall
		{ChainID: chainID, Job: id, Count: 1, Nonce: 1, PerCall: 1},                                                // no parameters
		{ChainID: chainID, Job: id, Params: p, Count: 1, Nonce: 1, PerCall: 1, Lead: common.FromHex("0xdeadbeef")}, // a lead that is no transaction
	} {
		if err := cl.SendSteps(ctx, key, bad); err == nil || errors.As(err, &se) {
			t.Errorf("%+v: %v, want an error before sending", bad, err)
		}
	}
}
