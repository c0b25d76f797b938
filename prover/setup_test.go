package prover

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/std/rangecheck"
)

// rangeCircuit has public inputs, a range check (so a BSB22 commitment on
// every curve).
type rangeCircuit struct {
	X, Y frontend.Variable `gnark:",public"`
	Z    frontend.Variable
}

func (c *rangeCircuit) Define(api frontend.API) error {
	rc := rangecheck.New(api)
	for i := range 40 {
		v := api.Add(c.Z, i)
		rc.Check(v, 20)
	}
	api.AssertIsEqual(api.Mul(c.X, c.Z), c.Y)
	return nil
}

// TestFastSetupMatchesGnark checks, on every curve, that keys from the fast
// setup prove and verify with gnark's own prover and verifier, reject a
// wrong public input, have gnark's layout, and depend only on the seed.
func TestFastSetupMatchesGnark(t *testing.T) {
	for _, id := range []ecc.ID{ecc.BN254, ecc.BLS12_377, ecc.BW6_761} {
		t.Run(id.String(), func(t *testing.T) {
			ccs, err := frontend.Compile(id.ScalarField(), r1cs.NewBuilder, &rangeCircuit{})
			if err != nil {
				t.Fatal(err)
			}
			if len(ccs.GetCommitments().CommitmentIndexes()) != 1 {
				t.Fatal("test circuit has no commitment")
			}
			seed := [32]byte{1}
			pk, vk, err := fastSetup(ccs, rand.NewChaCha8(seed), nil)
			if err != nil {
				t.Fatal(err)
			}
			good, _ := frontend.NewWitness(&rangeCircuit{X: 3, Y: 3000, Z: 1000}, id.ScalarField())
			pub, _ := good.Public()
			proof, err := groth16.Prove(ccs, pk, good)
			if err != nil {
				t.Fatal(err)
			}
			if err := groth16.Verify(proof, vk, pub); err != nil {
				t.Fatalf("fast keys: proof rejected: %v", err)
			}
			other, _ := frontend.NewWitness(&rangeCircuit{X: 3, Y: 3001}, id.ScalarField(), frontend.PublicOnly())
			if groth16.Verify(proof, vk, other) == nil {
				t.Fatal("fast keys: proof accepted for another public input")
			}

			// Layout: the lengths and infinity flags of gnark's keys.
			gpk, gvk, err := groth16.Setup(ccs)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := keyShape(pk, vk), keyShape(gpk, gvk); got != want {
				t.Fatalf("key layout\n got %s\nwant %s", got, want)
			}

			// Same seed, same keys; another seed, other keys.
			_, vk2, _ := fastSetup(ccs, rand.NewChaCha8(seed), nil)
			_, vk3, _ := fastSetup(ccs, rand.NewChaCha8([32]byte{2}), nil)
			if !bytes.Equal(raw(t, vk), raw(t, vk2)) || bytes.Equal(raw(t, vk), raw(t, vk3)) {
				t.Fatal("keys do not follow the seed")
			}
		})
	}
}

// keyShape describes a key pair's layout without its points.
func keyShape(pk groth16.ProvingKey, vk groth16.VerifyingKey) string {
	v := reflect.ValueOf(pk).Elem()
	var b bytes.Buffer
	for _, f := range []string{"InfinityA", "InfinityB", "NbInfinityA", "NbInfinityB"} {
		fmt.Fprintf(&b, "%s=%v ", f, v.FieldByName(f).Interface())
	}
	for _, g := range []string{"G1", "G2"} {
		s := v.FieldByName(g)
		for i := range s.NumField() {
			if s.Field(i).Kind() == reflect.Slice {
				fmt.Fprintf(&b, "%s.%s=%d ", g, s.Type().Field(i).Name, s.Field(i).Len())
			}
		}
	}
	fmt.Fprintf(&b, "commitments=%d ", v.FieldByName("CommitmentKeys").Len())
	w := reflect.ValueOf(vk).Elem()
	fmt.Fprintf(&b, "vk.K=%d vk.commitments=%d committed=%v", w.FieldByName("G1").FieldByName("K").Len(),
		w.FieldByName("CommitmentKeys").Len(), w.FieldByName("PublicAndCommitmentCommitted").Interface())
	return b.String()
}

func raw(t *testing.T, vk groth16.VerifyingKey) []byte {
	var b bytes.Buffer
	if _, err := vk.WriteRawTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// mulChain is n multiplications and n range-checked values.
type mulChain struct {
	X frontend.Variable `gnark:",public"`
	n int
}

func (c *mulChain) Define(api frontend.API) error {
	rc := rangecheck.New(api)
	v := c.X
	for i := range c.n {
		v = api.Mul(v, api.Add(v, i))
		rc.Check(api.Add(c.X, i), 32)
	}
	api.AssertIsDifferent(v, 0)
	return nil
}

// BenchmarkSetup compares gnark's groth16.Setup with the fast setup on the
// same circuit of about 2^17 constraints, per curve:
//
//	go test ./prover -run '^$' -bench BenchmarkSetup -benchtime 1x
func BenchmarkSetup(b *testing.B) {
	for _, id := range []ecc.ID{ecc.BN254, ecc.BLS12_377, ecc.BW6_761} {
		ccs, err := frontend.Compile(id.ScalarField(), r1cs.NewBuilder, &mulChain{n: 1 << 16})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("%s/%dk/gnark", id, ccs.GetNbConstraints()/1000), func(b *testing.B) {
			for b.Loop() {
				if _, _, err := groth16.Setup(ccs); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("%s/%dk/fast", id, ccs.GetNbConstraints()/1000), func(b *testing.B) {
			for b.Loop() {
				if _, _, err := fastSetup(ccs, rand.NewChaCha8([32]byte{}), nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestImportCeremonyKeys imports keys made elsewhere (gnark's own setup
// stands in for a ceremony's output) and requires the store to use them
// from then on; keys of another circuit or garbage are refused.
func TestImportCeremonyKeys(t *testing.T) {
	ks, err := NewKeyStore(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	ccs, err := frontend.Compile(ecc.BN254.ScalarField(), r1cs.NewBuilder, &rangeCircuit{})
	if err != nil {
		t.Fatal(err)
	}
	pk, vk, err := groth16.Setup(ccs)
	if err != nil {
		t.Fatal(err)
	}
	var pkb, vkb bytes.Buffer
	pk.WriteTo(&pkb)
	vk.WriteTo(&vkb)

	if _, err := ks.Import("other", ecc.BN254, &mulChain{n: 4}, bytes.NewReader(pkb.Bytes()), bytes.NewReader(vkb.Bytes())); err == nil {
		t.Error("keys of another circuit imported")
	}
	if _, err := ks.Import("range", ecc.BN254, &rangeCircuit{}, bytes.NewReader(pkb.Bytes()[:100]), bytes.NewReader(vkb.Bytes())); err == nil {
		t.Error("truncated proving key imported")
	}
	if _, err := ks.Import("range", ecc.BN254, &rangeCircuit{}, bytes.NewReader(pkb.Bytes()), bytes.NewReader(vkb.Bytes())); err != nil {
		t.Fatal(err)
	}
	keys, err := ks.Setup("range", ecc.BN254, &rangeCircuit{})
	if err != nil {
		t.Fatal(err)
	}
	if keys.Randomness != Ceremony || keys.SetupTime != 0 || !bytes.Equal(raw(t, keys.VK), raw(t, vk)) {
		t.Fatalf("store did not use the imported keys (randomness %s)", keys.Randomness)
	}
}
