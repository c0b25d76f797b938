package circuits

import (
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
	"github.com/consensys/gnark/constraint/solver"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/test"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/dataset"
)

// orderCircuit checks the indices of step Step of a seeded job.
type orderCircuit struct {
	Seed, Step, N frontend.Variable
	Indices       []frontend.Variable
}

func (c *orderCircuit) Define(api frontend.API) error {
	h, err := NewHasher(api)
	if err != nil {
		return err
	}
	a := NewArith(api)
	key := h.Compress(h.OrderKey(c.Seed), c.Step)
	for b, idx := range c.Indices {
		api.AssertIsEqual(a.SeededIndex(h, key, b, c.N), idx)
	}
	return nil
}

func orderAssignment(seed, step, n uint64, batch int) *orderCircuit {
	w := &orderCircuit{Seed: seed, Step: step, N: n}
	for _, idx := range dataset.NewOrder(seed, n).Step(step, batch) {
		w.Indices = append(w.Indices, idx)
	}
	return w
}

// TestSeededIndex: the circuit accepts exactly the indices of
// dataset.Order, in the test engine and in the R1CS solver, and refuses
// any other index, a non-canonical split of the hash and a quotient that
// leaves a remainder of n or more.
func TestSeededIndex(t *testing.T) {
	const batch = 4
	shape := &orderCircuit{Indices: make([]frontend.Variable, batch)}
	ccs, err := frontend.Compile(field, r1cs.NewBuilder, shape)
	if err != nil {
		t.Fatal(err)
	}
	solve := func(w *orderCircuit, opts ...solver.Option) error {
		t.Helper()
		wit, err := frontend.NewWitness(w, field)
		if err != nil {
			t.Fatal(err)
		}
		_, err = ccs.Solve(wit, opts...)
		return err
	}
	for _, tc := range []struct{ seed, step, n uint64 }{
		{1, 0, 1}, {1, 0, 2}, {7, 3, 120}, {^uint64(0), 1 << 40, 60000}, {42, 9, 1 << MaxDatasetBits},
	} {
		good := orderAssignment(tc.seed, tc.step, tc.n, batch)
		if err := test.IsSolved(shape, good, field); err != nil {
			t.Fatalf("%+v: the protocol's indices %v refused: %v", tc, good.Indices, err)
		}
		if err := solve(good); err != nil {
			t.Fatalf("%+v: the R1CS solver refused the protocol's indices: %v", tc, err)
		}
		for b := range batch {
			for _, other := range []uint64{good.Indices[b].(uint64) + 1, good.Indices[b].(uint64) + tc.n} {
				bad := orderAssignment(tc.seed, tc.step, tc.n, batch)
				bad.Indices[b] = other
				if test.IsSolved(shape, bad, field) == nil || solve(bad) == nil {
					t.Fatalf("%+v: index %d = %d accepted (the protocol's is %d)", tc, b, other, good.Indices[b])
				}
			}
		}
		// Another step's or another seed's indices.
		if tc.n > 1 {
			for _, bad := range []*orderCircuit{orderAssignment(tc.seed, tc.step+1, tc.n, batch), orderAssignment(tc.seed+1, tc.step, tc.n, batch)} {
				bad.Seed, bad.Step = tc.seed, tc.step
				if test.IsSolved(shape, bad, field) == nil || solve(bad) == nil {
					t.Fatalf("%+v: the indices of another step or seed accepted: %v", tc, bad.Indices)
				}
			}
		}
	}

	// A prover that splits v + r instead of v (where it fits the range
	// checks, below 2^253) claims the low bits of v + r: refused by the
	// canonical check alone.
	r := fr.Modulus()
	mask := new(big.Int).SetUint64(^uint64(0))
	nonCanonical := func(m *big.Int, in, out []*big.Int) error {
		if v := new(big.Int).Add(in[0], r); v.BitLen() <= 253 {
			out[0].And(v, mask)
			out[1].Rsh(v, 64)
			return nil
		}
		return splitHint(m, in, out)
	}
	const seed, step, n = 5, 2, 120
	evil := orderAssignment(seed, step, n, batch)
	key := commit.Compress(commit.Hash(commit.FromUint64(commit.TagOrder), commit.FromUint64(seed)), commit.FromUint64(step))
	tampered := 0
	for b := range batch {
		e := commit.Compress(key, commit.FromUint64(uint64(b)))
		v := new(big.Int).Add(e.BigInt(new(big.Int)), r)
		if v.BitLen() <= 253 {
			evil.Indices[b] = new(big.Int).Mod(new(big.Int).And(v, mask), big.NewInt(n)).Uint64()
			if evil.Indices[b] != orderAssignment(seed, step, n, batch).Indices[b] {
				tampered++
			}
		}
	}
	if tampered == 0 {
		t.Fatal("no index of the test changes with a non-canonical split: the test checks nothing")
	}
	if test.IsSolved(shape, evil, field, test.WithReplacementHint(hintID(splitHint), nonCanonical)) == nil ||
		solve(evil, solver.OverrideHint(hintID(splitHint), nonCanonical)) == nil {
		t.Error("the low bits of v + r accepted as an index")
	}

	// Each range check of the gadget, against the prover it stops: one
	// that picks another index and the quotient that makes it fit (q is
	// range checked), one that moves 2^64 from hi to lo (lo is), one that
	// claims idx - n with q + 1 (idx is, not only idx < n).
	honest := orderAssignment(seed, step, n, batch)
	lows := make([]*big.Int, batch)
	for b := range batch {
		e := commit.Compress(key, commit.FromUint64(uint64(b)))
		lows[b] = new(big.Int).And(e.BigInt(new(big.Int)), mask)
	}
	nInv := new(big.Int).ModInverse(big.NewInt(n), r)
	for name, tc := range map[string]struct {
		id    solver.HintID
		hint  solver.Hint
		claim func(b int) *big.Int
	}{
		"a quotient of any size": {hintID(divModHint), func(m *big.Int, in, out []*big.Int) error {
			idx := new(big.Int).Mod(new(big.Int).Add(new(big.Int).Mod(in[0], in[1]), big.NewInt(1)), in[1])
			out[1].Set(idx)
			out[0].Mod(new(big.Int).Mul(new(big.Int).Sub(in[0], idx), nInv), m)
			return nil
		}, func(b int) *big.Int { return big.NewInt(int64((honest.Indices[b].(uint64) + 1) % n)) }},
		"2^64 moved from hi to lo": {hintID(splitHint), func(m *big.Int, in, out []*big.Int) error {
			if err := splitHint(m, in, out); err != nil {
				return err
			}
			out[0].Add(out[0], new(big.Int).Lsh(big.NewInt(1), 64))
			out[1].Sub(out[1], big.NewInt(1))
			return nil
		}, func(b int) *big.Int {
			return new(big.Int).Mod(new(big.Int).Add(lows[b], new(big.Int).Lsh(big.NewInt(1), 64)), big.NewInt(n))
		}},
		"a negative index": {hintID(divModHint), func(m *big.Int, in, out []*big.Int) error {
			if err := divModHint(m, in, out); err != nil {
				return err
			}
			out[0].Add(out[0], big.NewInt(1))
			out[1].Mod(new(big.Int).Sub(out[1], in[1]), m)
			return nil
		}, func(b int) *big.Int {
			return new(big.Int).Mod(big.NewInt(int64(honest.Indices[b].(uint64))-n), r)
		}},
	} {
		w := orderAssignment(seed, step, n, batch)
		for b := range batch {
			w.Indices[b] = tc.claim(b)
		}
		if test.IsSolved(shape, w, field, test.WithReplacementHint(tc.id, tc.hint)) == nil ||
			solve(w, solver.OverrideHint(tc.id, tc.hint)) == nil {
			t.Errorf("%s: accepted", name)
		}
	}

	// A prover that divides with a remainder of n or more claims it.
	bigRemainder := func(m *big.Int, in, out []*big.Int) error {
		if err := divModHint(m, in, out); err != nil {
			return err
		}
		if out[0].Sign() > 0 {
			out[0].Sub(out[0], big.NewInt(1))
			out[1].Add(out[1], in[1])
		}
		return nil
	}
	over := orderAssignment(seed, step, n, batch)
	for b := range batch {
		over.Indices[b] = over.Indices[b].(uint64) + n
	}
	if test.IsSolved(shape, over, field, test.WithReplacementHint(hintID(divModHint), bigRemainder)) == nil ||
		solve(over, solver.OverrideHint(hintID(divModHint), bigRemainder)) == nil {
		t.Error("a remainder of n or more accepted as an index")
	}
}

// TestSeededIndexConstraints measures the order rule's cost: constraints
// per index (one Compress, the canonical split, the division), and per
// step (the step key).
func TestSeededIndexConstraints(t *testing.T) {
	count := func(batch int) int {
		ccs, err := frontend.Compile(field, r1cs.NewBuilder, &orderCircuit{Indices: make([]frontend.Variable, batch)})
		if err != nil {
			t.Fatal(err)
		}
		return ccs.GetNbConstraints()
	}
	c8, c16 := count(8), count(16)
	perIndex := (c16 - c8) / 8
	t.Logf("order rule: %d constraints per index (batch 8: %d in all, with the key and the step key)", perIndex, c8)
	if perIndex > 2*CompressConstraints {
		t.Fatalf("%d constraints per index: more than two compressions", perIndex)
	}
}
