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
	return []solver.Hint{shiftSatHint, reluHint}
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
