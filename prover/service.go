package prover

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/core/types"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/circuits"
	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/da"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/datastore"
	"github.com/trainrollup/trainrollup/derive"
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/internal/atomicfile"
	"github.com/trainrollup/trainrollup/l1"
	"github.com/trainrollup/trainrollup/lifecycle"
	"github.com/trainrollup/trainrollup/rollup"
	"github.com/trainrollup/trainrollup/state"
)

// Bridge is what the prover service reads and sends on L1; *l1.Bridge is
// one.
type Bridge interface {
	Batches(ctx context.Context, from uint64) ([]l1.BatchHeader, error)
	LastProven(ctx context.Context) (uint64, error)
	ProveBatches(ctx context.Context, prev, last l1.BatchHeader, proof []byte) (*types.Receipt, error)
	FinalizeJob(ctx context.Context, h l1.BatchHeader, leaf l1.JobLeaf, siblings []*big.Int, prior l1.Prior) (*types.Receipt, error)
	ModelCommitment(ctx context.Context, id state.JobID) (*big.Int, error)
}

// Service proves the chain that L1 committed and settles it there, the way
// OP's proposer follows its chain: it derives every committed batch from
// L1 and DA on its own replayer (trusting no sequencer), proves each
// creation and step the batch applied as it arrives (creation and step
// proofs, spec/proofs.md#step), and, for the batches after the last one
// proven on L1, aggregates as many whole batches as the aggregation has
// slots, wraps the aggregate and sends it with proveBatches. Then it
// finalizes every job the proof completed (finalizeJob with the job's path
// at both ends of the proof, which the transitions' witnesses give).
//
// Restart safety: proving tasks live in the pipeline's store under ids
// derived from batch numbers, so a restart re-derives the chain and finds
// its proofs done; a proof sent to L1 is recorded (synced) with the jobs to
// finalize before it is sent, and finished in a later round (after a
// restart too) once L1 took it.
type Service struct {
	cfg    ServiceConfig
	bridge Bridge
	layer  da.Layer
	pipe   *Pipeline
	log    *slog.Logger

	replayer *rollup.Replayer
	digests  chain.Digests // the digests after the derived units
	batches  map[uint64]*provBatch
	headers  map[uint64]l1.BatchHeader
	derived  uint64 // the last batch derived
	proven   uint64 // the last block covered by a finished wrap

	// The lifecycle (Start, Stop): run's context, the end of the run and
	// why it ended.
	mu      sync.Mutex
	cancel  context.CancelFunc
	done    chan struct{}
	err     error
	stopped bool
	stopErr error
}

var (
	_ lifecycle.Service = (*Service)(nil)
	_ lifecycle.Ender   = (*Service)(nil)
)

// provBatch is a derived batch: its header and the witnesses of its
// transitions in order (nil once the batch is proven on L1).
type provBatch struct {
	header  l1.BatchHeader
	units   []*executor.StepWitness
	derived time.Time
}

// NewService returns a service over pipe (whose Slots must be the L1
// verifier's), reading bridge and layer. The zero fields of cfg that have
// a default take DefaultServiceConfig's values; the result must pass
// Check.
func NewService(cfg ServiceConfig, bridge Bridge, layer da.Layer, pipe *Pipeline) (*Service, error) {
	cfg = cfg.withDefaults()
	if err := cfg.Check(); err != nil {
		return nil, fmt.Errorf("prover service config: %w", err)
	}
	if pipe == nil {
		return nil, errors.New("prover service: a pipeline is required")
	}
	if err := os.MkdirAll(cfg.Dir, 0o755); err != nil {
		return nil, err
	}
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	// Registered datasets come from DA (the layer batches come from),
	// checked, into a cache beside the prover's tasks; local copies spare
	// the fetch.
	ds, err := datastore.Open(filepath.Join(cfg.Dir, "datasets"), layer, cfg.Namespace, log)
	if err != nil {
		return nil, err
	}
	for _, d := range cfg.Datasets {
		if _, err := ds.Add(d); err != nil {
			return nil, err
		}
	}
	r, err := rollup.NewReplayer("", cfg.ChainID, cfg.GenesisTime, ds)
	if err != nil {
		return nil, err
	}
	r.KeepWitnesses()
	return &Service{cfg: cfg, bridge: bridge, layer: layer, pipe: pipe, log: log.With("component", "prover"), replayer: r,
		batches: map[uint64]*provBatch{}, headers: map[uint64]l1.BatchHeader{0: cfg.Genesis}, done: make(chan struct{})}, nil
}

