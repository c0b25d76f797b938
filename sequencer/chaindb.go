package sequencer

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"

	"github.com/cockroachdb/pebble/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/rlp"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/internal/pebblelog"
	"github.com/trainrollup/trainrollup/rollup"
	"github.com/trainrollup/trainrollup/state"
)

// Key layout of the chain database, which the FSM alone writes (the layout
// is the node's own, not part of the protocol):
//
//	a               last raft index applied (u64)
//	c               index of the last committed raft configuration (u64)
//	h               sequenced head: the last block's number (u64)
//	b<num u64>      sequenced block (rollup.Block RLP)
//	t<hash>         where a transaction is: block u64 || index u32
//	n<address>      the sender's next nonce (u64)
//	j<id u64>       the job as sequencing sees it (rollup.SeqJob record)
//	e<num u64>      the transactions of block num that broke a sequencing
//	                rule (refusal RLP list; absent when none did)
//	m<server id>    a member's JSON-RPC address
//	r               present while a snapshot restore is under way
const (
	keyApplied   = 'a'
	keyHead      = 'h'
	keyConfig    = 'c'
	prefixBlock  = 'b'
	prefixTx     = 't'
	prefixNonce  = 'n'
	prefixJob    = 'j'
	prefixMember = 'm'
	prefixRefuse = 'e'
	keyRestoring = 'r'
)

// chainDB is a node's sequenced chain on pebble. Writes come from the FSM
// only, without fsync: the raft log (synced) is the durable record, and the
// FSM replays it from the last snapshot after a crash, skipping what it had
// already applied. Snapshot syncs first, so the chain is durable up to every
// snapshot raft keeps.
type chainDB struct {
	db   *pebble.DB
	log  *slog.Logger
	head atomic.Uint64 // sequenced head, mirrored for lock-free reads
	// l1 is the L1 messages the chain consumed up to head (the head
	// block's L1Messages), mirrored the same way.
	l1 atomic.Uint64

	mu      sync.Mutex
	members map[string]string // server id -> JSON-RPC address

	// restoreMu is held for writing while a snapshot replaces the chain,
	// and for reading by whoever needs several keys of one chain.
	restoreMu sync.RWMutex

	// The committed sequencing state, in memory (every Get through pebble
	// slowed down as level 0 grew): loaded at open, merged after each
	// applied batch.
	seqMu  sync.RWMutex
	nonces map[common.Address]uint64
	jobs   map[state.JobID]*rollup.SeqJob
}

func openChainDB(dir string, log *slog.Logger) (*chainDB, error) {
	// A large memtable: the chain is written at thousands of keys a second
	// (a block, a transaction index entry per transaction), and every flush
	// and compaction competes for the disk with the raft log's fsyncs.
	db, err := pebble.Open(dir, pebblelog.Incompressible(&pebble.Options{Logger: pebblelog.New(log), MemTableSize: 64 << 20}))
	if err != nil {
		return nil, fmt.Errorf("open chain database %s: %w", dir, err)
	}
	c := &chainDB{db: db, log: log, members: map[string]string{}}
	if err := c.load(); err != nil {
		db.Close()
		return nil, err
	}
	return c, nil
}

// load reads the head, the members, the nonces and the jobs into memory.
func (c *chainDB) load() error {
	head, err := getUint64(c.db, []byte{keyHead})
	if err != nil {
		return err
	}
	c.head.Store(head)
	c.l1.Store(0)
	if head > 0 {
		b, err := c.block(head)
		if err != nil {
			return err
		}
		c.l1.Store(b.L1Messages)
	}
	members := map[string]string{}
	nonces := map[common.Address]uint64{}
	jobs := map[state.JobID]*rollup.SeqJob{}
	err = c.scan(prefixMember, func(k, v []byte) error {
		members[string(k)] = string(v)
		return nil
	})
	if err == nil {
		err = c.scan(prefixNonce, func(k, v []byte) error {
			if len(k) != common.AddressLength || len(v) != 8 {
				return fmt.Errorf("%w: nonce record %x", ErrCorrupt, k)
			}
			nonces[common.Address(k)] = binary.BigEndian.Uint64(v)
			return nil
		})
	}
	if err == nil {
		err = c.scan(prefixJob, func(k, v []byte) error {
			j := new(rollup.SeqJob)
			if err := j.Unmarshal(v); err != nil {
				return fmt.Errorf("%w: %v", ErrCorrupt, err)
			}
			jobs[j.ID] = j
			return nil
		})
	}
	if err != nil {
		return err
	}
	c.mu.Lock()
	c.members = members
	c.mu.Unlock()
	c.seqMu.Lock()
	c.nonces, c.jobs = nonces, jobs
	c.seqMu.Unlock()
	return nil
}

