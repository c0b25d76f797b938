package l1_test

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"math/big"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient/simulated"

	rollupchain "github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/circuits"
	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/internal/evmtest"
	"github.com/trainrollup/trainrollup/internal/solc"
	"github.com/trainrollup/trainrollup/internal/testjob"
	"github.com/trainrollup/trainrollup/l1"
	"github.com/trainrollup/trainrollup/l1/bindings"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/state"
)

// The bridge's configuration in these tests.
const (
	rollupChainID  = 1337
	unstakeDelay   = 7 * 24 * 3600
	proofWindow    = 24 * 3600
	inclusionDelay = 3600
)

var (
	minStake  = ether(5)
	minBounty = ether(1) / 100
	abiBridge = bindings.NewBridge()
)

func ether(n int64) int64 { return n * 1e18 }

type account struct {
	key  *ecdsa.PrivateKey
	addr common.Address
}

func newAccount() account {
	k, _ := crypto.GenerateKey()
	return account{k, crypto.PubkeyToAddress(k.PublicKey)}
}

// fixture is a bridge on a fresh simulated L1, with the test-only claim
// verifier (see contracts/test/ClaimVerifier.sol), a few funded accounts
// and the rollup-side view of its batch chain and L1 message queue. Every
// successful transaction is checked for escrow conservation: the bridge's
// balance equals all that came in (stakes, bounties) less all that went out
// (withdrawals), and equals heldBounties + totalStaked + totalCredits +
// slashedFunds.
type fixture struct {
	t        *testing.T
	sim      *simulated.Backend
	client   simulated.Client
	l1ID     *big.Int
	bridge   common.Address
	verifier common.Address
	test     map[string]solc.Contract // contracts/test, compiled

	deployer, op, op2, alice, bob account

	genesisRoot commit.Element
	headers     []l1.BatchHeader  // the committed chain, [0] genesis
	queue       []common.Hash     // queue[n]: rolling hash of n messages
	in, out     *big.Int          // wei into and out of the bridge
	gas         map[string]uint64 // by bridge method: the last call's
	lastGas     uint64            // of the last transaction
}

func newFixture(t *testing.T, genesisRoot commit.Element) *fixture {
	t.Helper()
	f := &fixture{t: t, deployer: newAccount(), op: newAccount(), op2: newAccount(), alice: newAccount(), bob: newAccount(),
		genesisRoot: genesisRoot, in: new(big.Int), out: new(big.Int), gas: make(map[string]uint64)}
	alloc := types.GenesisAlloc{}
	for _, a := range []account{f.deployer, f.op, f.op2, f.alice, f.bob} {
		alloc[a.addr] = types.Account{Balance: big.NewInt(0).Mul(big.NewInt(ether(1)), big.NewInt(1000))}
	}
	f.sim = l1.NewSimulated(alloc)
	t.Cleanup(func() { f.sim.Close() })
	f.client = f.sim.Client()
	var err error
	if f.l1ID, err = f.client.ChainID(context.Background()); err != nil {
		t.Fatal(err)
	}
	f.test = evmtest.TestContracts(t)
	f.verifier = f.deploy(f.deployer, f.test["ClaimVerifier"].Bin, nil)
	f.bridge = f.deploy(f.deployer, common.FromHex(bindings.BridgeMetaData.Bin), abiBridge.PackConstructor(
		rollupChainID, f.verifier, element(genesisRoot), big.NewInt(minStake), unstakeDelay, proofWindow, inclusionDelay, big.NewInt(minBounty)))
	f.headers = []l1.BatchHeader{l1.GenesisHeader(genesisRoot)}
	f.queue = []common.Hash{{}}
	if got := f.batchHash(0); got != headerHash(t, f.headers[0]) {
		t.Fatalf("genesis header hash: contract %x, Go %x", got, headerHash(t, f.headers[0]))
	}
	return f
}

func (f *fixture) deploy(from account, bin, args []byte) common.Address {
	f.t.Helper()
	rcpt, err := f.send(from, nil, append(append([]byte{}, bin...), args...), nil)
	if err != nil {
		f.t.Fatalf("deploy: %v", err)
	}
	return rcpt.ContractAddress
}

