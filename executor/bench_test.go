package executor

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/fixed"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/state"
)

// BenchmarkStep measures one training step of the MNIST model (196-64-10,
// batch 32) with the integer executor and with a float32 implementation of
// the same step (same loops, same ReLU sparsity skips), so that the ratio
// is read from one run:
//
//	go test ./executor -run '^$' -bench BenchmarkStep -count 5
func BenchmarkStep(b *testing.B) {
	spec, _ := model.Parse("196-64-10")
	const batch = 32
	rng := rand.New(rand.NewPCG(1, 2))
	x := make([]int32, batch*spec.Inputs())
	for i := range x {
		if rng.IntN(5) < 2 { // MNIST is mostly zeros
			x[i] = int32(rng.IntN(fixed.One + 1))
		}
	}
	y := make([]uint32, batch)
	for i := range y {
		y[i] = uint32(rng.IntN(10))
	}
	macs := float64(spec.MACs(batch))
	for _, workers := range []int{1, 2} {
		b.Run(map[int]string{1: "int/workers=1", 2: "int/workers=2"}[workers], func(b *testing.B) {
			w, _ := model.Init(spec, 1)
			net, err := NewNet(spec, batch, 6554, workers)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := net.Step(w, x, y); err != nil {
					b.Fatal(err)
				}
			}
			report(b, macs)
		})
	}
	b.Run("float32/workers=1", func(b *testing.B) {
		w, _ := model.Init(spec, 1)
		n := newFloat32Net(spec, batch, w)
		xf := make([]float32, len(x))
		for i, v := range x {
			xf[i] = float32(fixed.Float(v))
		}
		b.ReportAllocs()
		for b.Loop() {
			n.step(xf, y, 0.1)
		}
		report(b, macs)
	})
}

// BenchmarkApplyStep measures a whole state transition of the MNIST model:
// the step, both weights commitments, the Merkle paths, the witness copy
// and the synced pebble batch.
func BenchmarkApplyStep(b *testing.B) {
	spec, _ := model.Parse("196-64-10")
	ex, idx := newBenchJob(b, spec)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ex.ApplyStep(Step{Job: 1, Indices: idx}); err != nil {
			b.Fatal(err)
		}
	}
	report(b, float64(spec.MACs(32)))
}

func report(b *testing.B, macs float64) {
	perStep := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(1/perStep, "steps/s")
	b.ReportMetric(macs/perStep/1e6, "MMAC/s")
}

// float32Net is the float32 twin of Net for the benchmark only.
type float32Net struct {
	spec      model.Spec
	batch     int
	w, bias   [][]float32
	z, a, d   [][]float32
	gw, gb, e [][]float32
}

func newFloat32Net(spec model.Spec, batch int, w *model.Weights) *float32Net {
	n := &float32Net{spec: spec, batch: batch}
	for l := 1; l <= spec.Layers(); l++ {
		in, out := spec.Widths[l-1], spec.Widths[l]
		n.w = append(n.w, toF32(w.W(l)))
		n.bias = append(n.bias, toF32(w.B(l)))
		n.z = append(n.z, make([]float32, batch*out))
		n.a = append(n.a, make([]float32, batch*out))
		n.d = append(n.d, make([]float32, batch*out))
		n.gw = append(n.gw, make([]float32, out*in))
		n.gb = append(n.gb, make([]float32, out))
		n.e = append(n.e, make([]float32, batch*in))
	}
	return n
}

func toF32(v []int32) []float32 {
	out := make([]float32, len(v))
	for i, x := range v {
		out[i] = float32(fixed.Float(x))
	}
	return out
}

