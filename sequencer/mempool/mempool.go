// Package mempool holds the signed transactions a sequencer has accepted
// but not yet put into a block.
//
// Where it sits: JSON-RPC hands every client transaction to Add, which
// checks it against the chain (decoding, chain id, signature, nonce, the
// job and its owner, the sample indices, sizes) and answers with a clear
// error or accepts it; the block producer takes Pending transactions in
// order and, after each block, calls Reset with the new state.
//
// Invariants:
//   - Per sender, transactions are kept by nonce; Pending returns only
//     runs that start at the sender's next nonce and have no gap.
//   - A transaction is in the pool once (by hash and by sender nonce).
//   - Limits hold after every call: MaxPerSender per sender, MaxTotal
//     overall; when full, a transaction that could run now displaces the
//     oldest one that cannot (a nonce gap), never the other way round.
//   - Safe for concurrent use.
package mempool

import (
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/fault"
	"github.com/trainrollup/trainrollup/state"
)

// Rejections: each Add error wraps one of these (or chain.ErrDecode,
// chain.ErrSignature, chain.ErrChainID).
var (
	ErrL1Message     = fault.Rejected("L1 messages come from the bridge, not from clients")
	ErrSeededSteps   = fault.Rejected("seeded steps are scheduled by the sequencer, not sent by clients")
	ErrSeededJob     = fault.Rejected("the job is seeded: nobody sends its steps")
	ErrKnown         = fault.Rejected("transaction already known")
	ErrNonceTooLow   = fault.Rejected("nonce too low")
	ErrNonceTooHigh  = fault.Rejected("nonce too far ahead")
	ErrReplaced      = fault.Rejected("another transaction has this nonce")
	ErrSenderFull    = fault.Rejected("too many pending transactions from this sender")
	ErrPoolFull      = fault.Rejected("transaction pool full")
	ErrJobID         = fault.Rejected("job id reserved for L1 requests")
	ErrJobExists     = fault.Rejected("job already exists")
	ErrInvalidParams = fault.Rejected("invalid job parameters")
	ErrJobNotFound   = fault.Rejected("no such job")
	ErrNotOwner      = fault.Rejected("only the job's owner may send its steps")
	ErrJobDone       = fault.Rejected("job has no steps left")
	ErrIndices       = fault.Rejected("invalid sample indices")
	ErrClosed        = fault.Node("pool closed: this node stopped leading")
	// ErrEvicted and ErrExpired are the reasons OnDrop gives for a
	// transaction the pool let go of before it could run.
	ErrEvicted = fault.Rejected("evicted: the pool was full and it waited behind a nonce gap")
	ErrExpired = fault.Rejected("expired: it waited behind a nonce gap longer than the pool keeps such transactions")
)

// State is what the pool checks transactions against: the chain after
// the last block (sequenced, not yet proven).
type State interface {
	// Nonce is sender's next nonce.
	Nonce(sender common.Address) uint64
	// Job returns job id, or an error wrapping state.ErrNotFound.
	Job(id state.JobID) (*state.Job, error)
	// CheckParams reports whether a job with p could be created (model,
	// hyperparameters, a known dataset, initial weights).
	CheckParams(p state.Params) error
}

// entry is an accepted transaction.
type entry struct {
	tx     *chain.Tx
	raw    []byte // its encoding
	hash   common.Hash
	sender common.Address
	added  time.Time
	seq    uint64 // arrival order
}

// Pool is the mempool.
type Pool struct {
	cfg      Config
	mu       sync.Mutex
	st       State
	seq      uint64
	bySender map[common.Address]map[uint64]*entry // nonce -> entry
	byHash   map[common.Hash]*entry
	// pending creations and step counts, so that a client may stream the
	// steps of a job whose creation is not in a block yet.
	creates map[state.JobID]*entry
	steps   map[state.JobID]uint64
	now     func() time.Time
	closed  bool
	onDrop  func(common.Hash, error)
}

