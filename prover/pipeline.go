package prover

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/cockroachdb/pebble/v2"
	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/frontend"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/circuits"
	"github.com/trainrollup/trainrollup/executor"
)

// TaskKind is what a proving task proves.
type TaskKind uint8

const (
	StepTask      TaskKind = 1 + iota // k steps of one job, BLS12-377
	AggregateTask                     // a run of step proofs, BW6-761
	WrapTask                          // one aggregation proof, BN254
)

func (k TaskKind) String() string {
	switch k {
	case StepTask:
		return "step"
	case AggregateTask:
		return "aggregate"
	case WrapTask:
		return "wrap"
	}
	return fmt.Sprintf("kind(%d)", k)
}

// TaskState is where a task is. Running is not a stored state: a task that
// was running when the process stopped is pending again.
type TaskState uint8

const (
	Pending TaskState = iota
	Running
	Done
	Failed
)

func (s TaskState) String() string {
	return [...]string{"pending", "running", "done", "failed"}[s]
}

// Event reports a task's progress.
type Event struct {
	ID      string
	Kind    TaskKind
	State   TaskState // Running, Done or Failed
	Elapsed time.Duration
	Err     error
}

// task is a task's stored record (JSON under t/<id>). Inputs that are large
// (a step task's witness) and results are stored beside it, under w/<id>
// and r/<id>.
type task struct {
	ID    string
	Kind  TaskKind
	State TaskState
	Err   string `json:",omitempty"`
	Seq   uint64 // submission order
	Deps  []string
	// Circuit names the circuit the task is proven with (its keys): the
	// step shape, then aggregate/n<slots>/<step circuit>, wrap/<aggregate
	// circuit>.
	Circuit string

	// Step tasks: the shape.
	Model               string `json:",omitempty"`
	Batch, Depth, Steps int    `json:",omitempty"`
	// Aggregate tasks.
	Slots                int    `json:",omitempty"`
	ChainID, First, Last uint64 `json:",omitempty"`
	// Input is the SHA-256 of a step task's witness (hex), so that a
	// resubmission under the same id with another witness is refused
	// (records written before it existed have none).
	Input string `json:",omitempty"`
}

// Pipeline is the prover service: a queue of proving tasks persisted in
// pebble and worked by a pool. A submitted task is done exactly once: its
// result and its new state are written in one synced batch, and a task
// that was running when the process stopped is pending when it reopens.
// At most one wrap proof runs at a time (about 10 GB each), and the
// estimated memory of running tasks stays within MemoryBudget.
type Pipeline struct {
	db   *pebble.DB
	keys *KeyStore
	cfg  PipelineConfig
	log  *slog.Logger

	mu      sync.Mutex
	cond    *sync.Cond
	tasks   map[string]*task
	seq     uint64
	running map[string]bool
	memUsed int64
	wrapOn  bool
	closed  bool

	sizes  map[string]int64       // memory estimates by circuit, once its keys are loaded
	gauges []prometheus.Collector // registered in cfg.Metrics

	keyMu   sync.Mutex
	loaded  map[string]*Keys // by circuit name
	prove   func(context.Context, *task) ([]byte, error)
	costFor func(*task) int64
}

