package l1_test

import (
	"context"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi"
	bind "github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/trainrollup/trainrollup/internal/solc"
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