// scan calls f with every key (without its prefix byte) and value under
// prefix.
func (c *chainDB) scan(prefix byte, f func(k, v []byte) error) error {
	it, err := c.db.NewIter(&pebble.IterOptions{LowerBound: []byte{prefix}, UpperBound: []byte{prefix + 1}})
	if err != nil {
		return err
	}
	defer it.Close()
	for it.First(); it.Valid(); it.Next() {
		if err := f(it.Key()[1:], it.Value()); err != nil {
			return err
		}
	}
	return it.Error()
}

func (c *chainDB) close() error { return c.db.Close() }

// getUint64 reads a big-endian u64; a missing key reads as 0.
func getUint64(r pebble.Reader, key []byte) (uint64, error) {
	v, closer, err := r.Get(key)
	if errors.Is(err, pebble.ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	defer closer.Close()
	if len(v) != 8 {
		return 0, fmt.Errorf("%w: key %q holds %d bytes, not a u64", ErrCorrupt, key, len(v))
	}
	return binary.BigEndian.Uint64(v), nil
}

func u64(v uint64) []byte { return binary.BigEndian.AppendUint64(nil, v) }

func blockKey(n uint64) []byte { return binary.BigEndian.AppendUint64([]byte{prefixBlock}, n) }

func refuseKey(n uint64) []byte { return binary.BigEndian.AppendUint64([]byte{prefixRefuse}, n) }

// refusal records a sequenced transaction that broke a sequencing rule:
// execution rejects it without applying it.
type refusal struct {
	Index  uint32
	Reason string
}

// refusals returns block n's refused transactions by index.
func (c *chainDB) refusals(n uint64) (map[uint32]string, error) {
	v, closer, err := c.db.Get(refuseKey(n))
	if errors.Is(err, pebble.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer closer.Close()
	var rs []refusal
	if err := rlp.DecodeBytes(v, &rs); err != nil {
		return nil, fmt.Errorf("%w: refusals of block %d: %v", ErrCorrupt, n, err)
	}
	m := make(map[uint32]string, len(rs))
	for _, r := range rs {
		m[r.Index] = r.Reason
	}
	return m, nil
}

func txKey(h common.Hash) []byte { return append([]byte{prefixTx}, h[:]...) }

func nonceKey(a common.Address) []byte { return append([]byte{prefixNonce}, a[:]...) }

func jobKey(id state.JobID) []byte {
	return binary.BigEndian.AppendUint64([]byte{prefixJob}, uint64(id))
}

// applied is the last raft index the FSM applied.
func (c *chainDB) applied() (uint64, error) { return getUint64(c.db, []byte{keyApplied}) }

// configIndex is the raft index of the last committed configuration.
func (c *chainDB) configIndex() (uint64, error) { return getUint64(c.db, []byte{keyConfig}) }

// l1Consumed returns the L1 messages the chain consumed up to its head.
func (c *chainDB) l1Consumed() uint64 { return c.l1.Load() }

// Head is the number of the last sequenced block (0: only genesis).
func (c *chainDB) Head() uint64 { return c.head.Load() }

// block returns sequenced block n (n >= 1).
func (c *chainDB) block(n uint64) (*rollup.Block, error) {
	v, closer, err := c.db.Get(blockKey(n))
	if errors.Is(err, pebble.ErrNotFound) {
		return nil, fmt.Errorf("%w: block %d (head %d)", ErrNotFound, n, c.Head())
	}
	if err != nil {
		return nil, err
	}
	defer closer.Close()
	b := new(rollup.Block)
	if err := rlp.DecodeBytes(v, b); err != nil {
		return nil, fmt.Errorf("%w: block %d: %v", ErrCorrupt, n, err)
	}
	return b, nil
}

// txLocation returns the block and index of a sequenced transaction.
func (c *chainDB) txLocation(h common.Hash) (uint64, uint32, error) {
	v, closer, err := c.db.Get(txKey(h))
	if errors.Is(err, pebble.ErrNotFound) {
		return 0, 0, fmt.Errorf("%w: transaction %s", ErrNotFound, h)
	}
	if err != nil {
		return 0, 0, err
	}
	defer closer.Close()
	if len(v) != 12 {
		return 0, 0, fmt.Errorf("%w: location of %s", ErrCorrupt, h)
	}
	return binary.BigEndian.Uint64(v), binary.BigEndian.Uint32(v[8:]), nil
}

// member returns the JSON-RPC address a server announced.
func (c *chainDB) member(id string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	a, ok := c.members[id]
	return a, ok
}

// committedView reads the committed sequencing state from memory; it is
// read-only.
type committedView struct{ c *chainDB }

var _ rollup.View = committedView{}

func (v committedView) Nonce(a common.Address) (uint64, error) {
	v.c.seqMu.RLock()
	defer v.c.seqMu.RUnlock()
	return v.c.nonces[a], nil
}

func (v committedView) Job(id state.JobID) (*rollup.SeqJob, error) {
	v.c.seqMu.RLock()
	defer v.c.seqMu.RUnlock()
	j, ok := v.c.jobs[id]
	if !ok {
		return nil, fmt.Errorf("%w: %d", state.ErrNotFound, id)
	}
	c := *j
	return &c, nil
}

// seededJobs returns the committed seeded jobs with steps left to
// sequence.
func (c *chainDB) seededJobs() []state.JobID {
	c.seqMu.RLock()
	defer c.seqMu.RUnlock()
	var ids []state.JobID
	for id, j := range c.jobs {
		if j.Order == state.OrderSeeded && j.StepsDone < j.Steps {
			ids = append(ids, id)
		}
	}
	return ids
}

func (committedView) SetNonce(common.Address, uint64) error { return errors.New("read-only view") }
func (committedView) SetJob(*rollup.SeqJob) error           { return errors.New("read-only view") }

// applyView is the FSM's view while it applies a batch of entries: reads
// see the batch's own changes, then the committed state; writes go to the
// pebble batch as well, and the changes merge into memory once the batch
// is committed.
type applyView struct {
	*rollup.Pending
	w *pebble.Batch
}

func newApplyView(c *chainDB, w *pebble.Batch) *applyView {
	return &applyView{Pending: rollup.NewPending(committedView{c}), w: w}
}

func (v *applyView) SetNonce(a common.Address, n uint64) error {
	if err := v.Pending.SetNonce(a, n); err != nil {
		return err
	}
	return v.w.Set(nonceKey(a), u64(n), nil)
}

func (v *applyView) SetJob(j *rollup.SeqJob) error {
	if err := v.Pending.SetJob(j); err != nil {
		return err
	}
	return v.w.Set(jobKey(j.ID), j.Marshal(), nil)
}

// merge makes a committed batch's sequencing changes visible.
func (c *chainDB) merge(v *applyView) {
	c.seqMu.Lock()
	defer c.seqMu.Unlock()
	v.Changes(func(a common.Address, n uint64) { c.nonces[a] = n }, func(j *rollup.SeqJob) { c.jobs[j.ID] = j })
}

// applyBlock appends block b to the chain in batch w (an indexed batch on
// the database), advancing the sequencing state; the chain had consumed
// l1 L1 messages before it. It returns the hashes of b's transactions. A
// block that does not extend the head, or whose L1 messages are not the
// queue's next ones first (rollup.CheckL1Messages), is refused with
// ErrBadEntry and changes nothing: deterministic on every member.
func (c *chainDB) applyBlock(v *applyView, head, l1 uint64, b *rollup.Block) ([]common.Hash, error) {
	w := v.w
	if b.Number != head+1 {
		return nil, fmt.Errorf("%w: block %d does not follow head %d", ErrBadEntry, b.Number, head)
	}
	if len(b.Txs) != len(b.Senders) || len(b.Txs) > chain.MaxBlockTxs {
		return nil, fmt.Errorf("%w: block %d has %d transactions and %d senders", ErrBadEntry, b.Number, len(b.Txs), len(b.Senders))
	}
	decoded := make([]chain.Tx, len(b.Txs))
	txs := make([]*chain.Tx, len(b.Txs))
	for i, raw := range b.Txs {
		txs[i] = &decoded[i]
		if err := txs[i].UnmarshalBinary(raw); err != nil {
			return nil, fmt.Errorf("%w: block %d tx %d: %v", ErrBadEntry, b.Number, i, err)
		}
	}
	if err := rollup.CheckL1Messages(l1, b.L1Messages, decoded); err != nil {
		return nil, fmt.Errorf("%w: block %d: %v", ErrBadEntry, b.Number, err)
	}
	enc, err := rlp.EncodeToBytes(b)
	if err != nil {
		return nil, err
	}
	hashes := make([]common.Hash, len(txs))
	var refused []refusal
	for i, tx := range txs {
		if err := rollup.Sequence(v, tx, b.Senders[i], true); err != nil {
			c.log.Warn("sequenced transaction breaks a rule", "block", b.Number, "index", i, "err", err)
			refused = append(refused, refusal{Index: uint32(i), Reason: err.Error()})
		}
		hashes[i] = crypto.Keccak256Hash(b.Txs[i])
		loc := binary.BigEndian.AppendUint32(u64(b.Number), uint32(i))
		if err := w.Set(txKey(hashes[i]), loc, nil); err != nil {
			return nil, err
		}
	}
	if err := w.Set(blockKey(b.Number), enc, nil); err != nil {
		return nil, err
	}
	if len(refused) > 0 {
		r, err := rlp.EncodeToBytes(refused)
		if err != nil {
			return nil, err
		}
		if err := w.Set(refuseKey(b.Number), r, nil); err != nil {
			return nil, err
		}
	}
	return hashes, w.Set([]byte{keyHead}, u64(b.Number), nil)
}

// restoreFrom replaces the whole database by a snapshot's key-value stream
// (see fsmSnapshot.Persist). A marker key brackets the work, so a node that
// crashes during it knows its chain is partial (a crash before the marker
// leaves an empty chain, which the start-up check against raft's latest
// snapshot catches as well).
func (c *chainDB) restoreFrom(r io.Reader) error {
	c.restoreMu.Lock()
	defer c.restoreMu.Unlock()
	if err := c.db.DeleteRange([]byte{0}, []byte{0xff, 0xff}, pebble.Sync); err != nil {
		return err
	}
	if err := c.db.Set([]byte{keyRestoring}, nil, pebble.Sync); err != nil {
		return err
	}
	b := c.db.NewBatch()
	defer func() { b.Close() }()
	var hdr [8]byte
	for {
		if _, err := io.ReadFull(r, hdr[:]); err == io.EOF {
			break
		} else if err != nil {
			return fmt.Errorf("%w: snapshot entry header: %v", ErrCorrupt, err)
		}
		kl, vl := binary.BigEndian.Uint32(hdr[:4]), binary.BigEndian.Uint32(hdr[4:])
		if kl == 0 || kl > 1<<10 || vl > 1<<30 {
			return fmt.Errorf("%w: snapshot entry of %d+%d bytes", ErrCorrupt, kl, vl)
		}
		kv := make([]byte, kl+vl)
		if _, err := io.ReadFull(r, kv); err != nil {
			return fmt.Errorf("%w: snapshot entry: %v", ErrCorrupt, err)
		}
		if kv[0] == keyRestoring {
			continue
		}
		if err := b.Set(kv[:kl], kv[kl:], nil); err != nil {
			return err
		}
		if b.Len() > 16<<20 {
			if err := b.Commit(pebble.NoSync); err != nil {
				return err
			}
			b.Close()
			b = c.db.NewBatch()
		}
	}
	if err := b.Delete([]byte{keyRestoring}, nil); err != nil {
		return err
	}
	if err := b.Commit(pebble.Sync); err != nil {
		return err
	}
	return c.load()
}

// restoring reports whether a restore was interrupted.
func (c *chainDB) restoring() (bool, error) {
	_, closer, err := c.db.Get([]byte{keyRestoring})
	if errors.Is(err, pebble.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	closer.Close()
	return true, nil
}