// OpenPipeline opens (or creates) the task store in dir; keys provides
// the circuits' keys, loaded when a task first needs them. The zero
// fields of cfg take DefaultPipelineConfig's values; the result must pass
// Check.
func OpenPipeline(dir string, keys *KeyStore, cfg PipelineConfig) (*Pipeline, error) {
	cfg = cfg.withDefaults()
	if err := cfg.Check(); err != nil {
		return nil, fmt.Errorf("prover pipeline config: %w", err)
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	db, err := pebble.Open(dir, &pebble.Options{Logger: pebbleLog{cfg.Log.With("component", "prover-store")}})
	if err != nil {
		return nil, fmt.Errorf("prover pipeline: open %s: %w", dir, err)
	}
	p := &Pipeline{db: db, keys: keys, cfg: cfg, log: cfg.Log.With("component", "prover"),
		tasks: make(map[string]*task), running: make(map[string]bool), sizes: make(map[string]int64), loaded: make(map[string]*Keys)}
	p.cond = sync.NewCond(&p.mu)
	if cfg.Metrics != nil {
		if err := cfg.Metrics.watch(p); err != nil {
			db.Close()
			return nil, fmt.Errorf("prover pipeline: metrics: %w", err)
		}
	}
	p.prove = p.proveTask
	p.costFor = p.estimate
	it, err := db.NewIter(&pebble.IterOptions{LowerBound: []byte("t/"), UpperBound: []byte("t0")})
	if err != nil {
		db.Close()
		return nil, err
	}
	for it.First(); it.Valid(); it.Next() {
		t := new(task)
		if err := json.Unmarshal(it.Value(), t); err != nil {
			it.Close()
			db.Close()
			return nil, fmt.Errorf("prover pipeline: task %q: %w", it.Key()[2:], err)
		}
		p.tasks[t.ID] = t
		p.seq = max(p.seq, t.Seq)
	}
	if err := it.Close(); err != nil {
		db.Close()
		return nil, err
	}
	return p, nil
}

// pebbleLog sends pebble's messages to the pipeline's log: WAL replay and
// the like at debug level, errors as errors.
type pebbleLog struct{ log *slog.Logger }

func (l pebbleLog) Infof(format string, args ...any) { l.log.Debug(fmt.Sprintf(format, args...)) }

func (l pebbleLog) Errorf(format string, args ...any) { l.log.Error(fmt.Sprintf(format, args...)) }

func (l pebbleLog) Fatalf(format string, args ...any) {
	l.log.Error("fatal: " + fmt.Sprintf(format, args...))
	os.Exit(1)
}

// Close stops accepting work and closes the store; results of tasks still
// running are dropped (they stay pending). Run must have returned.
func (p *Pipeline) Close() error {
	p.mu.Lock()
	p.closed = true
	p.cond.Broadcast()
	p.mu.Unlock()
	if p.cfg.Metrics != nil {
		p.cfg.Metrics.unwatch(p)
	}
	return p.db.Close()
}

// ErrTaskExists reports a submission under an ID already used for other
// inputs.
var ErrTaskExists = errors.New("task exists")

// SubmitSteps queues the proof of k consecutive steps of one job, extending
// the digests before, under id. Submitting the same id again is a no-op.
func (p *Pipeline) SubmitSteps(id string, shape circuits.StepShape, before chain.Digests, wits []*executor.StepWitness) error {
	assignment, err := circuits.NewStepAssignment(shape, before, wits)
	if err != nil {
		return err
	}
	full, err := frontend.NewWitness(assignment, ecc.BLS12_377.ScalarField())
	if err != nil {
		return fmt.Errorf("witness: %w", err)
	}
	input, err := full.MarshalBinary()
	if err != nil {
		return err
	}
	t := &task{ID: id, Kind: StepTask, Model: shape.Model.String(), Batch: shape.Batch, Depth: shape.DatasetDepth, Steps: shape.Steps,
		Circuit: "step/" + shape.String()}
	return p.submit(t, input)
}

// SubmitAggregate queues the aggregation of the step tasks steps (in
// order) as batches first..last of chain chainID, under id.
func (p *Pipeline) SubmitAggregate(id string, chainID, first, last uint64, steps []string) error {
	if len(steps) == 0 || len(steps) > p.cfg.Slots {
		return fmt.Errorf("aggregate %s: %d step proofs for %d slots", id, len(steps), p.cfg.Slots)
	}
	return p.submit(&task{ID: id, Kind: AggregateTask, Deps: steps, Slots: p.cfg.Slots, ChainID: chainID, First: first, Last: last}, nil)
}

// SubmitWrap queues the wrap of the aggregate task agg, under id.
func (p *Pipeline) SubmitWrap(id, agg string) error {
	return p.submit(&task{ID: id, Kind: WrapTask, Deps: []string{agg}}, nil)
}

func (p *Pipeline) submit(t *task, input []byte) error {
	if t.ID == "" || len(t.ID) > 200 {
		return fmt.Errorf("task id %q: empty or longer than 200 bytes", t.ID)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return errors.New("prover pipeline closed")
	}
	if input != nil {
		sum := sha256.Sum256(input)
		t.Input = hex.EncodeToString(sum[:])
	}
	if old, ok := p.tasks[t.ID]; ok {
		if old.Kind != t.Kind || !slices.Equal(old.Deps, t.Deps) || (old.Input != "" && old.Input != t.Input) || old.First != t.First || old.Last != t.Last || old.ChainID != t.ChainID {
			return fmt.Errorf("submit %s: %w with other inputs", t.ID, ErrTaskExists)
		}
		return nil
	}
	for _, d := range t.Deps {
		dep, ok := p.tasks[d]
		if !ok {
			return fmt.Errorf("submit %s: unknown dependency %q", t.ID, d)
		}
		if want := map[TaskKind]TaskKind{AggregateTask: StepTask, WrapTask: AggregateTask}[t.Kind]; dep.Kind != want {
			return fmt.Errorf("submit %s: dependency %s is a %s task, want %s", t.ID, d, dep.Kind, want)
		}
		if dep.Circuit != p.tasks[t.Deps[0]].Circuit {
			return fmt.Errorf("submit %s: step proofs of two shapes (%s, %s) in one aggregation", t.ID, p.tasks[t.Deps[0]].Circuit, dep.Circuit)
		}
	}
	switch t.Kind {
	case AggregateTask:
		t.Circuit = fmt.Sprintf("aggregate/n%d/%s", t.Slots, p.tasks[t.Deps[0]].Circuit)
	case WrapTask:
		t.Circuit = "wrap/" + p.tasks[t.Deps[0]].Circuit
	}
	p.seq++
	t.Seq = p.seq
	rec, err := json.Marshal(t)
	if err != nil {
		return err
	}
	b := p.db.NewBatch()
	defer b.Close()
	if input != nil {
		if err := b.Set([]byte("w/"+t.ID), input, nil); err != nil {
			return err
		}
	}
	if err := b.Set([]byte("t/"+t.ID), rec, nil); err != nil {
		return err
	}
	if err := b.Commit(pebble.Sync); err != nil {
		return fmt.Errorf("submit %s: %w", t.ID, err)
	}
	p.tasks[t.ID] = t
	p.cond.Broadcast()
	return nil
}

// Remove deletes a settled (done or failed) task and its result, once its
// consumer has no more use for them; a task that others depend on stays
// until they are removed.
func (p *Pipeline) Remove(id string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	t, ok := p.tasks[id]
	if !ok {
		return fmt.Errorf("no task %q", id)
	}
	if p.running[id] || (t.State != Done && t.State != Failed) {
		return fmt.Errorf("remove %s: task is %s", id, t.State)
	}
	for _, o := range p.tasks {
		if slices.Contains(o.Deps, id) {
			return fmt.Errorf("remove %s: task %s depends on it", id, o.ID)
		}
	}
	b := p.db.NewBatch()
	defer b.Close()
	for _, k := range []string{"t/", "w/", "r/"} {
		if err := b.Delete([]byte(k+id), nil); err != nil {
			return err
		}
	}
	if err := b.Commit(pebble.Sync); err != nil {
		return fmt.Errorf("remove %s: %w", id, err)
	}
	delete(p.tasks, id)
	return nil
}

// State returns a task's state and, for a failed task, its error.
func (p *Pipeline) State(id string) (TaskState, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	t, ok := p.tasks[id]
	if !ok {
		return 0, fmt.Errorf("no task %q", id)
	}
	if p.running[id] {
		return Running, nil
	}
	if t.State == Failed {
		return Failed, errors.New(t.Err)
	}
	return t.State, nil
}

// Counts returns the number of tasks in each state.
func (p *Pipeline) Counts() map[TaskState]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	c := make(map[TaskState]int)
	for id, t := range p.tasks {
		if p.running[id] {
			c[Running]++
		} else {
			c[t.State]++
		}
	}
	return c
}

