package circuits

import (
	"math/big"

	"github.com/consensys/gnark/frontend"
)

func cloneAssignment(c *StepCircuit) *StepCircuit {
	d := *c
	d.StateProof = append([]frontend.Variable(nil), c.StateProof...)
	d.Weights = append([]frontend.Variable(nil), c.Weights...)
	d.Samples = make([][]StepSample, len(c.Samples))
	for k := range c.Samples {
		d.Samples[k] = make([]StepSample, len(c.Samples[k]))
		for b, s := range c.Samples[k] {
			s.X = append([]frontend.Variable(nil), s.X...)
			s.Siblings = append([]frontend.Variable(nil), s.Siblings...)
			d.Samples[k][b] = s
		}
	}
	return &d
}

// slots returns pointers to every value of the assignment.
func (c *StepCircuit) slots() []*frontend.Variable {
	out := []*frontend.Variable{&c.RootBefore, &c.RootAfter, &c.DigestBefore, &c.DigestAfter, &c.JobID, &c.Owner, &c.StepsDone, &c.Status,
		&c.DatasetRoot, &c.DatasetSize, &c.LearningRate, &c.Seed, &c.InitWeights, &c.TotalSteps}
	for i := range c.StateProof {
		out = append(out, &c.StateProof[i])
	}
	for i := range c.Weights {
		out = append(out, &c.Weights[i])
	}
	for k := range c.Samples {
		for b := range c.Samples[k] {
			s := &c.Samples[k][b]
			out = append(out, &s.Index, &s.Y)
			for i := range s.X {
				out = append(out, &s.X[i])
			}
			for i := range s.Siblings {
				out = append(out, &s.Siblings[i])
			}
		}
	}
	return out
}

// bump adds d to a value of any integer type an assignment holds.
func bump(v frontend.Variable, d int64) frontend.Variable {
	x := new(big.Int)
	switch t := v.(type) {
	case int32:
		x.SetInt64(int64(t))
	case uint32:
		x.SetUint64(uint64(t))
	case int64:
		x.SetInt64(t)
	case uint64:
		x.SetUint64(t)
	case int:
		x.SetInt64(int64(t))
	case *big.Int:
		x.Set(t)
	default:
		panic("unexpected assignment type")
	}
	return x.Add(x, big.NewInt(d))
}
