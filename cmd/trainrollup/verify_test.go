package main

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/trainrollup/trainrollup/batcher"
	"github.com/trainrollup/trainrollup/da"
	"github.com/trainrollup/trainrollup/da/celestia"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/internal/evmtest"
	"github.com/trainrollup/trainrollup/internal/gethdev"
	"github.com/trainrollup/trainrollup/internal/testjob"
	"github.com/trainrollup/trainrollup/internal/testnode"
	"github.com/trainrollup/trainrollup/internal/wait"
	"github.com/trainrollup/trainrollup/l1"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/state"
)

// startDAServer starts trainrollup da serve as its own process (killed at
// the test's end) and returns its address and token file.
func startDAServer(t *testing.T) (addr, tokenFile string) {
	t.Helper()
	daDir := t.TempDir()
	addr = freePort(t)
	srv := exec.Command(os.Args[0], "da", "serve", "--da-addr", addr, "--datadir", daDir)
	srv.Env = append(os.Environ(), "TRAINROLLUP_TEST_AS_MAIN=1")
	out, _ := srv.StdoutPipe()
	srv.Stderr = os.Stderr
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Process.Signal(syscall.SIGKILL); srv.Wait() })
	if line, err := bufio.NewReader(out).ReadString('\n'); err != nil || !strings.Contains(line, "DA server on") {
		t.Fatalf("DA server: %q, %v", line, err)
	}
	return addr, filepath.Join(daDir, "token")
}

// testL1 is geth --dev with the bridge of chain 77 deployed and an
// operator staked.
type testL1 struct {
	eth    *gethdev.Node
	op     *ecdsa.PrivateKey // the operator, also the deployer
	txm    *l1.TxManager
	dep    *l1.Deployment
	bridge *l1.Bridge
}

// startL1 starts geth --dev, funds the operator and the accounts of fund,
// deploys the bridge with the L1 verifier verifierBin (nil: the committed
// one, real proofs only) and stakes the operator.
func startL1(t *testing.T, verifierBin []byte, fund ...*ecdsa.PrivateKey) *testL1 {
	t.Helper()
	ctx := t.Context()
	l := &testL1{eth: gethdev.Start(t)}
	l.op, _ = crypto.GenerateKey()
	for _, k := range append([]*ecdsa.PrivateKey{l.op}, fund...) {
		l.eth.Fund(t, crypto.PubkeyToAddress(k.PublicKey), new(big.Int).Lsh(big.NewInt(1), 80))
	}
	var err error
	if l.txm, err = l1.NewTxManager(ctx, l.eth.Client, l.op, l1.TxConfig{PollInterval: 50 * time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	bc := l1.DefaultBridgeConfig(77)
	if l.dep, err = l1.Deploy(ctx, l.txm, verifierBin, bc); err != nil {
		t.Fatal(err)
	}
	l.bridge = l1.NewBridge(l.dep.Bridge, l.txm)
	if err := l.bridge.Stake(ctx, bc.MinStake); err != nil {
		t.Fatal(err)
	}
	return l
}

// TestVerifyFromL1AndDA runs the chain's whole posting path on real parts:
// geth --dev as L1 (the bridge deployed, an operator staked), the DA server
// as its own process (trainrollup da serve), a sequencer node and the
// batcher posting through the celestia client; then trainrollup verify
// rebuilds the chain from L1 and DA alone and its roots match the node's.
func TestVerifyFromL1AndDA(t *testing.T) {
	if testing.Short() {
		t.Skip("starts geth --dev and a DA server process")
	}
	ctx := t.Context()
	const chainID = 77
	l := startL1(t, evmtest.TestContracts(t)["ClaimVerifier"].Bin)
	eth, dep, bridge := l.eth, l.dep, l.bridge

	daAddr, tokenFile := startDAServer(t)
	tok, err := os.ReadFile(tokenFile)
	if err != nil {
		t.Fatal(err)
	}
	layer, err := celestia.Dial(ctx, "http://"+daAddr, strings.TrimSpace(string(tok)))
	if err != nil {
		t.Fatal(err)
	}
	defer layer.Close()

	// A node and its traffic.
	d, err := dataset.LoadCSV("../../testdata/iris.csv")
	if err != nil {
		t.Fatal(err)
	}
	train, _ := d.Split(5)
	// The node holds iris; the chain registers it from the DA the batches
	// go to, from which verify fetches it (no --data).
	node, cl := testnode.StartOn(t, chainID, layer, train)
	key, _ := crypto.GenerateKey()
	spec, _ := model.Parse("4-8-3")
	p := testjob.NewEnv(t, train).Params(t, spec, 8, 3277, 1, 100)
	for _, raw := range testjob.SignedJob(t, chainID, key, 1, p)[:25] { // the creation and 24 steps
		if _, _, err := cl.SendRawTransaction(ctx, raw); err != nil {
			t.Fatal(err)
		}
	}

	// The batcher posts everything.
	ns, _ := da.NewNamespace([]byte("trainrl"))
	bcfg := batcher.DefaultConfig(ns, l1.GenesisHeader(state.EmptyRoot()))
	bcfg.FromBlock, bcfg.Interval = dep.Block, 200*time.Millisecond
	b, err := batcher.New(bcfg, node, layer, bridge, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Stop(context.Background())
	if err := b.Start(ctx); err != nil {
		t.Fatal(err)
	}
	head := node.Head()
	wait.NoError(t, 60*time.Second, "the batcher to post every block", func() error {
		if got := b.Posted(); got < head {
			return fmt.Errorf("posted %d of %d blocks", got, head)
		}
		return nil
	})
	if err := b.Stop(ctx); err != nil {
		t.Fatal(err)
	}

	code, stdout, stderr := runCLI(t, "verify", "--l1", eth.URL, "--bridge", dep.Bridge.Hex(), "--l1-from-block", fmt.Sprint(dep.Block),
		"--da", "http://"+daAddr, "--da-token-file", tokenFile, "--namespace", "trainrl", "--chain-id", fmt.Sprint(chainID),
		"--dataset-cache", t.TempDir(), "--rpc", node.RPCURL())
	if code != 0 {
		t.Fatalf("verify: exit %d: %s%s", code, stdout, stderr)
	}
	hd, _, _ := node.Block(head)
	if !strings.Contains(stdout, fmt.Sprintf("%d blocks, 26 transactions", head)) || !strings.Contains(stdout, fmt.Sprintf("%x", hd.StateRoot)) {
		t.Fatalf("verify output:\n%s", stdout)
	}
	t.Logf("%s", stdout)
}
