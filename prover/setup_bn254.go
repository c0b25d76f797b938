// The other curves' setup_*.go are generated from this file by prover/internal/gensetup: edit here, then go generate ./prover.

package prover

import (
	"errors"
	"fmt"
	"io"
	"math/big"

	curve "github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr/fft"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr/pedersen"
	gnarkgroth16 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/consensys/gnark/constraint"
	cs "github.com/consensys/gnark/constraint/bn254"
)

var g1OpsBN254 = groupOps[curve.G1Jac, curve.G1Affine]{
	fromAffine: func(p *curve.G1Jac, a *curve.G1Affine) { p.FromAffine(a) },
	addMixed:   func(p *curve.G1Jac, a *curve.G1Affine) { p.AddMixed(a) },
	double:     func(p *curve.G1Jac) { p.DoubleAssign() },
	infinity:   func() (p curve.G1Jac) { p.X.SetOne(); p.Y.SetOne(); return },
	toAffine:   curve.BatchJacobianToAffineG1,
}

var g2OpsBN254 = groupOps[curve.G2Jac, curve.G2Affine]{
	fromAffine: func(p *curve.G2Jac, a *curve.G2Affine) { p.FromAffine(a) },
	addMixed:   func(p *curve.G2Jac, a *curve.G2Affine) { p.AddMixed(a) },
	double:     func(p *curve.G2Jac) { p.DoubleAssign() },
	infinity:   func() (p curve.G2Jac) { p.X.SetOne(); p.Y.SetOne(); return },
	toAffine:   g2ToAffineBN254,
}

// g2CoordBN254 is the field of G2's coordinates.
type g2CoordBN254 = curve.E2

// g2ToAffineBN254 converts points to affine with one field inversion
// (Montgomery's trick); gnark-crypto has this for G1 only.
func g2ToAffineBN254(ps []curve.G2Jac) []curve.G2Affine {
	out := make([]curve.G2Affine, len(ps))
	prefix := make([]g2CoordBN254, len(ps)) // product of the non-zero Z before i
	var acc g2CoordBN254
	acc.SetOne()
	for i := range ps {
		prefix[i] = acc
		if !ps[i].Z.IsZero() {
			acc.Mul(&acc, &ps[i].Z)
		}
	}
	acc.Inverse(&acc)
	for i := len(ps) - 1; i >= 0; i-- {
		if ps[i].Z.IsZero() {
			continue // infinity: (0, 0)
		}
		var zinv, zinv2 g2CoordBN254
		zinv.Mul(&acc, &prefix[i])
		acc.Mul(&acc, &ps[i].Z)
		zinv2.Square(&zinv)
		out[i].X.Mul(&ps[i].X, &zinv2)
		out[i].Y.Mul(&ps[i].Y, &zinv2).Mul(&out[i].Y, &zinv)
	}
	return out
}

// mulGeneratorsBN254 returns s_i G1 and t_i G2 for the generators.
func mulGeneratorsBN254(s, t []fr.Element, progress func(done, total int64)) ([]curve.G1Affine, []curve.G2Affine) {
	total := int64(len(s) + len(t))
	report := func(base int64) func(int) {
		if progress == nil {
			return nil
		}
		return func(n int) { progress(base+int64(n), total) }
	}
	limbs := func(xs []fr.Element) func(int, []uint64) {
		return func(i int, dst []uint64) {
			b := xs[i].Bits()
			copy(dst, b[:])
		}
	}
	_, _, g1, g2 := curve.Generators()
	p1 := fixedBaseMul(g1OpsBN254, &g1, len(s), limbs(s), fr.Limbs, fr.Bits, report(0))
	p2 := fixedBaseMul(g2OpsBN254, &g2, len(t), limbs(t), fr.Limbs, fr.Bits, report(int64(len(s))))
	return p1, p2
}

// randomScalarBN254 reads a non-zero scalar from rnd (64 bytes reduced mod
// r: a bias below 2^-250).
func randomScalarBN254(rnd io.Reader) (fr.Element, error) {
	var buf [64]byte
	var e fr.Element
	for e.IsZero() {
		if _, err := io.ReadFull(rnd, buf[:]); err != nil {
			return e, fmt.Errorf("setup randomness: %w", err)
		}
		e.SetBytes(buf[:])
	}
	return e, nil
}

