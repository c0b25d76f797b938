package circuits

import (
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
	"github.com/consensys/gnark/frontend"

	"github.com/trainrollup/trainrollup/commit"
)

// MaxDatasetBits bounds a dataset's size in the step circuit: N <= 2^25
// (an index and N - 1 - index are range checked to this many bits).
const MaxDatasetBits = 25

// orderModulus is r = orderHigh * 2^64 + orderLow, the BLS12-377 scalar
// field's modulus split where the order rule cuts a field element
// (spec/dataset.md#order).
var orderHigh, orderLow = func() (*big.Int, *big.Int) {
	r := fr.Modulus()
	return new(big.Int).Rsh(r, 64), new(big.Int).And(r, new(big.Int).SetUint64(^uint64(0)))
}()

// OrderKey is H(TagOrder, seed): the key of a seeded job's sample order.
func (h *Hasher) OrderKey(seed frontend.Variable) frontend.Variable {
	return h.Hash(commit.TagOrder, seed)
}

// SeededIndex constrains and returns index b of step t of a seeded job
// (spec/dataset.md#order, dataset.Order.Index): the low 64 bits of
// H(TagOrder, seed, t, b), mod n. stepKey is H(TagOrder, seed, t)
// (Compress(OrderKey(seed), t)). The caller constrains n to [1,
// 2^MaxDatasetBits] (the step circuit range checks DatasetSize); the
// gadget alone bounds it below 2^26 only.
//
// The low 64 bits come from the canonical decomposition v = lo + 2^64 hi
// (the integer below r, so that the prover has no second choice), and
// lo = q n + idx with idx < n.
func (a *Arith) SeededIndex(h *Hasher, stepKey, b, n frontend.Variable) frontend.Variable {
	api := a.api
	v := h.Compress(stepKey, b)
	split, err := api.Compiler().NewHint(splitHint, 2, v)
	if err != nil {
		panic(err) // a hint with a fixed number of outputs: cannot fail
	}
	lo, hi := split[0], split[1]
	a.Check(lo, 64)
	a.Check(hi, 189)
	api.AssertIsEqual(v, api.Add(lo, api.Mul(hi, new(big.Int).Lsh(big.NewInt(1), 64))))
	// Canonical: hi <= orderHigh, and lo < orderLow when hi = orderHigh.
	a.Check(api.Sub(orderHigh, hi), 189)
	top := api.IsZero(api.Sub(hi, orderHigh))
	a.Check(api.Select(top, api.Sub(new(big.Int).Sub(orderLow, big.NewInt(1)), lo), 0), 64)

	qr, err := api.Compiler().NewHint(divModHint, 2, lo, n)
	if err != nil {
		panic(err)
	}
	q, idx := qr[0], qr[1]
	a.Check(q, 64)
	a.Check(idx, MaxDatasetBits)
	a.Check(api.Sub(api.Sub(n, 1), idx), MaxDatasetBits) // idx < n
	// q < 2^64, n <= 2^25, idx < 2^25: q n + idx does not wrap.
	api.AssertIsEqual(lo, api.Add(api.Mul(q, n), idx))
	return idx
}

// splitHint returns v mod 2^64 and v >> 64 for v's canonical integer.
func splitHint(_ *big.Int, inputs, outputs []*big.Int) error {
	if len(inputs) != 1 || len(outputs) != 2 {
		return fmt.Errorf("splitHint: %d inputs, %d outputs", len(inputs), len(outputs))
	}
	outputs[0].And(inputs[0], new(big.Int).SetUint64(^uint64(0)))
	outputs[1].Rsh(inputs[0], 64)
	return nil
}