// Start loads the proof chain's keys for cfg.Shape in the background (on
// a first run they are set up and cached: minutes) and then proves
// until Stop. Sequencing never waits for it. The service owns its
// pipeline from here on: Stop closes it.
func (s *Service) Start(context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cancel != nil || s.stopped {
		return errors.New("prover service already started or stopped")
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	go func() {
		defer close(s.done)
		// Key setup cannot be interrupted: on Stop it is abandoned (its
		// files are written atomically), not waited for.
		start, ready := time.Now(), make(chan error, 1)
		go func() { ready <- s.pipe.Prepare(s.cfg.Shape) }()
		var err error
		select {
		case <-ctx.Done():
			s.replayer.Close()
			return
		case err = <-ready:
		}
		if err != nil {
			s.replayer.Close()
			s.err = fmt.Errorf("proving keys: %w", err)
			return
		}
		s.log.Info("proving keys ready", "seconds", time.Since(start).Round(time.Second))
		if err := s.run(ctx); ctx.Err() == nil {
			s.err = err
		}
	}()
	return nil
}

// Done is closed when the service stopped proving, after Stop or by
// itself (Err says why).
func (s *Service) Done() <-chan struct{} { return s.done }

// Err is why the service stopped proving by itself: an error no retry
// mends (nil while it runs and after Stop).
func (s *Service) Err() error {
	select {
	case <-s.done:
		return s.err
	default:
		return nil
	}
}

// Stop ends the rounds and waits, while ctx lasts, for the proofs in
// flight; then it closes the pipeline. When ctx ends first, the proofs in
// flight are abandoned to the process's end (their tasks stay pending and
// are proven after a restart) and the pipeline is left open for them.
// Idempotent; the service need not have started.
func (s *Service) Stop(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped {
		return s.stopErr
	}
	s.stopped = true
	if s.cancel == nil {
		s.stopErr = errors.Join(s.replayer.Close(), s.pipe.Close())
		return s.stopErr
	}
	s.cancel()
	select {
	case <-s.done:
		s.stopErr = s.pipe.Close()
	case <-ctx.Done():
		s.stopErr = fmt.Errorf("prover service: proofs in flight abandoned: %w", ctx.Err())
	}
	return s.stopErr
}

// run works until ctx ends: the pipeline's workers and the service's
// rounds. It returns ctx's error, or the first error that no retry can
// mend (a chain whose derivation fails, a transition of a shape the L1
// verifier does not prove, a batch with more transitions than slots).
func (s *Service) run(ctx context.Context) error {
	defer s.replayer.Close()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	pipeDone := make(chan error, 1)
	go func() { pipeDone <- s.pipe.Run(ctx) }()
	pipeRunning := true
	defer func() {
		cancel()
		if pipeRunning {
			<-pipeDone
		}
	}()
	t := time.NewTimer(0)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case err := <-pipeDone:
			pipeRunning = false
			if err == nil {
				err = errors.New("stopped (closed)")
			}
			return fmt.Errorf("prover pipeline: %w", err)
		case <-t.C:
		}
		err := s.round(ctx)
		var fatal *fatalError
		switch {
		case errors.As(err, &fatal):
			s.log.Error("prover stopped", "err", err)
			return err
		case err != nil && ctx.Err() == nil:
			s.log.Warn("prover round failed; retrying", "err", err)
		}
		t.Reset(s.cfg.Poll)
	}
}

// fatalError is an error that retrying cannot mend.
type fatalError struct{ err error }

func (e *fatalError) Error() string { return e.err.Error() }
func (e *fatalError) Unwrap() error { return e.err }

