package circuits

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc"
	fr_bls12377 "github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/algebra/native/sw_bls12377"
	"github.com/consensys/gnark/std/math/emulated"
	stdgroth16 "github.com/consensys/gnark/std/recursion/groth16"

	"github.com/trainrollup/trainrollup/commit"
)

// Claim is what one aggregated proof asserts (spec/proofs.md#claim): a run
// of step proofs on chain ChainID, covering batches FirstBatch..LastBatch,
// takes the state from RootBefore to RootAfter and the running transaction
// digest from DigestBefore to DigestAfter.
type Claim struct {
	ChainID      uint64
	FirstBatch   uint64
	LastBatch    uint64
	RootBefore   commit.Element
	RootAfter    commit.Element
	DigestBefore commit.Element
	DigestAfter  commit.Element
}

// ClaimLen is the length of a claim's encoding.
const ClaimLen = 3*8 + 4*32

// Encode returns the claim's bytes: the three numbers as 8-byte big-endian
// integers, then the four field elements as 32-byte big-endian integers.
func (c *Claim) Encode() []byte {
	b := make([]byte, 0, ClaimLen)
	b = binary.BigEndian.AppendUint64(b, c.ChainID)
	b = binary.BigEndian.AppendUint64(b, c.FirstBatch)
	b = binary.BigEndian.AppendUint64(b, c.LastBatch)
	for _, e := range []*commit.Element{&c.RootBefore, &c.RootAfter, &c.DigestBefore, &c.DigestAfter} {
		v := e.Bytes()
		b = append(b, v[:]...)
	}
	return b
}

// DecodeClaim reads a claim from the first ClaimLen bytes of b (the
// encoding of Claim.Encode), rejecting field elements that are not
// canonical.
func DecodeClaim(b []byte) (*Claim, error) {
	if len(b) < ClaimLen {
		return nil, fmt.Errorf("claim: %d bytes, want %d", len(b), ClaimLen)
	}
	c := &Claim{ChainID: binary.BigEndian.Uint64(b), FirstBatch: binary.BigEndian.Uint64(b[8:]), LastBatch: binary.BigEndian.Uint64(b[16:])}
	for i, e := range []*commit.Element{&c.RootBefore, &c.RootAfter, &c.DigestBefore, &c.DigestAfter} {
		if err := e.SetBytesCanonical(b[24+32*i : 56+32*i]); err != nil {
			return nil, fmt.Errorf("claim: field element %d: %w", i, err)
		}
	}
	return c, nil
}

// PublicInputBits is the width of a claim's public input.
const PublicInputBits = 253

// PublicInput is the one public input of the aggregation and wrap proofs:
// SHA-256 of the encoding, read as a big-endian integer, mod 2^253 (which
// is below the BN254 scalar field's modulus).
func (c *Claim) PublicInput() *big.Int { return publicInputOf(c.Encode()) }

func publicInputOf(enc []byte) *big.Int {
	d := sha256.Sum256(enc)
	v := new(big.Int).SetBytes(d[:])
	return v.And(v, new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), PublicInputBits), big.NewInt(1)))
}

// Step proof public inputs, in order (spec/proofs.md#step).
const (
	pubRootBefore = iota
	pubRootAfter
	pubDigestBefore
	pubDigestAfter
	stepPublicInputs
)

type (
	innerVK    = stdgroth16.VerifyingKey[sw_bls12377.G1Affine, sw_bls12377.G2Affine, sw_bls12377.GT]
	innerProof = stdgroth16.Proof[sw_bls12377.G1Affine, sw_bls12377.G2Affine]
	innerWit   = stdgroth16.Witness[sw_bls12377.ScalarField]
)

// AggregateCircuit is a BW6-761 circuit that verifies Slots step proofs of
// one step circuit (its verifying key is a constant of the circuit) and
// proves their Claim (spec/proofs.md#aggregation). The first Count slots
// hold the proofs of the run, the rest repeat the last proof and are
// ignored, so that one circuit takes runs of 1..Slots proofs.
//
// The circuit has no commitment of its own, so that the BN254 wrap verifies
// it without the cost of one: every gadget gets an API without Commit, and
// the step proofs' public inputs are compared and exposed natively, from
// their limbs.
type AggregateCircuit struct {
	PublicInput frontend.Variable `gnark:",public"`

	ChainID, FirstBatch, LastBatch frontend.Variable
	Active                         []frontend.Variable // 1 for the first Count slots, then 0
	Proofs                         []innerProof
	Publics                        []innerWit

	vk innerVK `gnark:"-"`
}

