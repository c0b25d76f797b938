package main

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/trainrollup/trainrollup/prover"
	"github.com/trainrollup/trainrollup/sequencer"
)

// The flags that several commands take, one constructor per concept, so
// that a concept has one name, one usage text and one environment variable
// wherever it appears. Flags of one command only are declared with it.
// flags_test.go checks every flag of every command against these rules:
//
//   - names are kebab-case;
//   - a flag's only environment variable is TRAINROLLUP_ and its name
//     upper-cased with '-' as '_' (--da-token-file: TRAINROLLUP_DA_TOKEN_FILE);
//   - flags of one name have one usage, one variable and the same aliases;
//   - a renamed flag keeps its old name as an alias, and a renamed
//     variable is refused with its new name (renamedEnv), never ignored.
//
// Constructors return new flags: a flag records whether it was set, so one
// value shared by two runs of the command (tests run many) would carry the
// first run's state into the second. Where commands differ in a default
// they pass it (or wrap the flag in withDefault); one that requires the
// flag wraps it in required.

const envPrefix = "TRAINROLLUP_"

// env is the one environment variable of the flag called name.
func env(name string) cli.ValueSourceChain {
	return cli.EnvVars(envPrefix + strings.ToUpper(strings.ReplaceAll(name, "-", "_")))
}

// withDefault sets the default of f in the one command that has one.
func withDefault[T, C any, VC cli.ValueCreator[T, C]](f *cli.FlagBase[T, C, VC], v T) *cli.FlagBase[T, C, VC] {
	f.Value = v
	return f
}

// required marks f required in the command that takes it.
func required[T, C any, VC cli.ValueCreator[T, C]](f *cli.FlagBase[T, C, VC]) *cli.FlagBase[T, C, VC] {
	f.Required = true
	return f
}

// renamedEnv maps the environment variables that earlier versions read to
// the ones that replaced them.
var renamedEnv = map[string]string{
	"TRAINROLLUP_L1_RPC":       "TRAINROLLUP_L1",
	"TRAINROLLUP_BRIDGE_BLOCK": "TRAINROLLUP_L1_FROM_BLOCK",
	"TRAINROLLUP_DA_RPC":       "TRAINROLLUP_DA",
	"TRAINROLLUP_NODE_DATA":    "TRAINROLLUP_DATA",
	"TRAINROLLUP_DEVNET_DATA":  "TRAINROLLUP_DATA",
	"TRAINROLLUP_L1_KEY":       "TRAINROLLUP_KEY",
	"TRAINROLLUP_DA_DATADIR":   "TRAINROLLUP_DATADIR",
}

// checkEnv refuses the renamed variables that lookup finds: ignored, each
// would leave its flag at the default without a word (an operator without
// its datasets, a devnet on the embedded L1 instead of the one meant).
func checkEnv(lookup func(string) (string, bool)) error {
	var errs []error
	for _, old := range slices.Sorted(maps.Keys(renamedEnv)) {
		if _, ok := lookup(old); ok {
			errs = append(errs, fmt.Errorf("environment variable %s was renamed %s: set that instead (docs/operations.md#configuration)", old, renamedEnv[old]))
		}
	}
	return errors.Join(errs...)
}

// Settings files and logs (node, devnet, operator).

// configFlag is --config: a TOML file of the command's settings, keyed by
// flag name. The command line wins over the environment (TRAINROLLUP_*),
// which wins over the file, which wins over the defaults.
func configFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "config", Usage: "TOML file of settings keyed by flag name (flags and TRAINROLLUP_* variables win over it)", Sources: env("config")}
}

func logFormatFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "log-format", Usage: "text or json", Value: "text", Sources: env("log-format")}
}

func logLevelFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "log-level", Usage: "debug, info, warn or error", Value: "info", Sources: env("log-level")}
}

func jsonFlag() *cli.BoolFlag {
	return &cli.BoolFlag{Name: "json", Usage: "print JSON instead of text", Sources: env("json")}
}

func datadirFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "datadir", Usage: "data directory: the process's state (devnet: default ~/.trainrollup/devnet)", Sources: env("datadir")}
}

// A job's shape and training (train, prove-step, setup, bench, job, operator).

// dataUsage is the one usage of --data, which a command takes once (a job's
// dataset: dataFlag) or several times (a chain's datasets: datasetsFlag).
const dataUsage = "dataset jobs train on: csv:FILE (features..., label; every 5th row held out), mnist:DIR (idx files; " +
	"28x28, or 14x14 for a model of 196 inputs), mnist14:DIR (2x2 pooled) or published:DIR (dataset get); node, operator and verify take several"

func dataFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "data", Usage: dataUsage, Sources: env("data")}
}

// outFlag is where a command writes its result (bench sequencer: a JSON
// file; dataset get: a directory).
func outFlag(def string) *cli.StringFlag {
	return &cli.StringFlag{Name: "out", Usage: "where to write the result (bench: a JSON file; dataset get: a directory)", Value: def, Sources: env("out")}
}

func datasetCacheFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "dataset-cache", Usage: "where fetched datasets are kept, checked (default: the user cache directory's trainrollup/datasets)", Sources: env("dataset-cache")}
}

func datasetsFlag() *cli.StringSliceFlag {
	return &cli.StringSliceFlag{Name: "data", Usage: dataUsage, Sources: env("data")}
}

func modelFlag(def string) *cli.StringFlag {
	return &cli.StringFlag{Name: "model", Usage: "widths joined by '-', optional :ce or :mse (input 196 pools MNIST to 14x14)", Value: def, Sources: env("model")}
}

func batchFlag(def int) *cli.IntFlag {
	return &cli.IntFlag{Name: "batch", Usage: "batch size, a power of two up to 1024", Value: def, Sources: env("batch")}
}

func lrFlag(def string) *cli.StringFlag {
	return &cli.StringFlag{Name: "lr", Usage: "learning rate, a decimal in (0, 16]; applied exactly as round(lr*2^16)/2^16", Value: def, Sources: env("lr")}
}

// orderFlag is a job's sample order (spec/dataset.md#order).
func orderFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "order", Usage: "how the job's batches are chosen: given (its owner sends each step's indices) or seeded (the protocol derives them from --seed and the sequencer schedules the steps)",
		Value: "given", Sources: env("order")}
}

func seedFlag() *cli.Uint64Flag {
	return &cli.Uint64Flag{Name: "seed", Usage: "seed of the weight initialisation and the sample order", Value: 1, Sources: env("seed")}
}

func stepsFlag(def int) *cli.IntFlag {
	return &cli.IntFlag{Name: "steps", Usage: "SGD steps (a job's total; bench executor: the timed steps per executor)", Value: def, Sources: env("steps")}
}

func workersFlag() *cli.IntFlag {
	return &cli.IntFlag{Name: "workers", Usage: "the CPU executor's goroutines per step (0: GOMAXPROCS); never changes the result", Sources: env("workers")}
}

// executorFlags are the executor flags of train, node and devnet. The GPU
// backend exists only in the cuda build (make gpu-build:
// bin/gpu/trainrollup-gpu); this binary says which it is in --executor's
// usage.
func executorFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "executor", Usage: "where training steps run: cpu or gpu (" + gpuBuildNote + "); both give the same bits", Value: "cpu", Sources: env("executor")},
		gpuFlag(),
	}
}

func gpuFlag() *cli.IntFlag {
	return &cli.IntFlag{Name: "gpu", Usage: "the ordinal of the GPU that a gpu executor runs on", Sources: env("gpu")}
}

// Proving (prove-step, setup, bench chain, operator, devnet).

func keysFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "keys", Usage: "proving key cache directory (default: the user cache dir's trainrollup/keys)", Sources: env("keys")}
}

func kFlag() *cli.IntFlag {
	return &cli.IntFlag{Name: "k", Usage: "consecutive training steps proven by one step proof", Value: 1, Sources: env("k")}
}

func slotsFlag() *cli.IntFlag {
	return &cli.IntFlag{Name: "slots", Usage: "step proofs per aggregation proof", Value: prover.DefaultSlots, Sources: env("slots")}
}

func noProverFlag() *cli.BoolFlag {
	return &cli.BoolFlag{Name: "no-prover", Usage: "run no prover: batches are posted and committed, never proven", Sources: env("no-prover")}
}

// The chain: its nodes, L1 and DA (node, job, admin, devnet, operator,
// verify).

// rpcFlag is a node's JSON-RPC URL; def is the command's default.
func rpcFlag(def string) *cli.StringFlag {
	return &cli.StringFlag{Name: "rpc", Usage: "a node's JSON-RPC URL, http:// or ws:// (any member: followers forward to the leader; operator: several, comma-separated)",
		Value: def, Sources: env("rpc")}
}

// defaultRPC is where a node started with the defaults serves JSON-RPC.
const defaultRPC = "http://127.0.0.1:8545"

func keyFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "key", Aliases: []string{"l1-key"},
		Usage:   "secp256k1 private key that signs the command's transactions: hex, or @FILE holding it (operator and devnet: the operator's L1 key; job watch: the L1 account paying for the classifier's load)",
		Sources: env("key")}
}