func fatal(format string, args ...any) error { return &fatalError{fmt.Errorf(format, args...)} }

// round derives new batches, queues their proofs, and settles the next
// range on L1 once its wrap is done.
func (s *Service) round(ctx context.Context) error {
	provenIdx, err := s.bridge.LastProven(ctx)
	if err != nil {
		return fmt.Errorf("read the last proven batch: %w", err)
	}
	var queueErr error
	_, err = derive.Run(ctx, derive.Config{Namespace: s.cfg.Namespace, FromBlock: s.cfg.FromBlock}, s.bridge, s.layer, s.replayer, nil,
		func(h l1.BatchHeader) {
			if queueErr == nil {
				queueErr = s.queue(h, h.Index > provenIdx)
			}
		})
	if queueErr != nil {
		// Later batches were applied without their callback: the witnesses
		// and the digest no longer line up with the batches.
		return &fatalError{fmt.Errorf("queue the proofs of a derived batch: %w", queueErr)}
	}
	var mm *derive.Mismatch
	if errors.As(err, &mm) {
		return fatal("the chain committed on L1 does not derive: %w", err)
	}
	if err != nil {
		return err
	}
	return s.settle(ctx, provenIdx)
}

// queue records derived batch h with the witnesses the replayer kept for
// it and, when it is not proven on L1 yet, queues their proofs.
func (s *Service) queue(h l1.BatchHeader, prove bool) error {
	units := s.replayer.TakeWitnesses()
	if prove && len(units) > s.pipe.cfg.Slots {
		return fatal("batch %d holds %d transitions, over the %d an L1 proof covers: it can never be proven (cap the batcher's MaxTransitions)",
			h.Index, len(units), s.pipe.cfg.Slots)
	}
	s.headers[h.Index], s.derived = h, h.Index
	if s.cfg.Metrics != nil {
		s.cfg.Metrics.derived.Set(float64(h.Index))
	}
	b := &provBatch{header: h, derived: time.Now()}
	for i, u := range units {
		p := u.JobAfter.Params
		shape := circuits.StepShape{Model: p.Model, Batch: int(p.Batch), DatasetDepth: dataset.Depth(int(p.DatasetSize)), Steps: 1}
		if u.Rejected { // a rejected L1 message: every shape proves it
			shape = s.cfg.Shape
		}
		if prove && shape.String() != s.cfg.Shape.String() {
			return fatal("batch %d: job %d has shape %s; the L1 verifier proves %s only", h.Index, u.Step.Job, shape, s.cfg.Shape)
		}
		if prove {
			if err := s.pipe.SubmitSteps(unitID(h.Index, i), s.cfg.Shape, s.digests, units[i:i+1]); err != nil {
				return fmt.Errorf("batch %d: queue proof %d: %w", h.Index, i, err)
			}
		}
		s.digests = circuits.DigestsAfter(s.digests, units[i:i+1])
	}
	if prove {
		b.units = units
		s.batches[h.Index] = b
		s.log.Info("batch derived, proofs queued", "batch", h.Index, "blocks", fmt.Sprintf("%d..%d", h.FirstBlock, h.LastBlock), "transitions", len(units))
	}
	return nil
}

func unitID(batch uint64, i int) string { return fmt.Sprintf("unit/%d/%d", batch, i) }

func rangeID(kind string, first, last uint64) string {
	return fmt.Sprintf("%s/%d-%d", kind, first, last)
}

