package circuits

import (
	"fmt"
	"math/big"

	"github.com/consensys/gnark/constraint/solver"

	"github.com/trainrollup/trainrollup/fixed"
)

func init() {
	solver.RegisterHint(Hints()...)
}

// Hints returns every hint of this package, for provers that solve the
// circuits outside this process's registry.
func Hints() []solver.Hint {
	return []solver.Hint{shiftSatHint, reluHint, divModHint, maxHint, geqHint, oneHotHint, splitHint}
}

// signed reads a field element as a signed integer in (-r/2, r/2).
func signed(mod, x *big.Int) *big.Int {
	v := new(big.Int).Set(x)
	if v.Cmp(new(big.Int).Rsh(mod, 1)) > 0 {
		v.Sub(v, mod)
	}
	return v
}

// setSigned writes a signed integer as a field element.
func setSigned(mod, out *big.Int, v *big.Int) {
	out.Mod(v, mod)
}

// shiftSatHint computes, for x and s, the native fixed.Shift quotient q and
// remainder r, and the split q = z + cp - cn where z = Sat(q) (if inputs[2]
// is 1) or z = q (saturation off). Outputs: z, r, cp, cn.
func shiftSatHint(mod *big.Int, inputs, outputs []*big.Int) error {
	if len(inputs) != 3 || len(outputs) != 4 {
		return fmt.Errorf("shiftSatHint: %d inputs, %d outputs", len(inputs), len(outputs))
	}
	x := signed(mod, inputs[0])
	s := uint(inputs[1].Uint64())
	sat := inputs[2].Sign() != 0
	// q = floor((x + 2^(s-1)) / 2^s) with Euclidean division (r >= 0).
	num := new(big.Int).Set(x)
	if s > 0 {
		num.Add(num, new(big.Int).Lsh(big.NewInt(1), s-1))
	}
	q, r := new(big.Int).DivMod(num, new(big.Int).Lsh(big.NewInt(1), s), new(big.Int))
	z := new(big.Int).Set(q)
	cp, cn := new(big.Int), new(big.Int)
	if sat {
		if z.Cmp(big.NewInt(fixed.Max)) > 0 {
			cp.Sub(q, big.NewInt(fixed.Max))
			z.SetInt64(fixed.Max)
		} else if z.Cmp(big.NewInt(fixed.Min)) < 0 {
			cn.Sub(big.NewInt(fixed.Min), q)
			z.SetInt64(fixed.Min)
		}
	}
	setSigned(mod, outputs[0], z)
	outputs[1].Set(r)
	outputs[2].Set(cp)
	outputs[3].Set(cn)
	return nil
}

// reluHint outputs 1 if the signed input is positive, else 0.
func reluHint(mod *big.Int, inputs, outputs []*big.Int) error {
	if len(inputs) != 1 || len(outputs) != 1 {
		return fmt.Errorf("reluHint: %d inputs, %d outputs", len(inputs), len(outputs))
	}
	if signed(mod, inputs[0]).Sign() > 0 {
		outputs[0].SetInt64(1)
	} else {
		outputs[0].SetInt64(0)
	}
	return nil
}

// divModHint returns floor(a / b) and a mod b for signed a and b > 0
// (Euclidean: the remainder is in [0, b)).
func divModHint(mod *big.Int, inputs, outputs []*big.Int) error {
	if len(inputs) != 2 || len(outputs) != 2 {
		return fmt.Errorf("divModHint: %d inputs, %d outputs", len(inputs), len(outputs))
	}
	a, b := signed(mod, inputs[0]), signed(mod, inputs[1])
	if b.Sign() <= 0 {
		return fmt.Errorf("divModHint: divisor %s is not positive", b)
	}
	q, r := new(big.Int).DivMod(a, b, new(big.Int))
	setSigned(mod, outputs[0], q)
	outputs[1].Set(r)
	return nil
}

// maxHint returns the largest of its signed inputs.
func maxHint(mod *big.Int, inputs, outputs []*big.Int) error {
	if len(inputs) == 0 || len(outputs) != 1 {
		return fmt.Errorf("maxHint: %d inputs, %d outputs", len(inputs), len(outputs))
	}
	m := signed(mod, inputs[0])
	for _, x := range inputs[1:] {
		if v := signed(mod, x); v.Cmp(m) > 0 {
			m = v
		}
	}
	setSigned(mod, outputs[0], m)
	return nil
}

// geqHint returns 1 if signed a >= signed b, else 0.
func geqHint(mod *big.Int, inputs, outputs []*big.Int) error {
	if len(inputs) != 2 || len(outputs) != 1 {
		return fmt.Errorf("geqHint: %d inputs, %d outputs", len(inputs), len(outputs))
	}
	if signed(mod, inputs[0]).Cmp(signed(mod, inputs[1])) >= 0 {
		outputs[0].SetInt64(1)
	} else {
		outputs[0].SetInt64(0)
	}
	return nil
}

// oneHotHint returns len(outputs) bits with a 1 at index inputs[0] (none if
// it is out of range: the constraints then fail).
func oneHotHint(_ *big.Int, inputs, outputs []*big.Int) error {
	if len(inputs) != 1 {
		return fmt.Errorf("oneHotHint: %d inputs", len(inputs))
	}
	for i := range outputs {
		outputs[i].SetInt64(0)
	}
	if y := inputs[0]; y.IsInt64() && y.Int64() >= 0 && y.Int64() < int64(len(outputs)) {
		outputs[y.Int64()].SetInt64(1)
	}
	return nil
}
