package executor

import (
	"math/rand/v2"
	"sync/atomic"
	"testing"

	"github.com/cockroachdb/pebble/v2/vfs"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/state"
)

// TestCrashSafety crashes the store at random moments while steps run (a
// crash clone of pebble's in-memory file system keeps only synced data, plus
// a random share of unsynced data) and reopens each clone: its state root
// must be one of the roots the executor produced, and no older than the
// last step acknowledged before the crash.
func TestCrashSafety(t *testing.T) {
	fs := vfs.NewCrashableMem()
	st, err := state.OpenFS(fs, "state")
	if err != nil {
		t.Fatal(err)
	}
	const steps = 40
	ex := newIrisJobOn(t, st, 1, steps)
	root0, err := ex.Root()
	if err != nil {
		t.Fatal(err)
	}
	roots := make([]commit.Element, steps+1) // roots[k]: after k steps
	roots[0] = root0
	var acked atomic.Int64 // steps acknowledged (ApplyStep returned)
	done := make(chan error, 1)
	go func() {
		for k := 1; k <= steps; k++ {
			wit, err := ex.ApplyStep(Step{Job: 1, Indices: []uint64{uint64(k), 10, 20, 30, 40, 50, 60, 70}})
			if err != nil {
				done <- err
				return
			}
			roots[k] = wit.RootAfter
			acked.Store(int64(k))
		}
		done <- nil
	}()
	rng := rand.New(rand.NewPCG(7, 7))
	type crash struct {
		fs       *vfs.MemFS
		minSteps int64
	}
	var crashes []crash
	for running := true; running; {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			running = false
		default:
			if len(crashes) >= 200 {
				running = <-done != nil
				continue
			}
			min := acked.Load()
			clone := fs.CrashClone(vfs.CrashCloneCfg{UnsyncedDataPercent: rng.IntN(101), RNG: rng})
			crashes = append(crashes, crash{fs: clone, minSteps: min})
		}
	}
	if len(crashes) < 3 {
		t.Fatalf("only %d crash points", len(crashes))
	}
	for i, c := range crashes {
		reopened, err := state.OpenFS(c.fs, "state")
		if err != nil {
			t.Fatalf("crash %d: reopen: %v", i, err)
		}
		got, err := reopened.Root()
		if err != nil {
			t.Fatal(err)
		}
		found := -1
		for k := range roots {
			if roots[k].Equal(&got) {
				found = k
			}
		}
		if found < 0 {
			t.Fatalf("crash %d: root %s is none of the executor's roots", i, commit.Hex(got))
		}
		if int64(found) < c.minSteps {
			t.Fatalf("crash %d: state after %d steps, but %d were acknowledged", i, found, c.minSteps)
		}
		j, err := reopened.Job(1)
		if err != nil || j.StepsDone != uint64(found) {
			t.Fatalf("crash %d: job %+v, %v", i, j, err)
		}
		if _, err := reopened.Weights(j); err != nil {
			t.Fatalf("crash %d: %v", i, err)
		}
		reopened.Close()
	}
	t.Logf("%d crash points checked", len(crashes))
}