// settle works on the range after the last batch proven on L1: it picks
// the range (a range queued before, else the longest run of derived
// batches whose transitions fit the slots, once it is full or waited
// MaxWait), queues its aggregate and wrap, and, once the wrap is done,
// sends it and finalizes the jobs it completed.
func (s *Service) settle(ctx context.Context, provenIdx uint64) error {
	for i := range s.batches {
		if i <= provenIdx {
			delete(s.batches, i)
		}
	}
	if err := s.pending(ctx, provenIdx); err != nil {
		return err
	}
	prev, ok := s.headers[provenIdx]
	if !ok {
		return fmt.Errorf("batch %d, proven on L1, is not among the %d derived", provenIdx, s.derived)
	}
	s.proven = max(s.proven, prev.LastBlock)
	s.heads(s.proven, prev.LastBlock) // L1's heads, also those proven before a restart
	last, n := provenIdx, 0
	for i := provenIdx + 1; i <= s.derived; i++ {
		if s.batches[i] == nil {
			return fmt.Errorf("batch %d, after the last proven %d, was not kept when derived", i, provenIdx)
		}
		if n+len(s.batches[i].units) > s.pipe.cfg.Slots {
			break
		}
		n += len(s.batches[i].units)
		last = i
	}
	if n == 0 {
		return nil // nothing to prove yet (an aggregate needs at least one proof)
	}
	queued := false
	for i := last; i > provenIdx && !queued; i-- { // a range queued earlier, or before a restart
		if _, err := s.pipe.State(rangeID("wrap", provenIdx+1, i)); err == nil {
			last, queued = i, true
		}
	}
	if !queued && n < s.pipe.cfg.Slots && last == s.derived && time.Since(s.batches[provenIdx+1].derived) < s.cfg.MaxWait {
		return nil // room for more: wait for the next batch
	}
	var units []*executor.StepWitness
	var ids []string
	for i := provenIdx + 1; i <= last; i++ {
		for j, u := range s.batches[i].units {
			units = append(units, u)
			ids = append(ids, unitID(i, j))
		}
	}
	if len(ids) == 0 {
		return nil
	}
	aggID, wrapID := rangeID("aggregate", provenIdx+1, last), rangeID("wrap", provenIdx+1, last)
	if err := s.pipe.SubmitAggregate(aggID, s.cfg.ChainID, provenIdx+1, last, ids); err != nil && !errors.Is(err, ErrTaskExists) {
		return err
	}
	if err := s.pipe.SubmitWrap(wrapID, aggID); err != nil && !errors.Is(err, ErrTaskExists) {
		return err
	}
	st, err := s.pipe.State(wrapID)
	if err != nil {
		return err
	}
	switch st {
	case Failed:
		// A failed proof of honest witnesses is a bug or a broken key
		// cache: retrying would fail again.
		return fatal("proof of batches %d..%d failed (see the pipeline's log)", provenIdx+1, last)
	case Done:
	default:
		return nil
	}
	hdr := s.headers[last]
	if hdr.LastBlock > s.proven {
		s.proven = hdr.LastBlock
		s.heads(s.proven, prev.LastBlock)
	}
	w, err := s.pipe.WrapResult(wrapID)
	if err != nil {
		return err
	}
	proof, err := w.Calldata()
	if err != nil {
		return err
	}
	p := &pendingProof{Prev: prev, Last: hdr, Finalize: finalizations(units)}
	if err := s.writePending(p); err != nil {
		return err
	}
	start := time.Now()
	if _, err := s.bridge.ProveBatches(ctx, prev, hdr, proof); err != nil {
		var re *l1.RevertError
		if errors.As(err, &re) && re.Name == "InvalidProof" {
			// Honest witnesses, a proof L1 rejects: another key pair.
			return fatal("the bridge's verifier rejects this prover's proof of batches %d..%d: the proving keys are not those of the deployed verifier (%w)",
				provenIdx+1, last, err)
		}
		return fmt.Errorf("proveBatches %d..%d: %w", provenIdx+1, last, err)
	}
	if s.cfg.Metrics != nil {
		s.cfg.Metrics.l1Proofs.Inc()
	}
	s.log.Info("batches proven on L1", "batches", fmt.Sprintf("%d..%d", provenIdx+1, last), "blocks", fmt.Sprintf("..%d", hdr.LastBlock),
		"transitions", len(units), "send", time.Since(start).Round(time.Millisecond))
	return s.finish(ctx, p)
}

// finalization is a job completed inside one L1 proof, with its leaf and
// path where the proof ends and where it starts (finalizeJob's arguments).
type finalization struct {
	Job       state.Job
	Siblings  []commit.Element
	Prior     *state.Job // nil: no job where the proof starts
	PriorPath []commit.Element
}