// OnDrop sets a function told of every transaction the pool evicts or
// expires (not of those a block included). It is called with the pool
// locked: it must not call the pool.
func (p *Pool) OnDrop(f func(h common.Hash, why error)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.onDrop = f
}

func (p *Pool) told(e *entry, why error) {
	if p.onDrop != nil {
		p.onDrop(e.hash, why)
	}
}

// New returns an empty pool checking against st. A limit of cfg that is
// zero or negative takes DefaultConfig's value; the result must pass Check
// (sequencer.Config.Check checks a node's before any pool is made).
func New(cfg Config, st State) (*Pool, error) {
	cfg.defaults()
	if err := cfg.Check(); err != nil {
		return nil, fmt.Errorf("mempool config: %w", err)
	}
	return &Pool{cfg: cfg, st: st, bySender: map[common.Address]map[uint64]*entry{}, byHash: map[common.Hash]*entry{},
		creates: map[state.JobID]*entry{}, steps: map[state.JobID]uint64{}, now: time.Now}, nil
}

// Len is the number of transactions held.
func (p *Pool) Len() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.byHash)
}

// AddRaw decodes and adds an encoded transaction.
func (p *Pool) AddRaw(b []byte) (common.Hash, error) {
	var tx chain.Tx
	if err := tx.UnmarshalBinary(b); err != nil {
		return common.Hash{}, err
	}
	// A decoded transaction re-encodes to exactly b (canonical encoding).
	return p.add(&tx, b, crypto.Keccak256Hash(b))
}

// Add checks tx and keeps it, returning its hash.
func (p *Pool) Add(tx *chain.Tx) (common.Hash, error) {
	raw, err := tx.MarshalBinary()
	if err != nil {
		return common.Hash{}, fmt.Errorf("%w: %v", chain.ErrDecode, err)
	}
	return p.add(tx, raw, crypto.Keccak256Hash(raw))
}

func (p *Pool) add(tx *chain.Tx, raw []byte, hash common.Hash) (common.Hash, error) {
	switch tx.Type {
	case chain.TxL1Message:
		return common.Hash{}, ErrL1Message
	case chain.TxSeededSteps:
		return common.Hash{}, ErrSeededSteps
	}
	sender, err := tx.Sender(p.cfg.ChainID)
	if err != nil {
		return hash, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return hash, ErrClosed
	}
	if _, ok := p.byHash[hash]; ok {
		return hash, ErrKnown
	}
	next := p.st.Nonce(sender)
	switch {
	case tx.Nonce < next:
		return hash, fmt.Errorf("%w: %d, the next of %s is %d", ErrNonceTooLow, tx.Nonce, sender, next)
	case tx.Nonce > next+p.cfg.MaxNonceGap:
		return hash, fmt.Errorf("%w: %d, the next of %s is %d (at most %d ahead)", ErrNonceTooHigh, tx.Nonce, sender, next, p.cfg.MaxNonceGap)
	}
	txs := p.bySender[sender]
	if _, ok := txs[tx.Nonce]; ok {
		return hash, fmt.Errorf("%w: nonce %d of %s", ErrReplaced, tx.Nonce, sender)
	}
	if len(txs) >= p.cfg.MaxPerSender {
		return hash, fmt.Errorf("%w: %s holds %d", ErrSenderFull, sender, len(txs))
	}
	if err := p.check(tx, sender); err != nil {
		return hash, err
	}
	if len(p.byHash) >= p.cfg.MaxTotal && !p.evictFor(sender, tx.Nonce, next) {
		return hash, fmt.Errorf("%w: %d transactions", ErrPoolFull, len(p.byHash))
	}
	p.seq++
	e := &entry{tx: tx, raw: raw, hash: hash, sender: sender, added: p.now(), seq: p.seq}
	if txs == nil {
		txs = map[uint64]*entry{}
		p.bySender[sender] = txs
	}
	txs[tx.Nonce] = e
	p.byHash[hash] = e
	p.track(e, +1)
	return hash, nil
}

