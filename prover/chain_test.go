package prover

import (
	"context"
	"encoding/hex"
	"math/big"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	bind "github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient/simulated"

	"github.com/trainrollup/trainrollup/circuits"
	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/internal/solc"
	"github.com/trainrollup/trainrollup/internal/testjob"
	"github.com/trainrollup/trainrollup/l1"
)

// TestRecursiveChainOnL1 runs the whole proof chain for real: Iris training
// steps in the executor, a BLS12-377 step proof each, two BW6-761
// aggregations (a full run of 2 slots and a partial run of 1), a BN254 wrap
// of each, and gnark's Solidity verifier, compiled by the pinned solc and
// deployed on the simulated L1, accepting both; a tampered proof, a
// tampered public input, an unreduced one and a proof replayed for another
// batch range are rejected on L1.
func TestRecursiveChainOnL1(t *testing.T) {
	if testing.Short() {
		t.Skip("sets up and proves the recursive chain: not in -short")
	}
	ctx := context.Background()
	ks := defaultKeyStore(t)
	depth, wits := testjob.Steps(t, "4-8-3", testjob.Iris(t), 8, 3, 21)
	shape := circuits.StepShape{Model: wits[0].JobBefore.Params.Model, Batch: 8, DatasetDepth: depth, Steps: 1}
	stepKeys, err := ks.StepKeys(shape)
	if err != nil {
		t.Fatal(err)
	}
	var steps []*StepProof
	digest := commit.FromUint64(99)
	for i := range wits {
		p, err := ProveSteps(stepKeys, shape, digest, wits[i:i+1])
		if err != nil {
			t.Fatal(err)
		}
		digest = circuits.NextDigest(digest, circuits.TxDigest(wits[i].Step.Job, wits[i:i+1]))
		steps = append(steps, p)
	}

	const slots, chainID = 2, 1337
	aggKeys, err := ks.AggregateKeys(stepKeys, slots)
	if err != nil {
		t.Fatal(err)
	}
	wrapKeys, err := ks.WrapKeys(aggKeys)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("constraints: step %d, aggregate(%d) %d, wrap %d; setup s: %.1f %.1f %.1f", stepKeys.CCS.GetNbConstraints(), slots,
		aggKeys.CCS.GetNbConstraints(), wrapKeys.CCS.GetNbConstraints(), stepKeys.SetupTime.Seconds(), aggKeys.SetupTime.Seconds(), wrapKeys.SetupTime.Seconds())

	var wraps []*WrapProof
	for _, run := range []struct {
		first, last uint64
		steps       []*StepProof
	}{{1, 1, steps[:2]}, {2, 2, steps[2:]}} {
		agg, err := ProveAggregate(aggKeys, slots, chainID, run.first, run.last, run.steps)
		if err != nil {
			t.Fatal(err)
		}
		if err := VerifyAggregate(aggKeys, agg); err != nil {
			t.Fatal(err)
		}
		w, err := ProveWrap(wrapKeys, agg)
		if err != nil {
			t.Fatal(err)
		}
		if err := VerifyWrap(wrapKeys, w); err != nil {
			t.Fatal(err)
		}
		t.Logf("batches %d..%d: %d step proofs, aggregate %v, wrap %v", run.first, run.last, len(run.steps), agg.ProveTime, w.ProveTime)
		wraps = append(wraps, w)
	}
	if wraps[0].Claim.RootAfter != wraps[1].Claim.RootBefore || wraps[0].Claim.DigestAfter != wraps[1].Claim.DigestBefore {
		t.Fatal("the two runs do not chain")
	}

	// The L1 verifier.
	var src strings.Builder
	if err := ExportSolidity(wrapKeys, &src); err != nil {
		t.Fatal(err)
	}
	verifier := deployVerifier(t, ctx, src.String())
	for i, w := range wraps {
		proof, err := w.Calldata()
		if err != nil {
			t.Fatal(err)
		}
		gas, err := verifier.verify(ctx, proof, w.PublicInput())
		if err != nil {
			t.Fatalf("run %d rejected on L1: %v", i, err)
		}
		t.Logf("run %d verified on L1: %d gas (transaction)", i, gas)
	}

	proof, _ := wraps[0].Calldata()
	tampered := append([]byte(nil), proof...)
	tampered[70] ^= 1 // inside B
	replayed := wraps[0].Claim
	replayed.FirstBatch, replayed.LastBatch = 5, 5
	rejections := map[string]struct {
		proof []byte
		input *big.Int
	}{
		"tampered proof":         {tampered, wraps[0].PublicInput()},
		"tampered public input":  {proof, new(big.Int).Add(wraps[0].PublicInput(), big.NewInt(1))},
		"unreduced public input": {proof, new(big.Int).Add(wraps[0].PublicInput(), circuits.WrapField)},
		"replayed for batch 5":   {proof, replayed.PublicInput()},
		"another run's proof":    {proof, wraps[1].PublicInput()},
	}
	for name, r := range rejections {
		if _, err := verifier.verify(ctx, r.proof, r.input); err == nil {
			t.Errorf("%s: accepted on L1", name)
		}
	}
}