// send sends a transaction and mines it. A transaction that would revert
// is not sent: its decoded revert is returned.
func (f *fixture) send(from account, to *common.Address, data []byte, value *big.Int) (*types.Receipt, error) {
	f.t.Helper()
	ctx := context.Background()
	if value == nil {
		value = new(big.Int)
	}
	msg := ethereum.CallMsg{From: from.addr, To: to, Data: data, Value: value}
	gas, err := f.client.EstimateGas(ctx, msg)
	if err != nil {
		return nil, l1.DecodeRevert(err)
	}
	nonce, err := f.client.PendingNonceAt(ctx, from.addr)
	if err != nil {
		f.t.Fatal(err)
	}
	head, err := f.client.HeaderByNumber(ctx, nil)
	if err != nil {
		f.t.Fatal(err)
	}
	tip := big.NewInt(1e9)
	tx := types.MustSignNewTx(from.key, types.LatestSignerForChainID(f.l1ID), &types.DynamicFeeTx{
		ChainID: f.l1ID, Nonce: nonce, GasTipCap: tip, GasFeeCap: new(big.Int).Add(new(big.Int).Mul(head.BaseFee, big.NewInt(2)), tip),
		Gas: gas * 6 / 5, To: to, Value: value, Data: data,
	})
	if err := f.client.SendTransaction(ctx, tx); err != nil {
		f.t.Fatal(err)
	}
	f.sim.Commit()
	rcpt, err := f.client.TransactionReceipt(ctx, tx.Hash())
	if err != nil {
		f.t.Fatal(err)
	}
	if rcpt.Status != types.ReceiptStatusSuccessful {
		f.t.Fatalf("transaction estimated to succeed failed: %+v", rcpt)
	}
	f.lastGas = rcpt.GasUsed
	if to != nil && *to == f.bridge && len(data) >= 4 {
		parsed := abiBridge.GetABI()
		if m, err := parsed.MethodById(data[:4]); err == nil {
			f.gas[m.Name] = rcpt.GasUsed
		}
	}
	if f.bridge != (common.Address{}) {
		f.account(rcpt)
	}
	return rcpt, nil
}

// account adds the receipt's flows of wei and checks conservation.
func (f *fixture) account(rcpt *types.Receipt) {
	f.t.Helper()
	for _, lg := range rcpt.Logs {
		if lg.Address != f.bridge {
			continue
		}
		if ev, err := abiBridge.UnpackStakedEvent(lg); err == nil {
			f.in.Add(f.in, ev.Amount)
		} else if ev, err := abiBridge.UnpackTrainingRequestedEvent(lg); err == nil {
			f.in.Add(f.in, ev.Bounty)
		} else if ev, err := abiBridge.UnpackWithdrawnEvent(lg); err == nil {
			f.out.Add(f.out, ev.Amount)
		} else if ev, err := abiBridge.UnpackStakeWithdrawnEvent(lg); err == nil {
			f.out.Add(f.out, ev.Amount)
		}
	}
	bal, err := f.client.BalanceAt(context.Background(), f.bridge, nil)
	if err != nil {
		f.t.Fatal(err)
	}
	if want := new(big.Int).Sub(f.in, f.out); bal.Cmp(want) != 0 {
		f.t.Fatalf("bridge holds %v wei, but %v came in and %v went out", bal, f.in, f.out)
	}
	held := new(big.Int)
	for _, v := range [][]byte{abiBridge.PackHeldBounties(), abiBridge.PackTotalStaked(), abiBridge.PackTotalCredits(), abiBridge.PackSlashedFunds()} {
		held.Add(held, new(big.Int).SetBytes(f.view(v)))
	}
	if bal.Cmp(held) != 0 {
		f.t.Fatalf("bridge holds %v wei, its books say %v", bal, held)
	}
}

func (f *fixture) call(from account, data []byte, value *big.Int) (*types.Receipt, error) {
	f.t.Helper()
	return f.send(from, &f.bridge, data, value)
}

func (f *fixture) mustCall(from account, data []byte, value *big.Int) *types.Receipt {
	f.t.Helper()
	rcpt, err := f.call(from, data, value)
	if err != nil {
		f.t.Fatal(err)
	}
	return rcpt
}

// view calls a view function of the bridge.
func (f *fixture) view(data []byte) []byte {
	f.t.Helper()
	out, err := f.client.CallContract(context.Background(), ethereum.CallMsg{To: &f.bridge, Data: data}, nil)
	if err != nil {
		f.t.Fatal(l1.DecodeRevert(err))
	}
	return out
}

// callAt calls a view function of the contract at addr.
func (f *fixture) callAt(addr common.Address, data []byte) ([]byte, error) {
	out, err := f.client.CallContract(context.Background(), ethereum.CallMsg{To: &addr, Data: data}, nil)
	return out, l1.DecodeRevert(err)
}

// estimate is the gas of a transaction calling addr with data.
func (f *fixture) estimate(addr common.Address, data []byte) (uint64, error) {
	gas, err := f.client.EstimateGas(context.Background(), ethereum.CallMsg{From: f.bob.addr, To: &addr, Data: data})
	return gas, l1.DecodeRevert(err)
}