// Run works the queue until ctx is done. A task whose proof fails is
// marked failed with its error, and so are the tasks that depend on it.
func (p *Pipeline) Run(ctx context.Context) error {
	stop := context.AfterFunc(ctx, func() {
		p.mu.Lock()
		p.cond.Broadcast()
		p.mu.Unlock()
	})
	defer stop()
	var wg sync.WaitGroup
	defer wg.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	for {
		if ctx.Err() != nil || p.closed {
			return ctx.Err()
		}
		t, cost := p.next()
		if t == nil {
			p.cond.Wait()
			continue
		}
		p.running[t.ID] = true
		p.memUsed += cost
		if t.Kind == WrapTask {
			p.wrapOn = true
		}
		wg.Go(func() { p.work(ctx, t, cost) })
	}
}

// next returns the first pending task, in submission order, whose
// dependencies are done and that fits the workers, the memory budget and
// the one-wrap rule; or nil. Called with p.mu held.
func (p *Pipeline) next() (*task, int64) {
	if len(p.running) >= p.cfg.Workers {
		return nil, 0
	}
	var ready []*task
	for id, t := range p.tasks {
		if t.State == Pending && !p.running[id] {
			ready = append(ready, t)
		}
	}
	slices.SortFunc(ready, func(a, b *task) int { return cmp.Compare(a.Seq, b.Seq) })
	for _, t := range ready {
		if !p.depsSettled(t) {
			continue
		}
		if t.Kind == WrapTask && p.wrapOn {
			continue
		}
		cost := min(p.costFor(t), p.cfg.MemoryBudget)
		if len(p.running) > 0 && p.memUsed+cost > p.cfg.MemoryBudget {
			continue
		}
		return t, cost
	}
	return nil, 0
}

