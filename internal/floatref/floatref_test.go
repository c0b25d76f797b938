package floatref

import (
	"math"
	"testing"

	"github.com/trainrollup/trainrollup/model"
)

// loss is the mean loss whose gradient Step follows: cross-entropy, or half
// the squared error (so that its gradient is o - t, as in spec/model.md).
func (n *Net) loss(x []float64, y []uint32) float64 {
	s := n.Spec
	B := len(y)
	in := n.Logits(x)
	C := s.Classes()
	var sum float64
	for b := range B {
		row := in[b*C : (b+1)*C]
		if s.Loss == model.SoftmaxCE {
			sum -= math.Log(softmax(row)[y[b]])
			continue
		}
		for j, v := range row {
			t := 0.0
			if j == int(y[b]) {
				t = 1
			}
			sum += 0.5 * (v - t) * (v - t)
		}
	}
	return sum / float64(B)
}

func (n *Net) clone() *Net {
	c := &Net{Spec: n.Spec}
	for l := range n.W {
		c.W = append(c.W, append([]float64(nil), n.W[l]...))
		c.B = append(c.B, append([]float64(nil), n.B[l]...))
	}
	return c
}

// TestStepFollowsGradient checks Step's update against central finite
// differences of the loss, for both losses and a two-hidden-layer net.
func TestStepFollowsGradient(t *testing.T) {
	for _, text := range []string{"3-5-4-3", "3-5-4-3:mse"} {
		spec, err := model.Parse(text)
		if err != nil {
			t.Fatal(err)
		}
		w, _ := model.Init(spec, 11)
		n := FromWeights(w)
		for l := range n.B {
			for i := range n.B[l] {
				n.B[l][i] = 0.05 * float64(i+1) // non-zero biases keep units active
			}
		}
		x := []float64{0.5, -1.2, 2.0, 1.5, 0.3, -0.7}
		y := []uint32{2, 0}
		const lr = 1e-3
		after := n.clone()
		after.Step(x, y, lr)
		const h = 1e-6
		for l := range n.W {
			for i := range n.W[l] {
				p := n.clone()
				p.W[l][i] += h
				m := n.clone()
				m.W[l][i] -= h
				num := (p.loss(x, y) - m.loss(x, y)) / (2 * h)
				got := (n.W[l][i] - after.W[l][i]) / lr
				if math.Abs(num-got) > 1e-4*math.Max(1, math.Abs(num)) {
					t.Fatalf("%s: dL/dW%d[%d]: step %.8f, finite difference %.8f", text, l+1, i, got, num)
				}
			}
		}
	}
}