func (n *float32Net) step(x []float32, y []uint32, lr float32) {
	L, B := n.spec.Layers(), n.batch
	in := x
	for l := 0; l < L; l++ {
		iw, ow := n.spec.Widths[l], n.spec.Widths[l+1]
		w := n.w[l]
		for b := range B {
			xb := in[b*iw : (b+1)*iw]
			for j := 0; j < ow; j += 4 {
				var acc [4]float32
				if j+4 <= ow {
					acc[0], acc[1], acc[2], acc[3] = dot4F32(w[j*iw:(j+1)*iw], w[(j+1)*iw:(j+2)*iw], w[(j+2)*iw:(j+3)*iw], w[(j+3)*iw:(j+4)*iw], xb)
				} else {
					for r := j; r < ow; r++ {
						acc[r-j] = dotF32(w[r*iw:(r+1)*iw], xb)
					}
				}
				for r := j; r < min(j+4, ow); r++ {
					n.z[l][b*ow+r] = acc[r-j] + n.bias[l][r]
				}
			}
		}
		if l < L-1 {
			for i, v := range n.z[l] {
				n.a[l][i] = max(v, 0)
			}
			in = n.a[l]
		}
	}
	C := n.spec.Classes()
	for b := range B {
		row := n.z[L-1][b*C : (b+1)*C]
		m := row[0]
		for _, v := range row {
			m = max(m, v)
		}
		var s float32
		for j, v := range row {
			p := float32(math.Exp(float64(v - m)))
			n.d[L-1][b*C+j] = p
			s += p
		}
		for j := range row {
			n.d[L-1][b*C+j] /= s
		}
		n.d[L-1][b*C+int(y[b])]--
	}
	for l := L - 1; l >= 0; l-- {
		iw, ow := n.spec.Widths[l], n.spec.Widths[l+1]
		act := x
		if l > 0 {
			act = n.a[l-1]
		}
		clear(n.gw[l])
		clear(n.gb[l])
		for j := range ow {
			acc := n.gw[l][j*iw : (j+1)*iw]
			for b := range B {
				if d := n.d[l][b*ow+j]; d != 0 {
					axpyF32(acc, d, act[b*iw:(b+1)*iw])
					n.gb[l][j] += d
				}
			}
		}
		if l > 0 {
			clear(n.e[l])
			for b := range B {
				acc := n.e[l][b*iw : (b+1)*iw]
				for j := range ow {
					if d := n.d[l][b*ow+j]; d != 0 {
						axpyF32(acc, d, n.w[l][j*iw:(j+1)*iw])
					}
				}
			}
			for i, v := range n.z[l-1] {
				if v > 0 {
					n.d[l-1][i] = n.e[l][i]
				} else {
					n.d[l-1][i] = 0
				}
			}
		}
	}
	s := lr / float32(B)
	for l := range L {
		for i, g := range n.gw[l] {
			n.w[l][i] -= s * g
		}
		for i, g := range n.gb[l] {
			n.bias[l][i] -= s * g
		}
	}
}

func dotF32(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	for len(a) >= 4 && len(b) >= 4 {
		s0 += a[0] * b[0]
		s1 += a[1] * b[1]
		s2 += a[2] * b[2]
		s3 += a[3] * b[3]
		a, b = a[4:], b[4:]
	}
	for i := range a {
		s0 += a[i] * b[i]
	}
	return s0 + s1 + s2 + s3
}

func dot4F32(w0, w1, w2, w3, x []float32) (s0, s1, s2, s3 float32) {
	n := len(x)
	w0, w1, w2, w3 = w0[:n], w1[:n], w2[:n], w3[:n]
	for k, v := range x {
		s0 += w0[k] * v
		s1 += w1[k] * v
		s2 += w2[k] * v
		s3 += w3[k] * v
	}
	return s0, s1, s2, s3
}

func axpyF32(acc []float32, d float32, x []float32) {
	x = x[:len(acc)]
	for len(acc) >= 4 && len(x) >= 4 {
		acc[0] += d * x[0]
		acc[1] += d * x[1]
		acc[2] += d * x[2]
		acc[3] += d * x[3]
		acc, x = acc[4:], x[4:]
	}
	for i := range acc {
		acc[i] += d * x[i]
	}
}

func newBenchJob(b *testing.B, spec model.Spec) (*Executor, []uint64) {
	st, err := state.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	ex := New(st, Config{})
	rng := rand.New(rand.NewPCG(5, 6))
	d := &dataset.Dataset{Name: "bench", Features: spec.Inputs(), Classes: spec.Classes()}
	for i := range 1024 {
		for range spec.Inputs() {
			d.X = append(d.X, int32(rng.IntN(fixed.One+1)))
		}
		d.Y = append(d.Y, uint32(i%spec.Classes()))
	}
	tree, err := ex.AddDataset(d)
	if err != nil {
		b.Fatal(err)
	}
	w, _ := model.Init(spec, 1)
	p := state.Params{Model: spec, DatasetRoot: tree.Root(), DatasetSize: 1024, LearningRate: 6554, Batch: 32, Seed: 1, InitWeights: w.Commitment(), Steps: 1 << 40}
	if _, err := ex.CreateJob(1, [20]byte{}, p); err != nil {
		b.Fatal(err)
	}
	idx := make([]uint64, 32)
	for i := range idx {
		idx[i] = uint64(i * 31)
	}
	return ex, idx
}
