package sequencer

import (
	"sync"

	"github.com/ethereum/go-ethereum/common"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/rollup"
	"github.com/trainrollup/trainrollup/state"
)

// overlay is the leader's view of the sequencing state: the committed chain
// plus the blocks it proposed that raft has not applied yet. It holds the
// latest value of every nonce and job those blocks changed; since proposals
// commit in order or not at all, the latest proposed value is never older
// than the committed one. The producer drops it when it stops leading.
type overlay struct {
	mu sync.Mutex
	// p holds the latest proposed values on top of the committed chain;
	// used under mu.
	p     *rollup.Pending
	check func(state.Params) error
}

func newOverlay(base committedView, check func(state.Params) error) *overlay {
	return &overlay{p: rollup.NewPending(base), check: check}
}

// reset forgets every proposed change.
func (o *overlay) reset() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.p.Reset()
}

// sequence applies the rules to the overlay (without consuming on failure).
func (o *overlay) sequence(tx *chain.Tx, sender common.Address) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	return rollup.Sequence(o.p, tx, sender, false)
}

// seqJob returns job id as sequencing sees it, with the blocks in flight.
func (o *overlay) seqJob(id state.JobID) (*rollup.SeqJob, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.p.Job(id)
}

// Nonce implements mempool.State.
func (o *overlay) Nonce(a common.Address) uint64 {
	o.mu.Lock()
	defer o.mu.Unlock()
	n, _ := o.p.Nonce(a) // a read error reads as 0: the transaction is checked again when sequenced
	return n
}

// Job implements mempool.State with the fields sequencing knows: owner,
// batch, dataset size, steps, steps sequenced and the status they imply.
func (o *overlay) Job(id state.JobID) (*state.Job, error) {
	o.mu.Lock()
	j, err := o.p.Job(id)
	o.mu.Unlock()
	if err != nil {
		return nil, err
	}
	return j.State(), nil
}

// CheckParams implements mempool.State.
func (o *overlay) CheckParams(p state.Params) error { return o.check(p) }
