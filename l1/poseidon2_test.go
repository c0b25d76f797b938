package l1

import (
	"context"
	"math/big"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-377/fr"
	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	bind "github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient/simulated"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/internal/solc"
	"github.com/trainrollup/trainrollup/state"
)

// deployed is a contract deployed on a fresh simulated L1.
type deployed struct {
	sim  *simulated.Backend
	abi  abi.ABI
	addr common.Address
	from common.Address
}

// deploySource compiles contracts/src/<name>.sol with the pinned solc,
// checks it against the committed contracts/out artifacts and deploys it.
func deploySource(t *testing.T, name string) *deployed {
	t.Helper()
	ctx := context.Background()
	solcjs, err := solc.Find()
	if err != nil {
		t.Fatal(err)
	}
	path := "../contracts/src/" + name + ".sol"
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out, err := solc.Compile(ctx, solcjs, map[string]string{solc.SourceName(path): string(src)})
	if err != nil {
		t.Fatal(err)
	}
	c := out[name]
	committed, err := os.ReadFile("../contracts/out/" + name + ".bin")
	if err != nil || strings.TrimSpace(string(committed)) != common.Bytes2Hex(c.Bin) {
		t.Errorf("contracts/out/%s.bin is not the compiled source (%v): run make contracts", name, err)
	}
	key, _ := crypto.GenerateKey()
	from := crypto.PubkeyToAddress(key.PublicKey)
	sim := NewSimulated(types.GenesisAlloc{from: {Balance: new(big.Int).Lsh(big.NewInt(1), 80)}})
	t.Cleanup(func() { sim.Close() })
	chainID, err := sim.Client().ChainID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	addr, _, err := bind.DeployContract(bind.NewKeyedTransactor(key, chainID), c.Bin, sim.Client(), nil)
	if err != nil {
		t.Fatal(err)
	}
	sim.Commit()
	parsed, err := abi.JSON(strings.NewReader(c.ABI))
	if err != nil {
		t.Fatal(err)
	}
	return &deployed{sim: sim, abi: parsed, addr: addr, from: from}
}

// call runs method and returns its first result, with the gas a
// transaction calling it would use.
func (d *deployed) call(t *testing.T, method string, args ...any) (any, uint64, error) {
	t.Helper()
	data, err := d.abi.Pack(method, args...)
	if err != nil {
		t.Fatal(err)
	}
	msg := ethereum.CallMsg{From: d.from, To: &d.addr, Data: data}
	ret, err := d.sim.Client().CallContract(context.Background(), msg, nil)
	if err != nil {
		return nil, 0, err
	}
	gas, err := d.sim.Client().EstimateGas(context.Background(), msg)
	if err != nil {
		t.Fatal(err)
	}
	vals, err := d.abi.Unpack(method, ret)
	if err != nil {
		t.Fatal(err)
	}
	return vals[0], gas, nil
}

func element(e commit.Element) *big.Int { return e.BigInt(new(big.Int)) }

// TestPoseidon2Solidity checks the Solidity hash against commit (which is
// gnark-crypto's Poseidon2) on random and edge values, the state tree's
// root from a real proof, and that values outside the field are refused.
func TestPoseidon2Solidity(t *testing.T) {
	d := deploySource(t, "Poseidon2")
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
		got, g, err := d.call(t, "compress", element(p[0]), element(p[1]))
		if err != nil {
			t.Fatal(err)
		}
		if want := commit.Compress(p[0], p[1]); got.(*big.Int).Cmp(element(want)) != 0 {
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
	if got, _, err := d.call(t, "hash", args); err != nil || got.(*big.Int).Cmp(element(commit.Hash(xs...))) != 0 {
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
	got, g, err := d.call(t, "rootFromPath", element(leaf), new(big.Int).SetUint64(uint64(key)), sib)
	if err != nil {
		t.Fatal(err)
	}
	if want := state.RootFromProof(key, leaf, siblings); got.(*big.Int).Cmp(element(want)) != 0 {
		t.Fatalf("rootFromPath = %v, want %v", got, want.String())
	}
	t.Logf("rootFromPath, depth %d: %d gas (transaction)", state.Depth, g)

	// Out of the field: refused.
	mod := fr.Modulus()
	if _, _, err := d.call(t, "compress", mod, big.NewInt(1)); err == nil {
		t.Error("compress accepted r as its left input")
	}
	if _, _, err := d.call(t, "hash", []*big.Int{big.NewInt(1), new(big.Int).Add(mod, big.NewInt(3))}); err == nil {
		t.Error("hash accepted r + 3")
	}
	sib[5] = new(big.Int).Lsh(big.NewInt(1), 255)
	if _, _, err := d.call(t, "rootFromPath", element(leaf), big.NewInt(1), sib); err == nil {
		t.Error("rootFromPath accepted a sibling of 2^255")
	}
}
