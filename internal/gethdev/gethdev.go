// Package gethdev runs a real Ethereum node for tests: geth --dev, built
// from the go-ethereum module this project pins (the tool directive in
// go.mod), on a loopback port, with its chain in memory.
package gethdev

import (
	"bytes"
	"context"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/trainrollup/trainrollup/internal/solc"
)

// Node is a running geth --dev.
type Node struct {
	URL    string
	Client *ethclient.Client
	Dev    common.Address // the node's funded, unlocked dev account
	rpc    *rpc.Client
}

// Binary returns the geth to run: $TRAINROLLUP_GETH if set, else the one
// `go tool geth` builds (cached by the Go build cache after the first
// build, which takes minutes).
func Binary(ctx context.Context) (string, error) {
	if p := os.Getenv("TRAINROLLUP_GETH"); p != "" {
		return p, nil
	}
	root, err := solc.ModuleRoot()
	if err != nil {
		return "", err
	}
	cmd := exec.CommandContext(ctx, "go", "tool", "-n", "geth")
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("build geth (go tool -n geth): %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(out)), nil
}

// Start runs geth --dev for the test (stopped at its cleanup) and waits
// until it answers. It mines a block every second, so that transactions
// gain confirmations.
func Start(t testing.TB) *Node {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	bin, err := Binary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	cmd := exec.Command(bin, "--dev", "--dev.period", "1", "--http", "--http.addr", "127.0.0.1", "--http.port", strconv.Itoa(port),
		"--http.api", "eth,net,web3", "--nodiscover", "--maxpeers", "0", "--port", "0", "--authrpc.port", "0",
		"--ipcdisable", "--verbosity", "2")
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatalf("start geth: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-exited
		if t.Failed() {
			t.Logf("geth log:\n%s", log.String())
		}
	})
	n := &Node{URL: fmt.Sprintf("http://127.0.0.1:%d", port)}
	for deadline := time.Now().Add(60 * time.Second); ; {
		select {
		case err := <-exited:
			t.Fatalf("geth exited: %v\n%s", err, log.String())
		default:
		}
		if n.rpc, err = rpc.DialContext(ctx, n.URL); err == nil {
			var accounts []common.Address
			if err = n.rpc.CallContext(ctx, &accounts, "eth_accounts"); err == nil && len(accounts) > 0 {
				n.Dev = accounts[0]
				break
			}
			n.rpc.Close()
		}
		if time.Now().After(deadline) {
			t.Fatalf("geth did not answer on %s: %v\n%s", n.URL, err, log.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	n.Client = ethclient.NewClient(n.rpc)
	t.Cleanup(n.Client.Close)
	return n
}

// Fund sends wei from the dev account to addr and waits for it.
func (n *Node) Fund(t testing.TB, addr common.Address, wei *big.Int) {
	t.Helper()
	ctx := context.Background()
	var hash common.Hash
	err := n.rpc.CallContext(ctx, &hash, "eth_sendTransaction", map[string]any{
		"from": n.Dev, "to": addr, "value": (*hexutil.Big)(wei),
	})
	if err != nil {
		t.Fatalf("fund %s: %v", addr, err)
	}
	for deadline := time.Now().Add(30 * time.Second); ; {
		// Right after start the node may answer "transaction indexing is
		// in progress": retry.
		if r, err := n.Client.TransactionReceipt(ctx, hash); err == nil && r != nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("funding transaction %s not mined", hash)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
