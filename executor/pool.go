package executor

import (
	"runtime"
	"sync"
)

// Pool splits a loop over rows between goroutines. Every output element is
// computed by exactly one goroutine with integer arithmetic, so the result
// does not depend on the number of workers (spec/fixedpoint.md#determinism).
type Pool struct{ workers int }

// minParallelWork is the number of multiply-accumulates below which a loop
// runs on the calling goroutine: smaller loops cost more to hand out.
const minParallelWork = 1 << 15

// NewPool returns a pool of workers goroutines (GOMAXPROCS when <= 0). A
// nil *Pool runs every loop on the calling goroutine.
func NewPool(workers int) *Pool {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return &Pool{workers: workers}
}

// run calls f over [0, n) split into contiguous chunks; perRow is the work of
// one row, used to decide whether splitting pays.
func (p *Pool) run(n, perRow int, f func(lo, hi int)) {
	if p == nil {
		f(0, n)
		return
	}
	w := min(p.workers, n)
	if w <= 1 || n*perRow < minParallelWork {
		f(0, n)
		return
	}
	var wg sync.WaitGroup
	chunk := (n + w - 1) / w
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(lo, hi)
		}()
	}
	wg.Wait()
}