func (f *fixture) batchHash(i uint64) common.Hash {
	h, err := abiBridge.UnpackBatchHash(f.view(abiBridge.PackBatchHash(i)))
	if err != nil {
		f.t.Fatal(err)
	}
	return h
}

func (f *fixture) u256(data []byte) *big.Int { return new(big.Int).SetBytes(f.view(data)) }

func (f *fixture) now() uint64 {
	h, err := f.client.HeaderByNumber(context.Background(), nil)
	if err != nil {
		f.t.Fatal(err)
	}
	return h.Time
}

// advance moves L1 time on by d (the next block's timestamp).
func (f *fixture) advance(d time.Duration) {
	if err := f.sim.AdjustTime(d); err != nil {
		f.t.Fatal(err)
	}
	f.sim.Commit()
}

func (f *fixture) stake(a account, amount int64) {
	f.t.Helper()
	f.mustCall(a, abiBridge.PackStake(), big.NewInt(amount))
}

// request requests a job for params p with bounty and a deadline d from
// now, and tracks the queue.
func (f *fixture) request(from account, p l1.JobParams, bounty int64, d time.Duration) (state.JobID, error) {
	f.t.Helper()
	rcpt, err := f.call(from, abiBridge.PackRequestTraining(p, f.now()+uint64(d/time.Second)), big.NewInt(bounty))
	if err != nil {
		return 0, err
	}
	for _, lg := range rcpt.Logs {
		if ev, err := abiBridge.UnpackL1MessageQueuedEvent(lg); err == nil {
			id := state.JobID(ev.JobId)
			want := nextQueue(f.t, f.queue[len(f.queue)-1], id, from.addr, p)
			if common.Hash(ev.QueueHash) != want || ev.Index != uint64(len(f.queue)-1) {
				f.t.Fatalf("message %d queued with hash %x, want %x", ev.Index, ev.QueueHash, want)
			}
			f.queue = append(f.queue, want)
			return id, nil
		}
	}
	f.t.Fatal("no L1MessageQueued event")
	return 0, nil
}

// input is a batch input of n blocks consuming the first consumed queued
// messages.
func (f *fixture) input(n uint64, root, digest commit.Element, consumed int) l1.BatchInput {
	last := f.headers[len(f.headers)-1]
	return l1.BatchInput{
		LastBlock: last.LastBlock + n, DaHeight: uint64(len(f.headers)), DaCommitment: crypto.Keccak256Hash([]byte{byte(len(f.headers))}),
		TxDigest: element(digest), StateRoot: element(root), L1MessagesConsumed: uint64(consumed), L1QueueHash: f.queue[consumed],
	}
}

// commit commits in after the last header and checks the header the
// bridge recorded against l1.NextHeader.
func (f *fixture) commit(op account, in l1.BatchInput) (l1.BatchHeader, error) {
	f.t.Helper()
	parent := f.headers[len(f.headers)-1]
	rcpt, err := f.call(op, abiBridge.PackCommitBatch(parent, in), nil)
	if err != nil {
		return l1.BatchHeader{}, err
	}
	for _, lg := range rcpt.Logs {
		if ev, err := abiBridge.UnpackBatchCommittedEvent(lg); err == nil {
			block, err := f.client.HeaderByHash(context.Background(), rcpt.BlockHash)
			if err != nil {
				f.t.Fatal(err)
			}
			want := l1.NextHeader(parent, in, op.addr, block.Time)
			if headerHash(f.t, want) != common.Hash(ev.Hash) || f.batchHash(want.Index) != ev.Hash {
				f.t.Fatalf("batch %d recorded as %+v (%x), want %+v (%x)", want.Index, ev.Header, ev.Hash, want, headerHash(f.t, want))
			}
			f.headers = append(f.headers, ev.Header)
			return ev.Header, nil
		}
	}
	f.t.Fatal("no BatchCommitted event")
	return l1.BatchHeader{}, nil
}

// proof is the claim verifier's proof of batches prev.Index+1..last.Index.
func proof(prev, last l1.BatchHeader) []byte {
	c := circuits.Claim{ChainID: rollupChainID, FirstBatch: prev.Index + 1, LastBatch: last.Index,
		RootBefore: fromBig(prev.StateRoot), RootAfter: fromBig(last.StateRoot),
		DigestBefore: proofDigest(prev), DigestAfter: proofDigest(last)}
	p := make([]byte, 384)
	c.PublicInput().FillBytes(p[:32])
	return p
}

func (f *fixture) prove(from account, prev, last l1.BatchHeader) error {
	f.t.Helper()
	_, err := f.call(from, abiBridge.PackProveBatches(prev, last, proof(prev, last)), nil)
	return err
}

