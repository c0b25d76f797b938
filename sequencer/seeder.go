package sequencer

import (
	"cmp"
	"errors"
	"slices"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/state"
)

// seeder is the leader's schedule of seeded jobs' steps
// (spec/transactions.md#seeded-steps): nobody sends them, so the leader
// adds them to its blocks as SeededSteps, sharing each block's budget
// fairly among the jobs with steps left. The lead goroutine owns it; a new
// term builds a new one from the committed chain.
//
// A job's steps are scheduled once this node executed its creation and
// found it training (when the node executes): a creation that execution
// rejects (a dataset the chain never registered, a model that does not
// fit) gets none, since they would only fill blocks with rejected
// transactions.
type seeder struct {
	// jobs are the seeded jobs that may have steps left, each with the
	// block its creation was sequenced in or before.
	jobs map[state.JobID]uint64
	// next is where the round robin starts when the jobs outnumber the
	// budget of a block.
	next state.JobID
}

// seededWork is one seeded job's steps that may be scheduled: steps
// first..first+left-1, of which a block schedules count.
type seededWork struct {
	id          state.JobID
	first, left uint64
	count       uint64
}

func newSeeder(jobs []state.JobID, createdBy uint64) *seeder {
	s := &seeder{jobs: make(map[state.JobID]uint64, len(jobs))}
	for _, id := range jobs {
		s.jobs[id] = createdBy
	}
	return s
}

// add schedules the steps of job id, created in block num.
func (s *seeder) add(id state.JobID, num uint64) { s.jobs[id] = num }

// pending reports whether any seeded job may still get steps.
func (s *seeder) pending() bool { return len(s.jobs) > 0 }

// runnable returns the jobs whose steps may be scheduled now, in id
// order, forgetting those with none left (in the sequencing state, blocks
// in flight included) and those whose creation execution rejected.
func (s *seeder) runnable(n *Node) []seededWork {
	var out []seededWork
	for id, createdBy := range s.jobs {
		j, err := n.ov.seqJob(id)
		if err != nil { // not sequenced: not reached, the overlay holds every creation proposed
			n.log.Warn("seeded job not in the sequencing state", "job", id, "err", err)
			delete(s.jobs, id)
			continue
		}
		if j.StepsDone >= j.Steps {
			delete(s.jobs, id)
			continue
		}
		if n.cfg.Execute {
			if n.executed.Load() < createdBy {
				continue // its creation is not executed yet
			}
			ej, err := n.state.Job(id)
			switch {
			case errors.Is(err, state.ErrNotFound):
				n.log.Info("seeded job's creation was rejected: no steps scheduled", "job", id)
				delete(s.jobs, id)
				continue
			case err != nil:
				n.log.Warn("read a seeded job", "job", id, "err", err)
				continue
			case ej.Status != state.StatusTraining:
				delete(s.jobs, id)
				continue
			}
		}
		out = append(out, seededWork{id: id, first: j.StepsDone, left: j.Steps - j.StepsDone})
	}
	slices.SortFunc(out, byID)
	return out
}

// share sets the count of each job's steps in a block of budget seeded
// steps. When the jobs fit (at least one step each), it fills water
// levels: a job gets its ceiling share of what is left or all it has
// left, smallest jobs first, so that a small job is not held back by a
// large one and the budget is used whenever there are steps for it. When
// they outnumber the budget, budget of them get one step each, taken in
// turn from s.next on, so that none waits more than a few blocks. It
// returns the jobs that got steps.
func (s *seeder) share(work []seededWork, budget uint64) []seededWork {
	if budget == 0 || len(work) == 0 {
		return nil
	}
	if uint64(len(work)) > budget {
		start, _ := slices.BinarySearchFunc(work, s.next, func(w seededWork, id state.JobID) int { return cmp.Compare(w.id, id) })
		out := make([]seededWork, 0, budget)
		for k := range budget {
			w := work[(start+int(k))%len(work)]
			w.count = 1
			out = append(out, w)
		}
		s.next = work[(start+int(budget))%len(work)].id
		slices.SortFunc(out, byID)
		return out
	}
	bySize := slices.Clone(work)
	slices.SortStableFunc(bySize, func(a, b seededWork) int { return cmp.Compare(a.left, b.left) })
	counts := make(map[state.JobID]uint64, len(work))
	left := budget
	for i, w := range bySize {
		m := uint64(len(bySize) - i)
		counts[w.id] = min(w.left, (left+m-1)/m)
		left -= counts[w.id]
	}
	out := make([]seededWork, 0, len(work))
	for _, w := range work {
		if w.count = counts[w.id]; w.count > 0 {
			out = append(out, w)
		}
	}
	return out
}

func byID(a, b seededWork) int { return cmp.Compare(a.id, b.id) }

// seededTx is the SeededSteps transaction of w.
func seededTx(w seededWork) *chain.Tx {
	return &chain.Tx{Type: chain.TxSeededSteps, Job: w.id, First: w.first, Count: w.count}
}