// check applies the job rules of spec/transactions.md#validity to tx,
// counting what the pool already holds.
func (p *Pool) check(tx *chain.Tx, sender common.Address) error {
	switch tx.Type {
	case chain.TxCreateJob:
		if tx.Job > chain.MaxL2JobID {
			return fmt.Errorf("%w: %d (rollup jobs take ids up to %d)", ErrJobID, tx.Job, chain.MaxL2JobID)
		}
		if _, ok := p.creates[tx.Job]; ok {
			return fmt.Errorf("%w: %d (pending creation)", ErrJobExists, tx.Job)
		}
		if _, err := p.st.Job(tx.Job); err == nil {
			return fmt.Errorf("%w: %d", ErrJobExists, tx.Job)
		} else if !errors.Is(err, state.ErrNotFound) {
			return err
		}
		sp, err := tx.Params.State()
		if err != nil {
			return fmt.Errorf("%w: %v", ErrInvalidParams, err)
		}
		if err := p.st.CheckParams(sp); err != nil {
			return fmt.Errorf("%w: %v", ErrInvalidParams, err)
		}
		return nil
	case chain.TxTrainStep:
		var owner common.Address
		var params state.Params
		var done uint64
		if j, err := p.st.Job(tx.Job); err == nil {
			if j.Status != state.StatusTraining {
				return fmt.Errorf("%w: job %d is %s", ErrJobDone, tx.Job, j.Status)
			}
			owner, params, done = j.Owner, j.Params, j.StepsDone
		} else if !errors.Is(err, state.ErrNotFound) {
			return err
		} else if c, ok := p.creates[tx.Job]; ok {
			owner = c.sender
			params, _ = c.tx.Params.State() // checked when it was added
		} else {
			return fmt.Errorf("%w: %d", ErrJobNotFound, tx.Job)
		}
		if params.Order == state.OrderSeeded {
			return fmt.Errorf("%w: job %d is seeded: the sequencer schedules its steps (spec/dataset.md#order)", ErrSeededJob, tx.Job)
		}
		if sender != owner {
			return fmt.Errorf("%w: job %d is %s's, not %s's", ErrNotOwner, tx.Job, owner, sender)
		}
		if left := params.Steps - done; p.steps[tx.Job] >= left {
			return fmt.Errorf("%w: job %d has %d steps left, %d pending", ErrJobDone, tx.Job, left, p.steps[tx.Job])
		}
		if len(tx.Indices) != int(params.Batch) {
			return fmt.Errorf("%w: %d indices, the job's batch is %d", ErrIndices, len(tx.Indices), params.Batch)
		}
		for i, x := range tx.Indices {
			if x >= params.DatasetSize {
				return fmt.Errorf("%w: index %d is %d, the dataset has %d samples", ErrIndices, i, x, params.DatasetSize)
			}
		}
		return nil
	case chain.TxRegisterDataset:
		// Well formed here; whether its chunks reproduce the root the
		// node checks before admitting it, and execution decides.
		var m dataset.Manifest
		return m.UnmarshalBinary(tx.Manifest)
	}
	return fmt.Errorf("%w: type %d", chain.ErrDecode, tx.Type)
}

func (p *Pool) track(e *entry, d int) {
	switch e.tx.Type {
	case chain.TxCreateJob:
		if d > 0 {
			p.creates[e.tx.Job] = e
		} else if p.creates[e.tx.Job] == e {
			delete(p.creates, e.tx.Job)
		}
	case chain.TxTrainStep:
		if d > 0 {
			p.steps[e.tx.Job]++
		} else if p.steps[e.tx.Job]--; p.steps[e.tx.Job] == 0 {
			delete(p.steps, e.tx.Job)
		}
	}
}