// setupBN254 generates the Groth16 keys of r1cs with the toxic waste drawn
// from rnd: the same keys gnark's groth16.Setup generates (same layout and
// relations, checked by gnark's own prover and verifier in the tests),
// computed with fixedBaseMul. progress, if not nil, receives the scalar
// multiplications done and due.
func setupBN254(r1cs *cs.R1CS, rnd io.Reader, progress func(done, total int64)) (*gnarkgroth16.ProvingKey, *gnarkgroth16.VerifyingKey, error) {
	var tw [5]fr.Element // t, alpha, beta, gamma, delta
	for i := range tw {
		var err error
		if tw[i], err = randomScalarBN254(rnd); err != nil {
			return nil, nil, err
		}
	}
	t, alpha, beta, gamma, delta := tw[0], tw[1], tw[2], tw[3], tw[4]
	var gammaInv, deltaInv fr.Element
	gammaInv.Inverse(&gamma)
	deltaInv.Inverse(&delta)
	cg2, err := randomScalarBN254(rnd) // the commitment keys' G2 point
	if err != nil {
		return nil, nil, err
	}

	nbPublic := r1cs.GetNbPublicVariables()
	nbWires := r1cs.NbInternalVariables + nbPublic + r1cs.GetNbSecretVariables()
	commitments := r1cs.CommitmentInfo.(constraint.Groth16Commitments)
	commitmentWires := commitments.CommitmentIndexes()
	privateCommitted := commitments.GetPrivateCommitted()
	committedBy := make(map[int]int) // private committed wire -> commitment
	nbPrivateCommitted := 0
	for i, ws := range privateCommitted {
		for _, w := range ws {
			committedBy[w] = i
		}
		nbPrivateCommitted += len(ws)
	}
	sigmas := make([]fr.Element, len(commitments)) // each commitment key's secret
	for i := range sigmas {
		if sigmas[i], err = randomScalarBN254(rnd); err != nil {
			return nil, nil, err
		}
	}
	isCommitment := make(map[int]bool, len(commitmentWires))
	for _, w := range commitmentWires {
		isCommitment[w] = true
	}
	// A commitment is computed by a hint, so private to the prover, but the
	// verifier injects it: for Groth16 it is public.
	nbPublicWires := nbPublic + len(commitments)
	nbPrivateWires := nbWires - nbPublic - nbPrivateCommitted - len(commitments)

	domain := fft.NewDomain(uint64(r1cs.GetNbConstraints()))
	A, B, C := lagrangeABCBN254(r1cs, domain, &t)

	// K: (beta A_i + alpha B_i + C_i) / gamma for public wires and
	// commitments, to the commitment keys for private committed wires, / delta
	// for the rest.
	vkK := make([]fr.Element, 0, nbPublicWires)
	pkK := make([]fr.Element, 0, nbPrivateWires)
	ckK := make([][]fr.Element, len(commitments))
	for i := range nbWires {
		var k, tmp fr.Element
		k.Mul(&A[i], &beta)
		tmp.Mul(&B[i], &alpha)
		k.Add(&k, &tmp).Add(&k, &C[i])
		c, committed := committedBy[i]
		switch {
		case i < nbPublic || isCommitment[i]:
			vkK = append(vkK, *k.Mul(&k, &gammaInv))
		case committed:
			ckK[c] = append(ckK[c], *k.Mul(&k, &gammaInv))
		default:
			pkK = append(pkK, *k.Mul(&k, &deltaInv))
		}
	}
	if len(vkK) != nbPublicWires || len(pkK) != nbPrivateWires {
		return nil, nil, errors.New("setup: wire count mismatch")
	}

	// Z_i = t^i (t^n - 1) / delta.
	Z := make([]fr.Element, domain.Cardinality)
	var zdt fr.Element
	one := fr.One()
	zdt.Exp(t, new(big.Int).SetUint64(domain.Cardinality)).Sub(&zdt, &one).Mul(&zdt, &deltaInv)
	for i := range Z {
		Z[i] = zdt
		zdt.Mul(&zdt, &t)
	}

	pk, vk := new(gnarkgroth16.ProvingKey), new(gnarkgroth16.VerifyingKey)
	pk.InfinityA, A = dropZerosBN254(A)
	pk.InfinityB, B = dropZerosBN254(B)
	pk.NbInfinityA, pk.NbInfinityB = uint64(nbWires-len(A)), uint64(nbWires-len(B))

	// The G1 scalars in one batch: alpha, beta, delta, A, B, Z, vk K, pk K,
	// then per commitment its basis and the basis times its sigma.
	g1s := make([]fr.Element, 0, 3+len(A)+len(B)+len(Z)+len(vkK)+len(pkK)+2*nbPrivateCommitted)
	g1s = append(g1s, alpha, beta, delta)
	g1s = append(g1s, A...)
	g1s = append(g1s, B...)
	g1s = append(g1s, Z...)
	g1s = append(g1s, vkK...)
	g1s = append(g1s, pkK...)
	for c, ck := range ckK {
		g1s = append(g1s, ck...)
		for i := range ck {
			var s fr.Element
			g1s = append(g1s, *s.Mul(&ck[i], &sigmas[c]))
		}
	}
	g2s := append(append([]fr.Element{}, B...), beta, delta, gamma)

	p1, p2 := mulGeneratorsBN254(g1s, g2s, progress)

	pk.G1.Alpha, pk.G1.Beta, pk.G1.Delta = p1[0], p1[1], p1[2]
	p1 = p1[3:]
	pk.G1.A, p1 = p1[:len(A)], p1[len(A):]
	pk.G1.B, p1 = p1[:len(B)], p1[len(B):]
	z := p1[:len(Z)]
	p1 = p1[len(Z):]
	bitReverse(z)
	pk.G1.Z = z[:len(z)-1] // deg H = n - 2
	vk.G1.K, p1 = p1[:len(vkK)], p1[len(vkK):]
	pk.G1.K, p1 = p1[:len(pkK)], p1[len(pkK):]

	_, _, _, g2 := curve.Generators()
	var cG2 curve.G2Affine
	cG2.ScalarMultiplication(&g2, cg2.BigInt(new(big.Int)))
	if len(ckK) > 0 {
		pk.CommitmentKeys = make([]pedersen.ProvingKey, len(ckK))
		vk.CommitmentKeys = make([]pedersen.VerifyingKey, len(ckK))
	}
	for i, ck := range ckK {
		pk.CommitmentKeys[i].Basis = p1[:len(ck)]
		pk.CommitmentKeys[i].BasisExpSigma = p1[len(ck) : 2*len(ck)]
		p1 = p1[2*len(ck):]
		var sigmaNeg fr.Element
		sigmaNeg.Neg(&sigmas[i])
		vk.CommitmentKeys[i].G = cG2
		vk.CommitmentKeys[i].GSigmaNeg.ScalarMultiplication(&cG2, sigmaNeg.BigInt(new(big.Int)))
	}
	if len(p1) != 0 {
		return nil, nil, errors.New("setup: G1 points left over")
	}
	vk.PublicAndCommitmentCommitted = commitments.GetPublicAndCommitmentCommitted(commitmentWires, nbPublic)

	pk.G2.B = p2[:len(B)]
	pk.G2.Beta, pk.G2.Delta = p2[len(B)], p2[len(B)+1]
	vk.G2.Beta, vk.G2.Delta, vk.G2.Gamma = p2[len(B)], p2[len(B)+1], p2[len(B)+2]
	vk.G1.Alpha, vk.G1.Beta, vk.G1.Delta = pk.G1.Alpha, pk.G1.Beta, pk.G1.Delta
	if err := vk.Precompute(); err != nil {
		return nil, nil, err
	}
	pk.Domain = *domain
	return pk, vk, nil
}