// depsSettled reports whether t's dependencies are done or failed (a task
// with a failed dependency fails without proving).
func (p *Pipeline) depsSettled(t *task) bool {
	for _, d := range t.Deps {
		if s := p.tasks[d].State; s != Done && s != Failed {
			return false
		}
	}
	return true
}

// work proves t and records the outcome, unless ctx ended first.
func (p *Pipeline) work(ctx context.Context, t *task, cost int64) {
	start := time.Now()
	p.event(Event{ID: t.ID, Kind: t.Kind, State: Running})
	var result []byte
	err := p.failedDep(t)
	if err == nil {
		result, err = p.prove(ctx, t)
	}
	elapsed := time.Since(start)
	p.mu.Lock()
	defer func() {
		delete(p.running, t.ID)
		p.memUsed -= cost
		if t.Kind == WrapTask {
			p.wrapOn = false
		}
		p.cond.Broadcast()
		p.mu.Unlock()
	}()
	if ctx.Err() != nil || p.closed {
		return // stays pending: done after a restart
	}
	next := *t
	next.State = Done
	if err != nil {
		next.State, next.Err = Failed, err.Error()
	}
	if cerr := p.commit(&next, result); cerr != nil {
		p.log.Error("record task outcome", "task", t.ID, "err", cerr)
		return
	}
	*t = next
	if p.cfg.Metrics != nil && t.State == Done {
		p.cfg.Metrics.proofSeconds.WithLabelValues(t.Kind.String()).Observe(elapsed.Seconds())
	}
	p.log.Info("task finished", "task", t.ID, "kind", t.Kind, "state", t.State, "seconds", elapsed.Seconds(), "err", err)
	p.event(Event{ID: t.ID, Kind: t.Kind, State: t.State, Elapsed: elapsed, Err: err})
}

// failedDep reports a failed dependency of t: t then fails without proving.
func (p *Pipeline) failedDep(t *task) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, d := range t.Deps {
		if p.tasks[d].State == Failed {
			return fmt.Errorf("dependency %s failed", d)
		}
	}
	return nil
}

func (p *Pipeline) event(e Event) {
	if p.cfg.OnEvent != nil {
		p.cfg.OnEvent(e)
	}
}

// commit writes a task's outcome and its result in one synced batch.
func (p *Pipeline) commit(t *task, result []byte) error {
	rec, err := json.Marshal(t)
	if err != nil {
		return err
	}
	b := p.db.NewBatch()
	defer b.Close()
	if t.State == Done {
		if err := b.Set([]byte("r/"+t.ID), result, nil); err != nil {
			return err
		}
		if t.Kind == StepTask {
			if err := b.Delete([]byte("w/"+t.ID), nil); err != nil { // the witness is spent
				return err
			}
		}
	}
	if err := b.Set([]byte("t/"+t.ID), rec, nil); err != nil {
		return err
	}
	return b.Commit(pebble.Sync)
}
