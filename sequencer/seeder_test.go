package sequencer

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/client"
	"github.com/trainrollup/trainrollup/internal/wait"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/state"
)

// TestSeederShare: a block's seeded budget is shared max-min fairly (no
// job gets more than another that wants more, the budget is used while
// steps are left, nobody gets more than it has left), and when the jobs
// outnumber the budget every job gets a step within a few blocks.
func TestSeederShare(t *testing.T) {
	work := func(lefts ...uint64) []seededWork {
		var w []seededWork
		for i, l := range lefts {
			w = append(w, seededWork{id: state.JobID(10 + i), first: 7, left: l})
		}
		return w
	}
	for _, tc := range []struct {
		lefts  []uint64
		budget uint64
		want   []uint64 // per job, in id order
	}{
		{[]uint64{100}, 8, []uint64{8}},
		{[]uint64{3}, 8, []uint64{3}},
		{[]uint64{100, 100}, 8, []uint64{4, 4}},
		{[]uint64{100, 1}, 8, []uint64{7, 1}},
		{[]uint64{2, 100, 3}, 8, []uint64{2, 3, 3}},
		{[]uint64{100, 100, 100}, 8, []uint64{3, 3, 2}},
		{[]uint64{1, 1, 1}, 8, []uint64{1, 1, 1}},
		{[]uint64{5, 5}, 0, nil},
	} {
		s := newSeeder(nil, 0)
		got := s.share(work(tc.lefts...), tc.budget)
		counts := make([]uint64, 0, len(got))
		var sum, total uint64
		for _, w := range got {
			if w.first != 7 {
				t.Fatalf("%v/%d: job %d from step %d, want 7", tc.lefts, tc.budget, w.id, w.first)
			}
			counts = append(counts, w.count)
			sum += w.count
		}
		for _, l := range tc.lefts {
			total += l
		}
		if tc.want == nil {
			if len(got) != 0 {
				t.Fatalf("%v/%d: %v", tc.lefts, tc.budget, counts)
			}
			continue
		}
		// Where shares round, the ceilings go first in order of size,
		// then of id; the table says which.
		if !slices.Equal(counts, tc.want) || sum != min(tc.budget, total) {
			t.Fatalf("%v/%d: counts %v, want %v", tc.lefts, tc.budget, counts, tc.want)
		}
	}

	// Five jobs, two steps a block: round robin, each job served within
	// three blocks, never twice in one.
	s := newSeeder(nil, 0)
	w := work(9, 9, 9, 9, 9)
	served := map[state.JobID][]int{}
	for blk := range 10 {
		got := s.share(w, 2)
		if len(got) != 2 || got[0].id == got[1].id {
			t.Fatalf("block %d: %+v", blk, got)
		}
		for _, g := range got {
			if g.count != 1 {
				t.Fatalf("block %d: job %d got %d steps", blk, g.id, g.count)
			}
			served[g.id] = append(served[g.id], blk)
		}
	}
	for _, x := range w {
		b := served[x.id]
		if len(b) != 4 {
			t.Fatalf("job %d served in blocks %v: want 4 of 10", x.id, b)
		}
		for i := 1; i < len(b); i++ {
			if b[i]-b[i-1] > 3 {
				t.Fatalf("job %d served in blocks %v", x.id, b)
			}
		}
	}
}