// NewAggregateCircuit returns the aggregation circuit for slots proofs of
// the step circuit stepCCS with verifying key stepVK.
func NewAggregateCircuit(stepCCS constraint.ConstraintSystem, stepVK groth16.VerifyingKey, slots int) (*AggregateCircuit, error) {
	if slots < 1 {
		return nil, fmt.Errorf("aggregation: %d slots", slots)
	}
	if n := stepCCS.GetNbPublicVariables() - 1; n != stepPublicInputs {
		return nil, fmt.Errorf("aggregation: inner circuit has %d public inputs, a step circuit has %d", n, stepPublicInputs)
	}
	vk, err := stdgroth16.ValueOfVerifyingKeyFixed[sw_bls12377.G1Affine, sw_bls12377.G2Affine, sw_bls12377.GT](stepVK)
	if err != nil {
		return nil, fmt.Errorf("aggregation: step verifying key: %w", err)
	}
	c := &AggregateCircuit{vk: vk, Active: make([]frontend.Variable, slots), Proofs: make([]innerProof, slots), Publics: make([]innerWit, slots)}
	for i := range slots {
		c.Proofs[i] = stdgroth16.PlaceholderProof[sw_bls12377.G1Affine, sw_bls12377.G2Affine](stepCCS)
		c.Publics[i] = stdgroth16.PlaceholderWitness[sw_bls12377.ScalarField](stepCCS)
	}
	return c, nil
}

// Slots is the number of proofs the circuit verifies.
func (c *AggregateCircuit) Slots() int { return len(c.Proofs) }

// noCommit is an API without Commit: gadgets given it fall back to
// commitment-free constructions (range checks by bit decomposition).
type noCommit struct{ frontend.API }

// Define implements frontend.Circuit.
func (c *AggregateCircuit) Define(api frontend.API) error {
	api = noCommit{api}
	verifier, err := stdgroth16.NewVerifier[sw_bls12377.ScalarField, sw_bls12377.G1Affine, sw_bls12377.G2Affine, sw_bls12377.GT](api)
	if err != nil {
		return err
	}
	n := len(c.Proofs)
	if len(c.Active) != n || len(c.Publics) != n {
		return errors.New("aggregation: slots disagree")
	}

	// Active is a prefix of ones, at least one long.
	api.AssertIsEqual(c.Active[0], 1)
	for i := 1; i < n; i++ {
		api.AssertIsBoolean(c.Active[i])
		api.AssertIsEqual(api.Mul(c.Active[i], api.Sub(1, c.Active[i-1])), 0)
	}

	// Every slot verifies; each active slot starts where the one before
	// ended, in state root and digest.
	packed := make([][stepPublicInputs]frontend.Variable, n)
	for i := range n {
		if len(c.Publics[i].Public) != stepPublicInputs {
			return fmt.Errorf("aggregation: slot %d has %d public inputs", i, len(c.Publics[i].Public))
		}
		if err := verifier.AssertProof(c.vk, c.Proofs[i], c.Publics[i]); err != nil {
			return fmt.Errorf("aggregation: slot %d: %w", i, err)
		}
		for j := range stepPublicInputs {
			packed[i][j] = pack(api, &c.Publics[i].Public[j])
		}
		if i > 0 {
			for _, p := range [][2]int{{pubRootBefore, pubRootAfter}, {pubDigestBefore, pubDigestAfter}} {
				api.AssertIsEqual(api.Mul(c.Active[i], api.Sub(packed[i][p[0]], packed[i-1][p[1]])), 0)
			}
		}
	}

	// The run ends at the last active slot: last_i = active_i - active_{i+1}.
	rootAfter, digestAfter := frontend.Variable(0), frontend.Variable(0)
	for i := range n {
		last := c.Active[i]
		if i+1 < n {
			last = api.Sub(c.Active[i], c.Active[i+1])
		}
		rootAfter = api.Add(rootAfter, api.Mul(last, packed[i][pubRootAfter]))
		digestAfter = api.Add(digestAfter, api.Mul(last, packed[i][pubDigestAfter]))
	}

	// The claim, hashed (Claim.Encode, Claim.PublicInput).
	var msg []frontend.Variable
	for _, v := range []frontend.Variable{c.ChainID, c.FirstBatch, c.LastBatch} {
		msg = append(msg, bigEndian(api.ToBinary(v, 64))...)
	}
	for _, v := range []frontend.Variable{packed[0][pubRootBefore], rootAfter, packed[0][pubDigestBefore], digestAfter} {
		msg = append(msg, 0, 0, 0) // 256-bit big-endian, the value below r < 2^253
		msg = append(msg, bigEndian(canonicalBits(api, v))...)
	}
	digest := SHA256Bits(api, msg)
	pub := frontend.Variable(0)
	for j := range PublicInputBits { // bit j of the big-endian digest integer
		pub = api.Add(pub, api.Mul(digest[255-j], new(big.Int).Lsh(big.NewInt(1), uint(j))))
	}
	api.AssertIsEqual(pub, c.PublicInput)
	return nil
}