func chainIDFlag() *cli.Uint64Flag {
	return &cli.Uint64Flag{Name: "chain-id", Usage: "the rollup's chain id (a devnet fixes it at its first start)", Value: sequencer.DefaultConfig().ChainID, Sources: env("chain-id")}
}

func genesisTimeFlag() *cli.Uint64Flag {
	return &cli.Uint64Flag{Name: "genesis-time", Usage: "block 0's time, unix seconds", Sources: env("genesis-time")}
}

func serverIDFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "id", Usage: "raft server id, unique in the cluster and stable across restarts", Sources: env("id")}
}

// raftAddrFlag is a server's raft address: a node's own, or the one admin
// adds.
func raftAddrFlag(def string) *cli.StringFlag {
	return &cli.StringFlag{Name: "raft-addr", Usage: "raft TCP address, host:port (node: its own; admin: the server's)", Value: def, Sources: env("raft-addr")}
}

func adminSecretFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "admin-secret", Usage: "file holding the cluster's admin JWT secret, hex (node: created when missing; default DATADIR/admin-secret)", Sources: env("admin-secret")}
}

func jobIDFlag() *cli.Uint64Flag {
	return &cli.Uint64Flag{Name: "job-id", Aliases: []string{"id"}, Usage: "job id, below 2^31", Required: true, Sources: env("job-id")}
}

func perCallFlag(def int) *cli.IntFlag {
	return &cli.IntFlag{Name: "per-call", Usage: "transactions per train_sendRawTransactions call", Value: def, Sources: env("per-call")}
}

func nodesFlag(def int) *cli.IntFlag {
	return &cli.IntFlag{Name: "nodes", Usage: "raft sequencer nodes to run (devnet: 1 or 3)", Value: def, Sources: env("nodes")}
}

func blockTimeFlag(def time.Duration) *cli.DurationFlag {
	return &cli.DurationFlag{Name: "block-time", Usage: "longest wait of a pending transaction for its block", Value: def, Sources: env("block-time")}
}

func executeFlag(def bool) *cli.BoolFlag {
	return &cli.BoolFlag{Name: "execute", Usage: "execute every block on every node (state roots, receipts, jobs); off only for sequencing benchmarks", Value: def, Sources: env("execute")}
}

func l1Flag() *cli.StringFlag {
	return &cli.StringFlag{Name: "l1", Aliases: []string{"l1-rpc"}, Usage: "L1's Ethereum JSON-RPC URL (devnet: instead of the embedded L1, with --key)", Sources: env("l1")}
}

func bridgeFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "bridge", Usage: "the bridge contract's address on --l1", Sources: env("bridge")}
}

func l1FromBlockFlag() *cli.Uint64Flag {
	return &cli.Uint64Flag{Name: "l1-from-block", Aliases: []string{"from-block"}, Usage: "the L1 block the bridge was deployed in, where reading its logs starts", Sources: env("l1-from-block")}
}

// jobShapeFlag is the shape of the jobs the chain's prover proves (node:
// the only shape it admits; operator: the proof chain it sets up).
func jobShapeFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "job-shape", Usage: "the shape of the jobs the chain's prover proves, MODEL/bBATCH/dDEPTH (e.g. 4-8-3/b8/d7); node: it admits no other", Sources: env("job-shape")}
}

// journalDirFlag is where dataset publications in progress are recorded
// (dataset publish, job create and job submit).
func journalDirFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "journal-dir", Usage: "where publications in progress are recorded (default: the user cache directory's trainrollup/publish)", Sources: env("journal-dir")}
}

func daFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "da", Aliases: []string{"da-rpc"}, Usage: "DA JSON-RPC URL, the celestia-node API (devnet: instead of the local DA)", Sources: env("da")}
}

func daTokenFileFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "da-token-file", Aliases: []string{"token-file"}, Usage: "file holding the DA's bearer token (da serve: created when missing, default DATADIR/token)", Sources: env("da-token-file")}
}

func namespaceFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "namespace", Usage: "the rollup's DA namespace id (1-10 bytes)", Value: "trainrl", Sources: env("namespace")}
}

// untilFlag is where job watch and job request stop following a job.
func untilFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "until", Usage: "stop once the job is completed, or its last block posted or finalized on L1", Value: "finalized", Sources: env("until")}
}

// checkUntil checks --until.
func checkUntil(until string) error {
	if until != "completed" && until != "posted" && until != "finalized" {
		return fmt.Errorf("--until %q: want completed, posted or finalized", until)
	}
	return nil
}
