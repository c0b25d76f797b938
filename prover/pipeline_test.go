package prover

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/circuits"
	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/internal/testjob"
	"github.com/trainrollup/trainrollup/internal/wait"
)

// irisTasks submits n single-step Iris proofs and returns their ids.
func irisTasks(t *testing.T, p *Pipeline, n int) []string {
	t.Helper()
	depth, wits := testjob.Steps(t, "4-8-3", testjob.Iris(t), 8, n, 31)
	shape := circuits.StepShape{Model: wits[0].JobBefore.Params.Model, Batch: 8, DatasetDepth: depth, Steps: 1}
	digests := chain.Digests{Tx: commit.FromUint64(5), L1: commit.FromUint64(4)}
	var ids []string
	for i := range wits {
		id := fmt.Sprintf("step-%d", i)
		if err := p.SubmitSteps(id, shape, digests, wits[i:i+1]); err != nil {
			t.Fatal(err)
		}
		digests = circuits.DigestsAfter(digests, wits[i:i+1])
		ids = append(ids, id)
	}
	return ids
}

// recorder stands in for the prover in scheduling tests: it records what
// ran at once and makes each proof take a while.
type recorder struct {
	mu       sync.Mutex
	running  map[string]TaskKind
	maxWraps int
	maxAll   int
	proven   map[string]int
	order    []string
	fail     string
	block    string             // blocks until ctx ends
	onStart  func(ids []string) // the tasks running as one starts
}