func bigEndian(le []frontend.Variable) []frontend.Variable {
	out := make([]frontend.Variable, len(le))
	for i, b := range le {
		out[len(le)-1-i] = b
	}
	return out
}

// pack returns the integer an emulated BLS12-377 scalar's limbs encode, as
// one native variable (no constraint). The inner verifier range-checks the
// limbs but reads them mod r: packed values are equal only when the scalars
// are, and one packed value that is exposed must be checked canonical.
func pack(api frontend.API, e *emulated.Element[sw_bls12377.ScalarField]) frontend.Variable {
	var fp sw_bls12377.ScalarField
	v := frontend.Variable(0)
	for i, l := range e.Limbs {
		v = api.Add(v, api.Mul(l, new(big.Int).Lsh(big.NewInt(1), uint(i)*fp.BitsPerLimb())))
	}
	return v
}

// canonicalBits returns v's 253 bits, least significant first, and asserts
// v <= r - 1 for r the BLS12-377 scalar field's modulus.
func canonicalBits(api frontend.API, v frontend.Variable) []frontend.Variable {
	r := fr_bls12377.Modulus()
	bound := new(big.Int).Sub(r, big.NewInt(1))
	bits := api.ToBinary(v, r.BitLen())
	// From the top: while v's bits equal bound's, a bit of v above the
	// bound's is a violation; the first bit below ends the comparison.
	eq := frontend.Variable(1)
	for i := r.BitLen() - 1; i >= 0; i-- {
		if bound.Bit(i) == 1 {
			eq = api.Mul(eq, bits[i])
		} else {
			api.AssertIsEqual(api.Mul(eq, bits[i]), 0)
		}
	}
	return bits
}

// NewAggregateAssignment assigns the aggregation circuit of slots proofs to
// a run of step proofs (proofs[i] with public witness publics[i]) on chain
// chainID covering batches first..last, and returns it with its claim. The
// run must chain: each proof starts at the root and digest the one before
// ended at.
func NewAggregateAssignment(slots int, chainID, first, last uint64, proofs []groth16.Proof, publics []witness.Witness) (*AggregateCircuit, *Claim, error) {
	if len(proofs) == 0 || len(proofs) > slots {
		return nil, nil, fmt.Errorf("aggregation: %d proofs for %d slots", len(proofs), slots)
	}
	if len(publics) != len(proofs) {
		return nil, nil, fmt.Errorf("aggregation: %d proofs, %d public witnesses", len(proofs), len(publics))
	}
	vals := make([][stepPublicInputs]commit.Element, len(proofs))
	for i, w := range publics {
		vec, ok := w.Vector().(fr_bls12377.Vector)
		if !ok || len(vec) != stepPublicInputs {
			return nil, nil, fmt.Errorf("aggregation: proof %d: public witness is not a step proof's", i)
		}
		copy(vals[i][:], vec)
		if i > 0 && (vals[i][pubRootBefore] != vals[i-1][pubRootAfter] || vals[i][pubDigestBefore] != vals[i-1][pubDigestAfter]) {
			return nil, nil, fmt.Errorf("aggregation: proof %d does not start where proof %d ended", i, i-1)
		}
	}
	claim := &Claim{ChainID: chainID, FirstBatch: first, LastBatch: last,
		RootBefore: vals[0][pubRootBefore], RootAfter: vals[len(vals)-1][pubRootAfter],
		DigestBefore: vals[0][pubDigestBefore], DigestAfter: vals[len(vals)-1][pubDigestAfter]}
	c := &AggregateCircuit{PublicInput: claim.PublicInput(), ChainID: chainID, FirstBatch: first, LastBatch: last,
		Active: make([]frontend.Variable, slots), Proofs: make([]innerProof, slots), Publics: make([]innerWit, slots)}
	for i := range slots {
		j := min(i, len(proofs)-1) // padding repeats the last proof
		c.Active[i] = 0
		if i < len(proofs) {
			c.Active[i] = 1
		}
		var err error
		if c.Proofs[i], err = stdgroth16.ValueOfProof[sw_bls12377.G1Affine, sw_bls12377.G2Affine](proofs[j]); err != nil {
			return nil, nil, fmt.Errorf("aggregation: proof %d: %w", j, err)
		}
		if c.Publics[i], err = stdgroth16.ValueOfWitness[sw_bls12377.ScalarField](publics[j]); err != nil {
			return nil, nil, fmt.Errorf("aggregation: proof %d: %w", j, err)
		}
	}
	return c, claim, nil
}

// AggregateField is the field the aggregation circuit is compiled over.
var AggregateField = ecc.BW6_761.ScalarField()