// defaultKeyStore is the user's key cache (or $TRAINROLLUP_KEYS): keys of
// the test circuits are generated once per machine.
func defaultKeyStore(t *testing.T) *KeyStore {
	t.Helper()
	dir, err := DefaultKeyDir()
	if err != nil {
		t.Fatal(err)
	}
	ks, err := NewKeyStore(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	return ks
}

type l1Verifier struct {
	backend *simulated.Backend
	abi     abi.ABI
	addr    common.Address
	from    common.Address
}

// deployVerifier compiles the verifier with the pinned solc and deploys it
// on a fresh simulated L1.
func deployVerifier(t *testing.T, ctx context.Context, src string) *l1Verifier {
	t.Helper()
	solcjs, err := solc.Find()
	if err != nil {
		t.Fatal(err)
	}
	contracts, err := solc.Compile(ctx, solcjs, map[string]string{solc.SourceName("Verifier.sol"): src})
	if err != nil {
		t.Fatal(err)
	}
	c, ok := contracts["Verifier"]
	if !ok {
		t.Fatalf("no Verifier contract among %d", len(contracts))
	}
	// The committed artifacts are this verifier's: public-seed keys are the
	// same on every machine.
	committedSrc, err := os.ReadFile("../contracts/src/Verifier.sol")
	if err != nil || string(committedSrc) != src {
		t.Errorf("contracts/src/Verifier.sol is not the verifier of these keys (%v): run make contracts", err)
	}
	committedBin, err := os.ReadFile("../contracts/out/Verifier.bin")
	if err != nil || strings.TrimSpace(string(committedBin)) != hex.EncodeToString(c.Bin) {
		t.Errorf("contracts/out/Verifier.bin is not the compiled verifier (%v): run make contracts", err)
	}
	key, _ := crypto.GenerateKey()
	from := crypto.PubkeyToAddress(key.PublicKey)
	backend := l1.NewSimulated(types.GenesisAlloc{from: {Balance: new(big.Int).Lsh(big.NewInt(1), 100)}})
	t.Cleanup(func() { backend.Close() })
	client := backend.Client()
	chainID, err := client.ChainID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	addr, tx, err := bind.DeployContract(bind.NewKeyedTransactor(key, chainID), c.Bin, client, nil)
	if err != nil {
		t.Fatal(err)
	}
	backend.Commit()
	ctx2, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	rcpt, err := bind.WaitMined(ctx2, client, tx.Hash())
	if err != nil || rcpt.Status != types.ReceiptStatusSuccessful {
		t.Fatalf("deploy verifier: %v, receipt %+v", err, rcpt)
	}
	t.Logf("verifier deployed: %d gas, %d bytes of code", rcpt.GasUsed, len(c.Bin))
	parsed, err := abi.JSON(strings.NewReader(c.ABI))
	if err != nil {
		t.Fatal(err)
	}
	return &l1Verifier{backend: backend, abi: parsed, addr: addr, from: from}
}

// verify calls verifyProof and returns the gas of a transaction that calls
// it, or the revert.
func (v *l1Verifier) verify(ctx context.Context, proof []byte, input *big.Int) (uint64, error) {
	data, err := v.abi.Pack("verifyProof", proof, [1]*big.Int{input})
	if err != nil {
		return 0, err
	}
	msg := ethereum.CallMsg{From: v.from, To: &v.addr, Data: data}
	if _, err := v.backend.Client().CallContract(ctx, msg, nil); err != nil {
		return 0, err
	}
	return v.backend.Client().EstimateGas(ctx, msg)
}
