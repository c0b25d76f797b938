// Package floatref is the float64 reference of the integer training of
// spec/model.md: the same network, initial weights, sample order, loss
// gradient and update, computed in floating point. Tests and tooling use it
// to show that the integer training tracks real-valued training; it is never
// on the consensus path.
package floatref

import (
	"math"

	"github.com/trainrollup/trainrollup/fixed"
	"github.com/trainrollup/trainrollup/model"
)

// Net is a float64 multilayer perceptron.
type Net struct {
	Spec model.Spec
	W, B [][]float64 // W[l-1] is out x in row-major, B[l-1] the biases
}

// FromWeights converts fixed-point weights to a float network.
func FromWeights(w *model.Weights) *Net {
	s := w.Spec
	n := &Net{Spec: s}
	for l := 1; l <= s.Layers(); l++ {
		n.W = append(n.W, toFloat(w.W(l)))
		n.B = append(n.B, toFloat(w.B(l)))
	}
	return n
}

func toFloat(v []int32) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = fixed.Float(x)
	}
	return out
}

// forward returns the pre-activations z_l of every layer and the
// activations a_0 = x, a_1, ..., a_{L-1} of the hidden layers.
func (n *Net) forward(x []float64) (zs, acts [][]float64) {
	s := n.Spec
	L, B := s.Layers(), len(x)/s.Inputs()
	acts = [][]float64{x}
	zs = make([][]float64, L)
	for l := 1; l <= L; l++ {
		in, out := s.Widths[l-1], s.Widths[l]
		z := make([]float64, B*out)
		for b := range B {
			for j := range out {
				acc := n.B[l-1][j]
				for k := range in {
					acc += n.W[l-1][j*in+k] * acts[l-1][b*in+k]
				}
				z[b*out+j] = acc
			}
		}
		zs[l-1] = z
		if l < L {
			a := make([]float64, len(z))
			for i, v := range z {
				a[i] = math.Max(v, 0)
			}
			acts = append(acts, a)
		}
	}
	return zs, acts
}

// Logits returns the output layer's values for each sample of x.
func (n *Net) Logits(x []float64) []float64 {
	zs, _ := n.forward(x)
	return zs[len(zs)-1]
}

// Step applies one SGD step: mean loss gradient over the batch times lr.
func (n *Net) Step(x []float64, y []uint32, lr float64) {
	s := n.Spec
	L, B := s.Layers(), len(y)
	zs, acts := n.forward(x)
	C := s.Classes()
	delta := make([]float64, B*C)
	for b := range B {
		row := zs[L-1][b*C : (b+1)*C]
		if s.Loss == model.SoftmaxCE {
			p := softmax(row)
			copy(delta[b*C:], p)
		} else {
			copy(delta[b*C:], row)
		}
		delta[b*C+int(y[b])]--
	}
	gws := make([][]float64, L)
	gbs := make([][]float64, L)
	for l := L; l >= 1; l-- {
		in, out := s.Widths[l-1], s.Widths[l]
		gw, gb := make([]float64, out*in), make([]float64, out)
		for b := range B {
			for j := range out {
				d := delta[b*out+j]
				gb[j] += d
				for k := range in {
					gw[j*in+k] += d * acts[l-1][b*in+k]
				}
			}
		}
		gws[l-1], gbs[l-1] = gw, gb
		if l > 1 {
			prev := make([]float64, B*in)
			for b := range B {
				for k := range in {
					if zs[l-2][b*in+k] <= 0 {
						continue
					}
					var e float64
					for j := range out {
						e += n.W[l-1][j*in+k] * delta[b*out+j]
					}
					prev[b*in+k] = e
				}
			}
			delta = prev
		}
	}
	step := lr / float64(B)
	for l := range L {
		for i := range n.W[l] {
			n.W[l][i] -= step * gws[l][i]
		}
		for i := range n.B[l] {
			n.B[l][i] -= step * gbs[l][i]
		}
	}
}

func softmax(row []float64) []float64 {
	m := row[0]
	for _, v := range row {
		m = math.Max(m, v)
	}
	out := make([]float64, len(row))
	var sum float64
	for i, v := range row {
		out[i] = math.Exp(v - m)
		sum += out[i]
	}
	for i := range out {
		out[i] /= sum
	}
	return out
}

// Predict returns the argmax class of each sample.
func (n *Net) Predict(x []float64) []int {
	logits := n.Logits(x)
	C := n.Spec.Classes()
	out := make([]int, len(logits)/C)
	for b := range out {
		for j := 1; j < C; j++ {
			if logits[b*C+j] > logits[b*C+out[b]] {
				out[b] = j
			}
		}
	}
	return out
}

// Floats converts fixed-point values to float64.
func Floats(v []int32) []float64 { return toFloat(v) }