func (r *recorder) prove(ctx context.Context, t *task) ([]byte, error) {
	r.mu.Lock()
	r.running[t.ID] = t.Kind
	wraps := 0
	for _, k := range r.running {
		if k == WrapTask {
			wraps++
		}
	}
	r.maxWraps, r.maxAll = max(r.maxWraps, wraps), max(r.maxAll, len(r.running))
	if r.onStart != nil {
		ids := make([]string, 0, len(r.running))
		for id := range r.running {
			ids = append(ids, id)
		}
		r.onStart(ids)
	}
	r.proven[t.ID]++
	r.order = append(r.order, t.ID)
	r.mu.Unlock()
	defer func() {
		r.mu.Lock()
		delete(r.running, t.ID)
		r.mu.Unlock()
	}()
	if t.ID == r.block {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	time.Sleep(20 * time.Millisecond)
	if t.ID == r.fail {
		return nil, errors.New("injected failure")
	}
	return []byte("result of " + t.ID), nil
}

func newRecorder() *recorder {
	return &recorder{running: make(map[string]TaskKind), proven: make(map[string]int)}
}

func openTestPipeline(t *testing.T, dir string, rec *recorder, cfg PipelineConfig) *Pipeline {
	t.Helper()
	p, err := OpenPipeline(dir, nil, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if rec != nil {
		p.prove = rec.prove
	}
	return p
}

// waitSettled runs p until every task is done or failed, failing the test
// after a while (long enough for real wrap proofs).
func waitSettled(t *testing.T, p *Pipeline) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()
	wait.NoError(t, 20*time.Minute, "every task done or failed", func() error {
		if c := p.Counts(); c[Pending] != 0 || c[Running] != 0 {
			return fmt.Errorf("tasks not settled: %v", c)
		}
		return nil
	})
	cancel()
	<-done
}

func TestPipelineScheduling(t *testing.T) {
	rec := newRecorder()
	rec.fail = "step-5"
	p := openTestPipeline(t, t.TempDir(), rec, PipelineConfig{Workers: 4, Slots: 2})
	defer p.Close()
	p.costFor = func(*task) int64 { return 1 } // no keys loaded: let the workers overlap
	steps := irisTasks(t, p, 6)
	for i := range 3 {
		agg := fmt.Sprintf("agg-%d", i)
		if err := p.SubmitAggregate(agg, 1, uint64(i), uint64(i), steps[2*i:2*i+2]); err != nil {
			t.Fatal(err)
		}
		if err := p.SubmitWrap(fmt.Sprintf("wrap-%d", i), agg); err != nil {
			t.Fatal(err)
		}
	}
	// Bad submissions.
	if err := p.SubmitAggregate("agg-x", 1, 0, 0, steps[:3]); err == nil {
		t.Error("3 step proofs accepted for 2 slots")
	}
	if err := p.SubmitWrap("wrap-x", "step-0"); err == nil {
		t.Error("wrap of a step task accepted")
	}
	if err := p.SubmitWrap("wrap-y", "nothing"); err == nil {
		t.Error("unknown dependency accepted")
	}
	if err := p.SubmitWrap("agg-0", "agg-1"); !errors.Is(err, ErrTaskExists) {
		t.Errorf("id reused for another task: %v", err)
	}
	if err := p.SubmitWrap("wrap-0", "agg-0"); err != nil {
		t.Errorf("resubmission: %v", err)
	}
	waitSettled(t, p)

	if rec.maxWraps != 1 {
		t.Errorf("%d wrap proofs ran at once", rec.maxWraps)
	}
	if rec.maxAll > 4 {
		t.Errorf("%d tasks ran at once with 4 workers", rec.maxAll)
	}
	pos := make(map[string]int)
	for i, id := range rec.order {
		pos[id] = i
	}
	for i := range 2 {
		agg, wrap := fmt.Sprintf("agg-%d", i), fmt.Sprintf("wrap-%d", i)
		if pos[agg] < pos[steps[2*i]] || pos[agg] < pos[steps[2*i+1]] || pos[wrap] < pos[agg] {
			t.Errorf("run %d proven before its inputs: %v", i, rec.order)
		}
		if s, _ := p.State(wrap); s != Done {
			t.Errorf("%s: %s", wrap, s)
		}
	}
	for id, n := range rec.proven {
		if n != 1 {
			t.Errorf("%s proven %d times", id, n)
		}
	}
	// The failure propagates, without proving the dependents.
	for _, id := range []string{"step-5", "agg-2", "wrap-2"} {
		if s, err := p.State(id); s != Failed || err == nil {
			t.Errorf("%s: %s, %v; want failed", id, s, err)
		}
	}
	if rec.proven["agg-2"] != 0 || rec.proven["wrap-2"] != 0 {
		t.Error("dependents of a failed task were proven")
	}

	// Removal: dependents first.
	if err := p.Remove("agg-0"); err == nil {
		t.Error("removed a task that a wrap depends on")
	}
	for _, id := range []string{"wrap-0", "agg-0", steps[0]} {
		if err := p.Remove(id); err != nil {
			t.Fatal(err)
		}
		if _, err := p.State(id); err == nil {
			t.Fatalf("%s still there after removal", id)
		}
	}
}

// TestPipelineResumes stops the pipeline in the middle of a proof, reopens
// the store and requires every task done exactly once: the interrupted one
// is pending again, the finished ones are not redone.
func TestPipelineResumes(t *testing.T) {
	dir := t.TempDir()
	rec := newRecorder()
	rec.block = "step-2"
	reg := prometheus.NewRegistry()
	metrics, err := NewMetrics(reg)
	if err != nil {
		t.Fatal(err)
	}
	p := openTestPipeline(t, dir, rec, PipelineConfig{Workers: 1, Slots: 2, Metrics: metrics})
	steps := irisTasks(t, p, 4)
	if err := p.SubmitAggregate("agg", 1, 0, 0, steps[:2]); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()
	for {
		rec.mu.Lock()
		_, blocked := rec.running["step-2"]
		rec.mu.Unlock()
		if blocked {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	<-done
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	before := rec.proven["step-0"] + rec.proven["step-1"]

	rec.block = ""
	// The same metrics again: the closed pipeline's gauges are gone.
	p = openTestPipeline(t, dir, rec, PipelineConfig{Workers: 1, Slots: 2, Metrics: metrics})
	defer p.Close()
	if s, _ := p.State("step-2"); s != Pending {
		t.Fatalf("interrupted task: %s, want pending", s)
	}
	waitSettled(t, p)
	for _, id := range append(steps, "agg") {
		if s, err := p.State(id); s != Done {
			t.Fatalf("%s: %s %v", id, s, err)
		}
	}
	if rec.proven["step-0"]+rec.proven["step-1"] != before || before != 2 {
		t.Error("tasks finished before the stop were proven again")
	}
	if rec.proven["step-2"] != 2 || rec.proven["step-3"] != 1 || rec.proven["agg"] != 1 {
		t.Errorf("proofs run: %v", rec.proven)
	}
	got := map[string]float64{} // name/label value: gauge value or histogram count
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		for _, m := range f.GetMetric() {
			key := f.GetName()
			for _, l := range m.GetLabel() {
				key += "/" + l.GetValue()
			}
			got[key] = m.GetGauge().GetValue() + float64(m.GetHistogram().GetSampleCount())
		}
	}
	for key, want := range map[string]float64{"trainrollup_proving_tasks/done": 5, "trainrollup_proving_tasks/pending": 0,
		"trainrollup_proof_seconds/step": 4, "trainrollup_proof_seconds/aggregate": 1} {
		if v, ok := got[key]; !ok || v != want {
			t.Errorf("metric %s = %v (present %v), want %v", key, v, ok, want)
		}
	}
}

// TestPipelineProves runs real proofs through the pipeline: two Iris step
// proofs, their aggregation and its wrap, each verified.
func TestPipelineProves(t *testing.T) {
	if testing.Short() {
		t.Skip("proves the recursive chain: not in -short")
	}
	ks := defaultKeyStore(t)
	var events []Event
	var mu sync.Mutex
	p, err := OpenPipeline(t.TempDir(), ks, PipelineConfig{Slots: DefaultSlots, OnEvent: func(e Event) {
		mu.Lock()
		events = append(events, e)
		mu.Unlock()
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	steps := irisTasks(t, p, 2)
	if err := p.SubmitAggregate("agg", 7, 3, 4, steps); err != nil {
		t.Fatal(err)
	}
	if err := p.SubmitWrap("wrap", "agg"); err != nil {
		t.Fatal(err)
	}
	waitSettled(t, p)
	for _, id := range []string{"step-0", "step-1", "agg", "wrap"} {
		if s, err := p.State(id); s != Done {
			t.Fatalf("%s: %s %v", id, s, err)
		}
	}
	stepKeys, err := p.stepKeys("step-0")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range steps {
		sp, err := p.StepResult(id)
		if err != nil {
			t.Fatal(err)
		}
		if err := VerifyStep(stepKeys, sp); err != nil {
			t.Fatal(err)
		}
	}
	aggKeys, _ := p.aggregateKeys(p.tasks["agg"])
	agg, err := p.AggregateResult("agg")
	if err != nil {
		t.Fatal(err)
	}
	if err := VerifyAggregate(aggKeys, agg); err != nil {
		t.Fatal(err)
	}
	wrapKeys, _ := p.loadKeys(p.tasks["wrap"].Circuit, nil)
	w, err := p.WrapResult("wrap")
	if err != nil {
		t.Fatal(err)
	}
	if err := VerifyWrap(wrapKeys, w); err != nil {
		t.Fatal(err)
	}
	if w.Claim.ChainID != 7 || w.Claim.FirstBatch != 3 || w.Claim.LastBatch != 4 {
		t.Fatalf("claim %+v", w.Claim)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(events) != 8 {
		t.Errorf("%d events, want a start and an end per task", len(events))
	}
	for _, e := range events {
		if e.State == Done {
			t.Logf("%s %s: %v", e.Kind, e.ID, e.Elapsed.Round(time.Millisecond))
		}
	}
}

// TestPipelineMemoryBudget runs tasks whose estimates do not fit together
// one at a time, and small ones side by side.
func TestPipelineMemoryBudget(t *testing.T) {
	rec := newRecorder()
	p := openTestPipeline(t, t.TempDir(), rec, PipelineConfig{Workers: 4, Slots: 2, MemoryBudget: 10})
	defer p.Close()
	steps := irisTasks(t, p, 4)
	p.costFor = func(t *task) int64 {
		if t.ID == steps[0] || t.ID == steps[1] {
			return 6
		}
		return 2
	}
	var mu sync.Mutex
	var overlap [][]string
	rec.onStart = func(running []string) {
		mu.Lock()
		overlap = append(overlap, running)
		mu.Unlock()
	}
	waitSettled(t, p)
	for _, r := range overlap {
		big := 0
		for _, id := range r {
			if id == steps[0] || id == steps[1] {
				big++
			}
		}
		if big > 1 {
			t.Fatalf("two 6-unit tasks ran at once in a budget of 10: %v", r)
		}
	}
	if rec.maxAll < 2 {
		t.Error("small tasks never ran side by side")
	}
}

// TestPipelineResubmit: submitting a task again under its id is a no-op
// with the same inputs and ErrTaskExists with others (another witness,
// another digest, another batch range), so that a restarted prover never
// reuses a proof of something else.
func TestPipelineResubmit(t *testing.T) {
	p := openTestPipeline(t, t.TempDir(), newRecorder(), PipelineConfig{Workers: 1, Slots: 2})
	defer p.Close()
	depth, wits := testjob.Steps(t, "4-8-3", testjob.Iris(t), 8, 2, 31)
	shape := circuits.StepShape{Model: wits[0].JobBefore.Params.Model, Batch: 8, DatasetDepth: depth, Steps: 1}
	d := chain.Digests{Tx: commit.FromUint64(5)}
	if err := p.SubmitSteps("u", shape, d, wits[:1]); err != nil {
		t.Fatal(err)
	}
	if err := p.SubmitSteps("u", shape, d, wits[:1]); err != nil {
		t.Fatalf("same inputs again: %v", err)
	}
	for name, err := range map[string]error{
		"another witness": p.SubmitSteps("u", shape, d, wits[1:2]),
		"another digest":  p.SubmitSteps("u", shape, chain.Digests{Tx: commit.FromUint64(6)}, wits[:1]),
	} {
		if !errors.Is(err, ErrTaskExists) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if err := p.SubmitAggregate("a", 1, 1, 1, []string{"u"}); err != nil {
		t.Fatal(err)
	}
	if err := p.SubmitAggregate("a", 1, 1, 2, []string{"u"}); !errors.Is(err, ErrTaskExists) {
		t.Errorf("another range: %v", err)
	}
}
