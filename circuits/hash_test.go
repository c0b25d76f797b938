package circuits

import (
	"math/rand/v2"
	"testing"

	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/test"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/fixed"
)

type hashCircuit struct {
	Values   []frontend.Variable // fixed-point values, packed then hashed
	Index    frontend.Variable
	Siblings []frontend.Variable
	Digest   frontend.Variable // commit.Hash(tag, Pack(values)...)
	Root     frontend.Variable // root of the sample leaf at Index
	Label    frontend.Variable
}

func (c *hashCircuit) Define(api frontend.API) error {
	h, err := NewHasher(api)
	if err != nil {
		return err
	}
	a := NewArith(api)
	for _, v := range c.Values {
		a.CheckValue(v)
	}
	packed := Pack(api, c.Values)
	api.AssertIsEqual(h.Hash(append([]frontend.Variable{commit.TagWeights}, packed...)...), c.Digest)
	leaf := h.Hash(append([]frontend.Variable{commit.TagSample, c.Label}, packed...)...)
	bits := api.ToBinary(c.Index, len(c.Siblings))
	api.AssertIsEqual(h.RootFromPath(leaf, bits, c.Siblings), c.Root)
	return nil
}

func TestHashGadgets(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	const n, depth = 23, 5
	d := &dataset.Dataset{Name: "t", Features: n, Classes: 4}
	for i := range 20 {
		for k := range n {
			v := int32(rng.Int64N(fixed.Max-fixed.Min+1) + fixed.Min)
			switch k {
			case 0:
				v = fixed.Max
			case 1:
				v = fixed.Min
			}
			d.X = append(d.X, v)
		}
		d.Y = append(d.Y, uint32(i%4))
	}
	tree, err := dataset.NewTree(d)
	if err != nil {
		t.Fatal(err)
	}
	shape := &hashCircuit{Values: make([]frontend.Variable, n), Siblings: make([]frontend.Variable, depth)}
	for _, idx := range []int{0, 13, 19} {
		x, y := d.Sample(idx)
		path, _ := tree.Proof(idx)
		var h commit.Hasher
		h.WriteUint64(commit.TagWeights)
		for _, e := range commit.Pack(x) {
			h.Write(e)
		}
		w := &hashCircuit{Values: make([]frontend.Variable, n), Siblings: make([]frontend.Variable, depth), Index: idx, Label: y, Digest: h.Sum(), Root: tree.Root()}
		for k := range x {
			w.Values[k] = x[k]
		}
		for k := range path {
			w.Siblings[k] = path[k]
		}
		if err := test.IsSolved(shape, w, field); err != nil {
			t.Fatalf("sample %d: native commitments rejected: %v", idx, err)
		}
		tamper := map[string]func(c *hashCircuit){
			"value":   func(c *hashCircuit) { c.Values[3] = int64(x[3]) + 1 },
			"label":   func(c *hashCircuit) { c.Label = y + 1 },
			"index":   func(c *hashCircuit) { c.Index = idx ^ 1 },
			"sibling": func(c *hashCircuit) { c.Siblings[2] = 7 },
			"range":   func(c *hashCircuit) { c.Values[0] = int64(fixed.Max) + 1; c.Values[1] = int64(x[1]) - 1 },
			"digest":  func(c *hashCircuit) { c.Digest = 1 },
		}
		for name, f := range tamper {
			bad := *w
			bad.Values = append([]frontend.Variable(nil), w.Values...)
			bad.Siblings = append([]frontend.Variable(nil), w.Siblings...)
			f(&bad)
			if test.IsSolved(shape, &bad, field) == nil {
				t.Fatalf("sample %d: tampered %s accepted", idx, name)
			}
		}
	}
}
