// Package evmtest deploys the project's contracts on a fresh simulated L1
// for tests: compiled by the pinned solc, checked against the committed
// artifacts in contracts/out, called with the gas a transaction would use.
package evmtest

import (
	"context"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	bind "github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient/simulated"

	"github.com/trainrollup/trainrollup/internal/solc"
	"github.com/trainrollup/trainrollup/l1"
)

// Contract is a contract deployed on its own simulated L1.
type Contract struct {
	Sim  *simulated.Backend
	ABI  abi.ABI
	Addr common.Address
	From common.Address // a funded account
	Gas  uint64         // of the deployment
}

// Deploy compiles src as contracts/src/<name>.sol, requires the committed
// contracts/out/<name>.bin to be its bytecode (else make contracts is due)
// and deploys contract name on a fresh simulated L1.
func Deploy(t testing.TB, name, src string) *Contract {
	t.Helper()
	ctx := context.Background()
	solcjs, err := solc.Find()
	if err != nil {
		t.Fatal(err)
	}
	out, err := solc.Compile(ctx, solcjs, map[string]string{solc.SourceName(name + ".sol"): src})
	if err != nil {
		t.Fatal(err)
	}
	c, ok := out[name]
	if !ok {
		t.Fatalf("no contract %s among %d compiled", name, len(out))
	}
	root, err := solc.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile(filepath.Join(root, "contracts", "out", name+".bin"))
	if err != nil || strings.TrimSpace(string(committed)) != common.Bytes2Hex(c.Bin) {
		t.Errorf("contracts/out/%s.bin is not the compiled source (%v): run make contracts", name, err)
	}
	return deploy(t, name, c)
}

func deploy(t testing.TB, name string, c solc.Contract) *Contract {
	t.Helper()
	ctx := context.Background()
	key, _ := crypto.GenerateKey()
	from := crypto.PubkeyToAddress(key.PublicKey)
	sim := l1.NewSimulated(types.GenesisAlloc{from: {Balance: new(big.Int).Lsh(big.NewInt(1), 100)}})
	t.Cleanup(func() { sim.Close() })
	client := sim.Client()
	chainID, err := client.ChainID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	addr, tx, err := bind.DeployContract(bind.NewKeyedTransactor(key, chainID), c.Bin, client, nil)
	if err != nil {
		t.Fatal(err)
	}
	sim.Commit()
	rcpt, err := client.TransactionReceipt(ctx, tx.Hash())
	if err != nil || rcpt.Status != types.ReceiptStatusSuccessful {
		t.Fatalf("deploy %s: %v, receipt %+v", name, err, rcpt)
	}
	parsed, err := abi.JSON(strings.NewReader(c.ABI))
	if err != nil {
		t.Fatal(err)
	}
	return &Contract{Sim: sim, ABI: parsed, Addr: addr, From: from, Gas: rcpt.GasUsed}
}

// DeployTest deploys contract name of contracts/test (compiled with
// contracts/src, which it may import): the test-only harnesses of internal
// libraries and attacker contracts.
func DeployTest(t testing.TB, name string) *Contract {
	t.Helper()
	c, ok := TestContracts(t)[name]
	if !ok {
		t.Fatalf("no contract %s in contracts/test", name)
	}
	return deploy(t, name, c)
}

// compiledTests is contracts/src with contracts/test, compiled once per
// test binary (solcjs takes seconds).
var compiledTests = sync.OnceValues(func() (map[string]solc.Contract, error) {
	root, err := solc.ModuleRoot()
	if err != nil {
		return nil, err
	}
	sources, err := solc.Sources(root, "contracts/src", "contracts/test")
	if err != nil {
		return nil, err
	}
	solcjs, err := solc.Find()
	if err != nil {
		return nil, err
	}
	return solc.Compile(context.Background(), solcjs, sources)
})

// TestContracts returns every contract of contracts/src and contracts/test
// by name, compiled by the pinned solc (once per test binary). Callers
// must not modify the map.
func TestContracts(t testing.TB) map[string]solc.Contract {
	t.Helper()
	out, err := compiledTests()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Call calls method with args and returns its results and the gas of a
// transaction calling it, or the revert.
func (c *Contract) Call(t testing.TB, method string, args ...any) ([]any, uint64, error) {
	t.Helper()
	data, err := c.ABI.Pack(method, args...)
	if err != nil {
		t.Fatal(err)
	}
	msg := ethereum.CallMsg{From: c.From, To: &c.Addr, Data: data}
	ctx := context.Background()
	ret, err := c.Sim.Client().CallContract(ctx, msg, nil)
	if err != nil {
		return nil, 0, err
	}
	gas, err := c.Sim.Client().EstimateGas(ctx, msg)
	if err != nil {
		t.Fatal(err)
	}
	vals, err := c.ABI.Unpack(method, ret)
	if err != nil {
		t.Fatal(err)
	}
	return vals, gas, nil
}
