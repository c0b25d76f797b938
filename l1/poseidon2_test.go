package l1_test

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-377/fr"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/internal/evmtest"
	"github.com/trainrollup/trainrollup/state"
)

func element(e commit.Element) *big.Int { return e.BigInt(new(big.Int)) }

// call returns method's one result as an integer, and the gas.
func call(t *testing.T, d *evmtest.Contract, method string, args ...any) (*big.Int, uint64, error) {
	t.Helper()
	vals, gas, err := d.Call(t, method, args...)
	if err != nil {
		return nil, 0, err
	}
	return vals[0].(*big.Int), gas, nil
}

// TestPoseidon2Solidity checks the Solidity hash against commit (which is
// gnark-crypto's Poseidon2) on random and edge values, the state tree's
// root from a real proof, and that values outside the field are refused.
func TestPoseidon2Solidity(t *testing.T) {
	d := evmtest.DeployTest(t, "Poseidon2Harness")
	r := rand.New(rand.NewPCG(7, 8))
	random := func() commit.Element {
		var b [48]byte
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		var e commit.Element
		e.SetBytes(b[:])
		return e
	}
	var minusOne commit.Element
	minusOne.SetOne().Neg(&minusOne)
	pairs := [][2]commit.Element{{}, {minusOne, minusOne}, {commit.FromUint64(1), commit.FromUint64(2)}}
	for range 20 {
		pairs = append(pairs, [2]commit.Element{random(), random()})
	}
	var gas uint64
	for _, p := range pairs {
		got, g, err := call(t, d, "compress", element(p[0]), element(p[1]))
		if err != nil {
			t.Fatal(err)
		}
		if want := commit.Compress(p[0], p[1]); got.Cmp(element(want)) != 0 {
			t.Fatalf("compress(%v, %v) = %v, want %v", p[0].String(), p[1].String(), got, want.String())
		}
		gas = g
	}
	t.Logf("compress: %d gas (transaction)", gas)

	xs := []commit.Element{commit.FromUint64(commit.TagJob), random(), random(), random(), random()}
	args := make([]*big.Int, len(xs))
	for i := range xs {
		args[i] = element(xs[i])
	}
	if got, _, err := call(t, d, "hash", args); err != nil || got.Cmp(element(commit.Hash(xs...))) != 0 {
		t.Fatalf("hash: %v, %v", got, err)
	}

	// The state tree's path rule (state.RootFromProof), full depth.
	leaf, key := random(), state.JobID(0xdeadbeef)
	siblings := make([]commit.Element, state.Depth)
	for i := range siblings {
		siblings[i] = random()
	}
	sib := make([]*big.Int, len(siblings))
	for i := range siblings {
		sib[i] = element(siblings[i])
	}
	got, g, err := call(t, d, "rootFromPath", element(leaf), new(big.Int).SetUint64(uint64(key)), sib)
	if err != nil {
		t.Fatal(err)
	}
	if want := state.RootFromProof(key, leaf, siblings); got.Cmp(element(want)) != 0 {
		t.Fatalf("rootFromPath = %v, want %v", got, want.String())
	}
	t.Logf("rootFromPath, depth %d: %d gas (transaction)", state.Depth, g)

	// Out of the field: refused.
	mod := fr.Modulus()
	if _, _, err := call(t, d, "compress", mod, big.NewInt(1)); err == nil {
		t.Error("compress accepted r as its left input")
	}
	if _, _, err := call(t, d, "hash", []*big.Int{big.NewInt(1), new(big.Int).Add(mod, big.NewInt(3))}); err == nil {
		t.Error("hash accepted r + 3")
	}
	sib[5] = new(big.Int).Lsh(big.NewInt(1), 255)
	if _, _, err := call(t, d, "rootFromPath", element(leaf), big.NewInt(1), sib); err == nil {
		t.Error("rootFromPath accepted a sibling of 2^255")
	}
}