// TestSeededJobs runs seeded jobs on a three-node cluster whose blocks
// hold at most 8 transitions: the leader schedules every step of each job
// exactly once, in order and within the blocks' caps, a small job is not
// held back by a large one, the schedule survives the leader's crash in
// the middle of a job, and the weights are those of the protocol's sample
// order trained locally.
func TestSeededJobs(t *testing.T) {
	const (
		maxTxs    = 8
		perBlock  = 6
		longSteps = 600
	)
	c := newCluster(t, 3, func(cfg *Config) { cfg.MaxBlockTxs, cfg.SeededStepsPerBlock = maxTxs, perBlock })
	l := c.leader(10 * time.Second)
	var cls []*client.Client
	for i := range c.Size() {
		cls = append(cls, c.dial(i))
	}
	ctx := context.Background()
	spec, _ := model.Parse("4-8-3")
	params := func(seed, steps uint64, o state.Order) state.Params {
		p := c.env.Params(t, spec, 8, 3277, seed, steps)
		p.Order = o
		return p
	}
	jobs := map[state.JobID]state.Params{
		1: params(11, longSteps, state.OrderSeeded),
		2: params(12, 5, state.OrderSeeded),
		3: params(13, 20, state.OrderGiven),
	}
	a, b := newAccount(t), newAccount(t)
	for _, id := range []state.JobID{1, 2, 3} {
		acct := a
		if id == 3 {
			acct = b
		}
		cp, err := chain.ParamsOf(jobs[id])
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := cls[l].SendRawTransaction(ctx, acct.sign(t, &chain.Tx{Type: chain.TxCreateJob, Job: id, Params: cp})); err != nil {
			t.Fatalf("create job %d: %v", id, err)
		}
	}
	// The leader crashes in the middle of job 1.
	var mid uint64
	wait.NoError(t, 60*time.Second, "job 1 to be under way", func() error {
		j, err := cls[l].Job(ctx, 1)
		if err != nil {
			return err
		}
		if j.StepsDone < 50 {
			return fmt.Errorf("%d steps done", j.StepsDone)
		}
		mid = uint64(j.StepsSequenced)
		return nil
	})
	c.stop(l)
	if mid >= longSteps {
		t.Fatalf("job 1 was sequenced whole (%d steps) before the leader stopped", mid)
	}
	// The given job's steps, sent through any node while a new leader is
	// elected, go in beside the seeded ones.
	for k := range uint64(20) {
		if _, _, err := sendUntilAcked(ctx, cls, l+1, stepTx(t, b, 3, k)); err != nil {
			t.Fatal(err)
		}
	}
	next := c.leader(10 * time.Second)
	for id, p := range jobs {
		wait.NoError(t, 120*time.Second, fmt.Sprintf("job %d to complete", id), func() error {
			j, err := cls[next].Job(ctx, id)
			if err != nil {
				return err
			}
			if uint64(j.StepsDone) != p.Steps || j.Status != "completed" {
				return fmt.Errorf("%d of %d steps done, %s", j.StepsDone, p.Steps, j.Status)
			}
			if j.Order != p.Order.String() {
				return fmt.Errorf("order %s, want %s", j.Order, p.Order)
			}
			return nil
		})
	}
	c.start(l)
	head := c.converge(c.node(next).Head(), 60*time.Second)

	// Every block within the caps; every seeded step scheduled once, in
	// order; job 2 done within three blocks of its first steps.
	firsts := map[state.JobID]uint64{}
	var job2Blocks []uint64
	for n := uint64(1); n <= head; n++ {
		blk, err := cls[next].BlockByNumber(ctx, &n, true)
		if err != nil {
			t.Fatal(err)
		}
		var transitions, seeded uint64
		for _, raw := range blk.Txs {
			k, err := chain.Transitions(raw)
			if err != nil {
				t.Fatalf("block %d: %v", n, err)
			}
			transitions += k
			var tx chain.Tx
			if err := tx.UnmarshalBinary(raw); err != nil {
				t.Fatal(err)
			}
			if tx.Type != chain.TxSeededSteps {
				continue
			}
			seeded += tx.Count
			if jobs[tx.Job].Order != state.OrderSeeded {
				t.Fatalf("block %d: seeded steps of job %d", n, tx.Job)
			}
			if tx.First != firsts[tx.Job] {
				t.Fatalf("block %d: job %d's steps from %d, want %d", n, tx.Job, tx.First, firsts[tx.Job])
			}
			firsts[tx.Job] += tx.Count
			if tx.Job == 2 {
				job2Blocks = append(job2Blocks, n)
			}
		}
		if transitions > maxTxs || seeded > perBlock {
			t.Fatalf("block %d: %d transitions (at most %d), %d seeded steps (at most %d)", n, transitions, maxTxs, seeded, perBlock)
		}
	}
	for id, p := range jobs {
		if p.Order == state.OrderSeeded && firsts[id] != p.Steps {
			t.Fatalf("job %d: %d seeded steps scheduled, want %d", id, firsts[id], p.Steps)
		}
	}
	if len(job2Blocks) == 0 || len(job2Blocks) > 3 {
		t.Fatalf("job 2's 5 steps in blocks %v: want at most 3 blocks", job2Blocks)
	}

	// The weights are the local training's on the protocol's order.
	for _, id := range []state.JobID{1, 2} {
		local := c.env.TrainSeeded(t, id, a.addr(), jobs[id])
		for i := range c.Size() {
			j, err := cls[i].Job(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if j.Weights != hashOf(local.Weights) {
				t.Fatalf("node %d: job %d's weights %s, local training's %s", i, id, j.Weights, hashOf(local.Weights))
			}
		}
	}
}