// lagrangeABCBN254 evaluates at t, for every wire, the sums over
// constraints of the wire's coefficient in L, R and O times the constraint's
// Lagrange polynomial.
func lagrangeABCBN254(r1cs *cs.R1CS, domain *fft.Domain, t *fr.Element) (A, B, C []fr.Element) {
	nbWires := r1cs.NbInternalVariables + r1cs.GetNbPublicVariables() + r1cs.GetNbSecretVariables()
	A, B, C = make([]fr.Element, nbWires), make([]fr.Element, nbWires), make([]fr.Element, nbWires)
	n := r1cs.GetNbConstraints()
	// L_0(t) = (t^N - 1) / (N (t - 1)); L_{i+1}(t) = w L_i(t) (t - w^i) / (t - w^{i+1}).
	diff := make([]fr.Element, n+1) // t - w^i
	wi := fr.One()
	for i := range diff {
		diff[i].Sub(t, &wi)
		wi.Mul(&wi, &domain.Generator)
	}
	inv := fr.BatchInvert(diff)
	var L fr.Element
	one := fr.One()
	L.Exp(*t, new(big.Int).SetUint64(domain.Cardinality)).Sub(&L, &one).Mul(&L, &inv[0]).Mul(&L, &domain.CardinalityInv)
	add := func(res *fr.Element, term constraint.Term) {
		var v fr.Element
		switch id := term.CoeffID(); id {
		case constraint.CoeffIdZero:
			return
		case constraint.CoeffIdOne:
			res.Add(res, &L)
		case constraint.CoeffIdMinusOne:
			res.Sub(res, &L)
		case constraint.CoeffIdTwo:
			res.Add(res, v.Double(&L))
		default:
			res.Add(res, v.Mul(&r1cs.Coefficients[id], &L))
		}
	}
	it := r1cs.GetR1CIterator()
	for j, c := 0, it.Next(); c != nil; j, c = j+1, it.Next() {
		for _, term := range c.L {
			add(&A[term.WireID()], term)
		}
		for _, term := range c.R {
			add(&B[term.WireID()], term)
		}
		for _, term := range c.O {
			add(&C[term.WireID()], term)
		}
		L.Mul(&L, &domain.Generator).Mul(&L, &diff[j]).Mul(&L, &inv[j+1])
	}
	return A, B, C
}

// dropZerosBN254 returns which scalars are zero (their points are at
// infinity and left out of the key) and the others, in order.
func dropZerosBN254(s []fr.Element) ([]bool, []fr.Element) {
	zero := make([]bool, len(s))
	out := s[:0]
	for i := range s {
		if s[i].IsZero() {
			zero[i] = true
			continue
		}
		out = append(out, s[i])
	}
	return zero, out
}
