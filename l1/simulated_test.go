package l1_test

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi"
	bind "github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/trainrollup/trainrollup/internal/solc"
	"github.com/trainrollup/trainrollup/internal/wait"
	"github.com/trainrollup/trainrollup/l1"
)

// TestSimulatedGasIsMainnets writes a fresh storage slot on the simulated
// L1 and requires mainnet's price: 20,000 + 2,100 (cold) for the store,
// where the dev config's future fork charges several times more.
func TestSimulatedGasIsMainnets(t *testing.T) {
	ctx := context.Background()
	solcjs, err := solc.Find()
	if err != nil {
		t.Fatal(err)
	}
	out, err := solc.Compile(ctx, solcjs, map[string]string{"src/Store.sol": "pragma solidity ^0.8.24; contract Store { uint256 x; function set(uint256 v) external { x = v; } }"})
	if err != nil {
		t.Fatal(err)
	}
	key, _ := crypto.GenerateKey()
	from := crypto.PubkeyToAddress(key.PublicKey)
	sim := l1.NewSimulated(types.GenesisAlloc{from: {Balance: new(big.Int).Lsh(big.NewInt(1), 80)}})
	defer sim.Close()
	client := sim.Client()
	chainID, err := client.ChainID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	opts := bind.NewKeyedTransactor(key, chainID)
	addr, _, err := bind.DeployContract(opts, out["Store"].Bin, client, nil)
	if err != nil {
		t.Fatal(err)
	}
	sim.Commit()
	parsed, err := abi.JSON(strings.NewReader(out["Store"].ABI))
	if err != nil {
		t.Fatal(err)
	}
	contract := bind.NewBoundContract(addr, parsed, client, client, client)
	tx, err := contract.Transact(opts, "set", big.NewInt(7))
	if err != nil {
		t.Fatal(err)
	}
	sim.Commit()
	ctx2, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	rcpt, err := bind.WaitMined(ctx2, client, tx.Hash())
	if err != nil {
		t.Fatal(err)
	}
	// 21,000 + calldata + 22,100 for the store + a few hundred of code.
	if rcpt.Status != types.ReceiptStatusSuccessful || rcpt.GasUsed < 43_100 || rcpt.GasUsed > 45_000 {
		t.Fatalf("set: status %d, %d gas; mainnet charges about 43.5k", rcpt.Status, rcpt.GasUsed)
	}
	t.Logf("fresh storage write: %d gas", rcpt.GasUsed)
}

// TestDevChainPersists deploys the bridge on the embedded dev chain, where
// each transaction is mined at once, stakes and requests a job, closes the
// chain and opens it again on the same directory: the head, the contract,
// its state and the balances are still there, and mining continues.
func TestDevChainPersists(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	key, _ := crypto.GenerateKey()
	from := crypto.PubkeyToAddress(key.PublicKey)
	alloc := types.GenesisAlloc{from: {Balance: new(big.Int).Lsh(big.NewInt(1), 80)}}
	dev, err := openDevChain(t, dir, alloc)
	if err != nil {
		t.Fatal(err)
	}
	txm, err := l1.NewTxManager(ctx, dev.Client(), key, l1.TxConfig{PollInterval: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	bc := l1.DefaultBridgeConfig(77)
	d, err := l1.Deploy(ctx, txm, nil, bc)
	if err != nil {
		t.Fatal(err)
	}
	br := l1.NewBridge(d.Bridge, txm)
	if err := br.Stake(ctx, bc.MinStake); err != nil {
		t.Fatal(err)
	}
	// The head once the pool is empty (on a loaded machine a transaction
	// the manager sent may still be mined after Stake returned).
	var head uint64
	wait.NoError(t, 10*time.Second, "the dev chain's pool to empty", func() error {
		n, err := dev.Client().PendingTransactionCount(ctx)
		if err != nil || n != 0 {
			return fmt.Errorf("%d pending (%v)", n, err)
		}
		head, err = dev.Client().BlockNumber(ctx)
		return err
	})
	if head < 3 {
		t.Fatalf("head %d: want a block per transaction", head)
	}
	// What the chain holds at that head (a late transaction of the
	// manager may still be mined on top before the chain stops).
	at := new(big.Int).SetUint64(head)
	hdr, err := dev.Client().HeaderByNumber(ctx, at)
	if err != nil {
		t.Fatal(err)
	}
	balance, _ := dev.Client().BalanceAt(ctx, from, at)
	if err := dev.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}

	dev, err = openDevChain(t, dir, alloc)
	if err != nil {
		t.Fatal(err)
	}
	defer dev.Stop(context.Background())
	if h, err := dev.Client().BlockNumber(ctx); err != nil || h < head {
		t.Fatalf("head after reopening %d (%v), want at least %d", h, err, head)
	}
	if again, err := dev.Client().HeaderByNumber(ctx, at); err != nil || again.Hash() != hdr.Hash() {
		t.Fatalf("block %d after reopening: %v (%v), was %s", head, again, err, hdr.Hash())
	}
	if b, _ := dev.Client().BalanceAt(ctx, from, at); b.Cmp(balance) != 0 {
		t.Fatalf("balance at block %d after reopening %v, want %v", head, b, balance)
	}
	txm, err = l1.NewTxManager(ctx, dev.Client(), key, l1.TxConfig{PollInterval: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	br = l1.NewBridge(d.Bridge, txm)
	if n, err := br.LastProven(ctx); err != nil || n != 0 {
		t.Fatalf("bridge after reopening: last proven %d (%v)", n, err)
	}
	if _, err := br.RequestTraining(ctx, l1.JobParams{Model: []byte{1, 1, 2, 0, 1, 0, 1}, Order: 1, DatasetRoot: big.NewInt(2), DatasetSize: 1, LearningRate: 1, BatchSize: 1, InitWeights: big.NewInt(3), Steps: 1},
		time.Now().Add(time.Hour), bc.MinBounty); err != nil {
		t.Fatal(err)
	}
}

// openDevChain is NewDevChain and Start.
func openDevChain(t *testing.T, dir string, alloc types.GenesisAlloc) (*l1.DevChain, error) {
	t.Helper()
	dev, err := l1.NewDevChain(l1.DevChainConfig{Dir: dir, Alloc: alloc})
	if err != nil {
		return nil, err
	}
	if err := dev.Start(t.Context()); err != nil {
		return nil, errors.Join(err, dev.Stop(t.Context()))
	}
	return dev, nil
}