// finalizations returns the jobs that units (one proof's transitions, in
// order) complete, with their paths at both ends.
func finalizations(units []*executor.StepWitness) []finalization {
	var out []finalization
	for l, u := range units {
		if u.Created || u.JobAfter.Status != state.StatusCompleted {
			continue
		}
		id := u.Step.Job
		f := 0
		for units[f].Step.Job != id {
			f++
		}
		fin := finalization{Job: u.JobAfter, Siblings: pathAtEnd(id, u.StateProof, units, l),
			PriorPath: pathAtStart(id, units[f].StateProof, units, f)}
		if !units[f].Created {
			prior := units[f].JobBefore
			fin.Prior = &prior
		}
		out = append(out, fin)
	}
	return out
}

// pendingProof is a proof sent (or about to be sent) to L1 with the jobs to
// finalize after it, kept in Dir until they are.
type pendingProof struct {
	Prev, Last l1.BatchHeader
	Finalize   []finalization
}

func (s *Service) pendingPath() string { return filepath.Join(s.cfg.Dir, "pending-proof.json") }

func (s *Service) writePending(p *pendingProof) error {
	b, err := json.Marshal(p)
	if err != nil {
		return err
	}
	return atomicfile.Write(s.pendingPath(), b)
}

// pending finishes the proof recorded in Dir, if any, before anything
// else is sent: if L1 took it (the last proven batch is at or past its
// end) its jobs are finalized and the record dropped; if L1 moved on
// without it (another proof ended elsewhere) the record is dropped; if it
// has not landed yet the round goes on, and its range is proven and sent
// again (the same record). An error (a landed proof's finalizations
// still failing) holds the round back.
func (s *Service) pending(ctx context.Context, provenIdx uint64) error {
	b, err := os.ReadFile(s.pendingPath())
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var p pendingProof
	if err := json.Unmarshal(b, &p); err != nil {
		return fatal("%s: %w", s.pendingPath(), err)
	}
	switch {
	case provenIdx >= p.Last.Index:
		return s.finish(ctx, &p)
	case provenIdx != p.Prev.Index:
		s.log.Warn("L1 proved another range than the proof recorded; dropping the record", "recorded", fmt.Sprintf("%d..%d", p.Prev.Index+1, p.Last.Index), "lastProven", provenIdx)
		return os.Remove(s.pendingPath())
	}
	return nil // not landed (yet): proven and sent again below
}

// finish finalizes p's jobs (those not finalized yet) and forgets p.
func (s *Service) finish(ctx context.Context, p *pendingProof) error {
	for _, f := range p.Finalize {
		id := f.Job.ID
		mc, err := s.bridge.ModelCommitment(ctx, id)
		if err != nil {
			return fmt.Errorf("job %d: read model commitment: %w", id, err)
		}
		if mc.Sign() != 0 {
			continue // finalized (by us before a restart, or by anyone)
		}
		prior := l1.PriorOf(p.Prev, id, f.Prior, f.PriorPath)
		if _, err := s.bridge.FinalizeJob(ctx, p.Last, l1.LeafOf(&f.Job), l1.Siblings(f.Siblings), prior); err != nil {
			var re *l1.RevertError
			if errors.As(err, &re) {
				// The bridge refuses it for good (a bug here, or a job it
				// will not take): retrying would stall every later proof.
				s.log.Error("job not finalized: the bridge refuses it", "job", id, "batch", p.Last.Index, "err", err)
				continue
			}
			return fmt.Errorf("finalize job %d: %w", id, err)
		}
		if s.cfg.Metrics != nil {
			s.cfg.Metrics.finalized.Inc()
		}
		s.log.Info("job finalized on L1", "job", id, "weights", commit.Hex(f.Job.Weights), "batch", p.Last.Index)
	}
	s.heads(max(s.proven, p.Last.LastBlock), p.Last.LastBlock)
	return os.Remove(s.pendingPath())
}

func (s *Service) heads(proven, finalized uint64) {
	if s.cfg.OnHeads != nil {
		s.cfg.OnHeads(proven, finalized)
	}
}