// proofDigest is the digest step proofs chain at the end of batch h
// (spec/proofs.md#claim): Compress(txDigest, l1QueueHash).
func proofDigest(h l1.BatchHeader) commit.Element {
	var q commit.Element
	q.SetBytes(h.L1QueueHash[:])
	return rollupchain.Digests{Tx: fromBig(h.TxDigest), L1: q}.Proof()
}

func fromBig(b *big.Int) commit.Element {
	var e commit.Element
	e.SetBigInt(b)
	return e
}

// wantRevert fails unless err is the bridge reverting with the named error.
func wantRevert(t *testing.T, err error, name string) {
	t.Helper()
	var re *l1.RevertError
	if !errors.As(err, &re) || re.Name != name {
		t.Fatalf("got %v, want a revert with %s", err, name)
	}
}

// gasTable formats the gas of each entry point the fixture called.
func (f *fixture) gasTable() string {
	names := make([]string, 0, len(f.gas))
	for n := range f.gas {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("| entry point | gas |\n|---|---|\n")
	for _, n := range names {
		b.WriteString("| " + n + " | " + big.NewInt(int64(f.gas[n])).String() + " |\n")
	}
	return b.String()
}

// trainer runs real jobs of the Iris 4-8-3 model on an in-memory state,
// for leaves, roots and Merkle paths that the protocol produces.
type trainer struct {
	t    testing.TB
	env  *testjob.Env
	st   *state.Store
	ex   *executor.Executor
	d    *dataset.Dataset
	spec model.Spec
}

func newTrainer(t testing.TB) *trainer {
	t.Helper()
	env := testjob.NewEnv(t, testjob.Iris(t))
	spec, err := model.Parse("4-8-3")
	if err != nil {
		t.Fatal(err)
	}
	return &trainer{t: t, env: env, st: env.Store, ex: env.Exec, d: env.Data, spec: spec}
}

// params are the parameters of a job of steps steps with seed.
// params are a seeded job's, as every L1 request is.
func (tr *trainer) params(steps, seed uint64) state.Params {
	tr.t.Helper()
	p := tr.env.Params(tr.t, tr.spec, 8, 6554, seed, steps)
	p.Order = state.OrderSeeded
	return p
}

// train creates job id with p, owned by owner, and applies all its steps.
func (tr *trainer) train(id state.JobID, owner common.Address, p state.Params) (*state.Job, *model.Weights) {
	tr.t.Helper()
	if _, err := tr.ex.CreateJob(id, owner, p); err != nil {
		tr.t.Fatal(err)
	}
	order := dataset.NewOrder(p.Seed, uint64(tr.d.Len()))
	for k := range p.Steps {
		if _, err := tr.ex.ApplyStep(executor.Step{Job: id, Indices: order.Step(k, int(p.Batch))}); err != nil {
			tr.t.Fatal(err)
		}
	}
	j, err := tr.st.Job(id)
	if err != nil {
		tr.t.Fatal(err)
	}
	if j.Status != state.StatusCompleted {
		tr.t.Fatalf("job %d: status %v after %d steps", id, j.Status, p.Steps)
	}
	w, err := tr.st.Weights(j)
	if err != nil {
		tr.t.Fatal(err)
	}
	return j, w
}

func (tr *trainer) root() commit.Element {
	tr.t.Helper()
	r, err := tr.st.Root()
	if err != nil {
		tr.t.Fatal(err)
	}
	return r
}

func (tr *trainer) path(id state.JobID) []*big.Int { return l1.Siblings(tr.sib(id)) }

func (tr *trainer) sib(id state.JobID) []commit.Element {
	tr.t.Helper()
	sib, err := tr.st.Proof(id)
	if err != nil {
		tr.t.Fatal(err)
	}
	return sib
}

func jobParams(t testing.TB, p state.Params) l1.JobParams {
	t.Helper()
	jp, err := l1.ParamsOf(p)
	if err != nil {
		t.Fatal(err)
	}
	return jp
}

func headerHash(t testing.TB, h l1.BatchHeader) common.Hash {
	t.Helper()
	hh, err := l1.HeaderHash(h)
	if err != nil {
		t.Fatal(err)
	}
	return hh
}

// nextQueue is l1.NextQueueHash, failing t on error.
func nextQueue(t testing.TB, prev common.Hash, id state.JobID, owner common.Address, p l1.JobParams) common.Hash {
	t.Helper()
	q, err := l1.NextQueueHash(prev, id, owner, p)
	if err != nil {
		t.Fatal(err)
	}
	return q
}
