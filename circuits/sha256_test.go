package circuits

import (
	"crypto/sha256"
	"math/rand/v2"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/test"
)

type sha256Circuit struct {
	Msg    []frontend.Variable // bytes
	Digest [32]frontend.Variable
}

func (c *sha256Circuit) Define(api frontend.API) error {
	var bits []frontend.Variable
	for _, b := range c.Msg {
		le := api.ToBinary(b, 8)
		for i := 7; i >= 0; i-- {
			bits = append(bits, le[i])
		}
	}
	out := SHA256Bits(api, bits)
	for i := range c.Digest {
		var be []frontend.Variable
		for j := 7; j >= 0; j-- {
			be = append(be, out[8*i+j])
		}
		api.AssertIsEqual(api.FromBinary(be...), c.Digest[i])
	}
	return nil
}

func sha256Assignment(msg []byte) *sha256Circuit {
	c := &sha256Circuit{Msg: make([]frontend.Variable, len(msg))}
	for i, b := range msg {
		c.Msg[i] = b
	}
	d := sha256.Sum256(msg)
	for i, b := range d {
		c.Digest[i] = b
	}
	return c
}

// TestSHA256Bits checks the gadget against crypto/sha256 on lengths around
// the padding boundaries, and that a wrong digest or message is rejected.
func TestSHA256Bits(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 3, 55, 56, 64, 119, 120, 152} {
		msg := make([]byte, n)
		for i := range msg {
			msg[i] = byte(r.Uint32())
		}
		circuit := &sha256Circuit{Msg: make([]frontend.Variable, n)}
		d := sha256.Sum256(msg)
		badDigest := sha256Assignment(msg)
		badDigest.Digest[31] = d[31] ^ 1
		opts := []test.TestingOption{test.WithValidAssignment(sha256Assignment(msg)), test.WithInvalidAssignment(badDigest),
			test.WithCurves(ecc.BW6_761), test.WithBackends(backend.GROTH16), test.NoFuzzing(), test.NoSerializationChecks(), test.NoProverChecks()}
		if n > 0 {
			badMsg := sha256Assignment(msg)
			badMsg.Msg[n/2] = msg[n/2] ^ 0x10
			opts = append(opts, test.WithInvalidAssignment(badMsg))
		}
		test.NewAssert(t).CheckCircuit(circuit, opts...)
	}
}

// TestSHA256Constraints pins the gadget's cost for the aggregation claim
// (152 bytes, three blocks).
func TestSHA256Constraints(t *testing.T) {
	ccs, err := frontend.Compile(ecc.BW6_761.ScalarField(), r1cs.NewBuilder, &sha256Circuit{Msg: make([]frontend.Variable, 152)})
	if err != nil {
		t.Fatal(err)
	}
	n := ccs.GetNbConstraints()
	t.Logf("SHA-256 of 152 bytes: %d constraints", n)
	if n > 3*28000 {
		t.Fatalf("SHA-256 of 152 bytes: %d constraints, more than 28k per block", n)
	}
}
