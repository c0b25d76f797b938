package dataset

import "testing"

func TestOrder(t *testing.T) {
	o := NewOrder(7, 10)
	counts := make([]int, 10)
	const steps, batch = 5000, 8
	for s := range uint64(steps) {
		step := o.Step(s, batch)
		for b, i := range step {
			if i >= 10 || o.Index(s, b) != i {
				t.Fatalf("step %d index %d: %d, Index says %d", s, b, i, o.Index(s, b))
			}
			counts[i]++
		}
	}
	// 40,000 draws over 10 samples: each within 5% of 4,000 (about 8
	// standard deviations of a uniform draw).
	for i, c := range counts {
		if c < 3800 || c > 4200 {
			t.Errorf("sample %d drawn %d times of %d", i, c, steps*batch)
		}
	}
	if got := NewOrder(7, 1).Step(3, 4); got[0] != 0 || got[3] != 0 {
		t.Fatalf("one sample: %v", got)
	}
	if got := NewOrder(7, 0).Step(3, 4); got != nil || NewOrder(7, 0).Index(3, 1) != 0 {
		t.Fatalf("no samples: %v", got)
	}
	a, b := NewOrder(1, 1000).Step(0, 16), NewOrder(2, 1000).Step(0, 16)
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	if same > 2 {
		t.Fatalf("seeds 1 and 2 share %d of 16 indices: %v, %v", same, a, b)
	}
}
