// The other curves' setup_*_test.go are generated from this file by prover/internal/gensetup: edit here, then go generate ./prover.

package prover

import (
	"math/big"
	"math/rand/v2"
	"testing"

	curve "github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
)

// TestFixedBaseMulBN254 checks the table multiplication against
// gnark-crypto's scalar multiplication, edge scalars included, in G1 and
// G2.
func TestFixedBaseMulBN254(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	scalars := make([]fr.Element, 0, 1000)
	var minusOne fr.Element
	minusOne.SetOne().Neg(&minusOne)
	scalars = append(scalars, fr.NewElement(0), fr.NewElement(1), fr.NewElement(2), minusOne)
	for len(scalars) < cap(scalars) {
		var e fr.Element
		var buf [64]byte
		for i := range buf {
			buf[i] = byte(r.Uint32())
		}
		scalars = append(scalars, *e.SetBytes(buf[:]))
	}
	_, _, g1, g2 := curve.Generators()
	p1, p2 := mulGeneratorsBN254(scalars, scalars, nil)
	for i := range scalars {
		s := scalars[i].BigInt(new(big.Int))
		var w1 curve.G1Affine
		var w2 curve.G2Affine
		w1.ScalarMultiplication(&g1, s)
		w2.ScalarMultiplication(&g2, s)
		if !p1[i].Equal(&w1) || !p2[i].Equal(&w2) {
			t.Fatalf("scalar %d (%v): table product differs", i, s)
		}
	}
}