func (p *Pool) drop(e *entry) {
	txs := p.bySender[e.sender]
	delete(txs, e.tx.Nonce)
	if len(txs) == 0 {
		delete(p.bySender, e.sender)
	}
	delete(p.byHash, e.hash)
	p.track(e, -1)
}

// executable reports whether e's sender has every nonce from next to e's.
func (p *Pool) executable(e *entry) bool {
	next := p.st.Nonce(e.sender)
	txs := p.bySender[e.sender]
	for n := next; n < e.tx.Nonce; n++ {
		if _, ok := txs[n]; !ok {
			return false
		}
	}
	return e.tx.Nonce >= next
}

// evictFor makes room for a transaction of sender at nonce when it could
// run now (nonce == next): it drops the oldest transaction that cannot.
func (p *Pool) evictFor(sender common.Address, nonce, next uint64) bool {
	if nonce != next {
		return false
	}
	var victim *entry
	for _, e := range p.byHash {
		if !p.executable(e) && (victim == nil || e.seq < victim.seq) {
			victim = e
		}
	}
	if victim == nil {
		return false
	}
	p.drop(victim)
	p.told(victim, ErrEvicted)
	return true
}

// Pending is a transaction that can run now, with what the pool learned
// admitting it.
type Pending struct {
	Tx     *chain.Tx
	Raw    []byte // the encoding
	Hash   common.Hash
	Sender common.Address
}

// Pending returns up to max transactions that can run now, in order: per
// sender by nonce from its next nonce without gaps, senders interleaved by
// the arrival of their transactions.
func (p *Pool) Pending(max int) []Pending {
	p.mu.Lock()
	defer p.mu.Unlock()
	type run struct{ es []*entry }
	var runs []*run
	for sender, txs := range p.bySender {
		var r run
		for n := p.st.Nonce(sender); ; n++ {
			e, ok := txs[n]
			if !ok {
				break
			}
			r.es = append(r.es, e)
		}
		if len(r.es) > 0 {
			runs = append(runs, &r)
		}
	}
	// Merge the runs by arrival: always take the earliest-arrived head.
	var out []Pending
	for len(out) < max {
		best := -1
		for i, r := range runs {
			if len(r.es) > 0 && (best < 0 || r.es[0].seq < runs[best].es[0].seq) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		e := runs[best].es[0]
		out = append(out, Pending{Tx: e.tx, Raw: e.raw, Hash: e.hash, Sender: e.sender})
		runs[best].es = runs[best].es[1:]
	}
	return out
}

// Close makes every later Add fail with ErrClosed.
func (p *Pool) Close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed = true
}

// Remove drops transaction h (one the block producer refused), reporting
// whether the pool held it.
func (p *Pool) Remove(h common.Hash) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	e, ok := p.byHash[h]
	if ok {
		p.drop(e)
	}
	return ok
}

// Hashes returns the hashes of every transaction held.
func (p *Pool) Hashes() []common.Hash {
	p.mu.Lock()
	defer p.mu.Unlock()
	hs := make([]common.Hash, 0, len(p.byHash))
	for h := range p.byHash {
		hs = append(hs, h)
	}
	return hs
}

// Reset drops what the state has moved past (nonces below each sender's
// next: included, or replaced by a block) and transactions that waited
// behind a gap longer than FutureTTL. Call it after every block.
func (p *Pool) Reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	var stale, expired []*entry
	for sender, txs := range p.bySender {
		next := p.st.Nonce(sender)
		for n, e := range txs {
			switch {
			case n < next:
				stale = append(stale, e)
			case !p.executable(e) && now.Sub(e.added) > p.cfg.FutureTTL:
				expired = append(expired, e)
			}
		}
	}
	sort.Slice(stale, func(i, j int) bool { return stale[i].seq < stale[j].seq })
	for _, e := range stale {
		p.drop(e)
	}
	for _, e := range expired {
		p.drop(e)
		p.told(e, ErrExpired)
	}
}
