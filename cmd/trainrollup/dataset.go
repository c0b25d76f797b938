package main

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v3"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/client"
	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/da"
	"github.com/trainrollup/trainrollup/da/celestia"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/datastore"
)

func datasetCommand() *cli.Command {
	return &cli.Command{
		Name:  "dataset",
		Usage: "publish datasets to DA, register them on the chain, show and fetch them by root",
		Commands: []*cli.Command{{
			Name:  "publish",
			Usage: "publish a dataset's chunks to DA and register it on the chain (spec/dataset.md#publication)",
			Description: "Splits the dataset (a CSV's training split: every 5th row held out, as job create does) into\n" +
				"chunks, submits each to --da in the rollup's namespace, then sends a RegisterDataset with the\n" +
				"manifest through --rpc and waits until the chain registered it. Resumable: chunks already on DA\n" +
				"(recorded in --journal-dir) are not submitted again after an interrupt; nothing is registered\n" +
				"until every chunk is on DA. A dataset the chain has registered already is left as it is.\n\n" +
				"Example: trainrollup dataset publish --data csv:testdata/iris.csv --rpc http://127.0.0.1:8545 \\\n" +
				"  --da http://127.0.0.1:26658 --da-token-file devnet/da-token --key @key.hex",
			Flags: []cli.Flag{required(dataFlag()), rpcFlag(defaultRPC), required(daFlag()), daTokenFileFlag(), namespaceFlag(), keyFlag(), chainIDFlag(),
				journalDirFlag(), jsonFlag()},
			Action: runDatasetPublish,
		}, {
			Name:      "show",
			Usage:     "print a registered dataset: size, chunks and where they are, the registering block",
			ArgsUsage: "ROOT",
			Flags:     []cli.Flag{rpcFlag(defaultRPC), jsonFlag()},
			Action:    runDatasetShow,
		}, {
			Name:      "get",
			Usage:     "fetch a registered dataset from DA, check every chunk and the root, and write it to a directory",
			ArgsUsage: "ROOT",
			Description: "Reads the dataset's manifest from --rpc, fetches every chunk from --da by height and\n" +
				"commitment, checks each against its commitment and all of them against the root, and writes\n" +
				"the manifest and the chunks to --out: --data published:DIR reads them back (train, job create,\n" +
				"node), checked again.",
			Flags: []cli.Flag{rpcFlag(defaultRPC), required(daFlag()), daTokenFileFlag(), namespaceFlag(),
				required(outFlag(""))},
			Action: runDatasetGet,
		}},
	}
}

// dialDA connects to --da with the token of --da-token-file.
func dialDA(ctx context.Context, c *cli.Command) (*celestia.Client, da.Namespace, error) {
	ns, err := da.NewNamespace([]byte(c.String("namespace")))
	if err != nil {
		return nil, ns, fmt.Errorf("--namespace: %w", err)
	}
	token := ""
	if f := c.String("da-token-file"); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, ns, fmt.Errorf("--da-token-file: %w", err)
		}
		token = strings.TrimSpace(string(b))
	}
	l, err := celestia.Dial(ctx, c.String("da"), token)
	return l, ns, err
}

// publishOutput is what dataset publish prints with --json.
type publishOutput struct {
	Root     string `json:"root"`
	Samples  int    `json:"samples"`
	Chunks   int    `json:"chunks"`
	Bytes    int64  `json:"bytes_on_da"`
	Block    uint64 `json:"registered_at_block"`
	Existing bool   `json:"already_registered"`
}

func runDatasetPublish(ctx context.Context, c *cli.Command) error {
	d, err := loadNodeData(c.String("data"))
	if err != nil {
		return err
	}
	key, err := loadKey(c.String("key"))
	if err != nil {
		return err
	}
	cl, err := client.Dial(ctx, c.String("rpc"))
	if err != nil {
		return err
	}
	defer cl.Close()
	tree, err := dataset.NewTree(d)
	if err != nil {
		return err
	}
	out, err := publishWith(ctx, c, cl, key, d, tree.Root())
	if err != nil {
		return err
	}
	w := c.Root().Writer
	if c.Bool("json") {
		b, _ := json.MarshalIndent(out, "", "  ")
		_, err := fmt.Fprintf(w, "%s\n", b)
		return err
	}
	if out.Existing {
		fmt.Fprintf(w, "dataset %s (%d samples) is registered already, at block %d\n", out.Root, out.Samples, out.Block)
		return nil
	}
	fmt.Fprintf(w, "dataset %s: %d samples in %d chunks (%d bytes on DA), registered at block %d\n", out.Root, out.Samples, out.Chunks, out.Bytes, out.Block)
	return nil
}

// publishWith is publishDataset with the DA, namespace, journal and
// chain id of c's flags (publishFlags).
func publishWith(ctx context.Context, c *cli.Command, cl *client.Client, key *ecdsa.PrivateKey, d *dataset.Dataset, root commit.Element) (*publishOutput, error) {
	layer, ns, err := dialDA(ctx, c)
	if err != nil {
		return nil, err
	}
	defer layer.Close()
	journal, err := journalDir(c)
	if err != nil {
		return nil, err
	}
	return publishDataset(ctx, cl, layer, ns, key, c.Uint64("chain-id"), d, root, journal, c.Root().ErrWriter)
}

// journalDir is --journal-dir, by default the user cache directory's
// trainrollup/publish, created.
func journalDir(c *cli.Command) (string, error) {
	dir := c.String("journal-dir")
	if dir == "" {
		d, err := os.UserCacheDir()
		if err != nil {
			return "", fmt.Errorf("no cache directory for the publication journal: set --journal-dir: %w", err)
		}
		dir = filepath.Join(d, "trainrollup", "publish")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	return dir, nil
}

// publishDataset publishes d (of root r) to layer unless the chain behind
// cl has registered it, then registers it with key and waits for the
// registration to execute. Progress goes to progress (a bar on a terminal).
func publishDataset(ctx context.Context, cl *client.Client, layer da.Layer, ns da.Namespace, key *ecdsa.PrivateKey, chainID uint64, d *dataset.Dataset, r commit.Element, journalDir string, progress io.Writer) (*publishOutput, error) {
	root := common.Hash(r.Bytes())
	out := &publishOutput{Root: root.Hex(), Samples: d.Len()}
	if reg, err := cl.Dataset(ctx, root); err == nil {
		out.Existing, out.Block, out.Chunks = true, uint64(reg.Block), len(reg.Chunks)
		return out, nil
	} else if !errors.Is(err, client.ErrNotFound) {
		return nil, err
	}
	var bar *progressbar.ProgressBar
	show := func(chunks, total int, bytes, totalBytes int64) {
		fmt.Fprintf(progress, "chunk %d of %d on DA (%d of %d bytes)\n", chunks, total, bytes, totalBytes)
	}
	if f, ok := progress.(*os.File); ok && isTerminal(f) {
		show = func(chunks, total int, bytes, totalBytes int64) {
			if bar == nil {
				bar = progressbar.NewOptions64(totalBytes, progressbar.OptionSetWriter(f), progressbar.OptionShowBytes(true),
					progressbar.OptionSetDescription(fmt.Sprintf("publishing %s", d.Name)), progressbar.OptionShowCount())
			}
			_ = bar.Set64(bytes)
		}
	}
	cfg := datastore.PublishConfig{Journal: filepath.Join(journalDir, root.Hex()+".json"),
		// Called for every chunk, those a resumed publication finds on DA
		// included: the last call has the whole size.
		Progress: func(chunks, total int, bytes, totalBytes int64) {
			out.Bytes = totalBytes
			show(chunks, total, bytes, totalBytes)
		}}
	m, err := datastore.Publish(ctx, layer, ns, d, cfg)
	if bar != nil {
		_ = bar.Finish()
		fmt.Fprintln(progress)
	}
	if err != nil {
		return nil, fmt.Errorf("publish %s: %w (run the command again to resume)", d.Name, err)
	}
	if m.Root != r {
		return nil, fmt.Errorf("publish %s: its chunks have root %s, not %s", d.Name, commit.Hex(m.Root), root.Hex())
	}
	out.Chunks = len(m.Chunks)
	raw, err := m.MarshalBinary()
	if err != nil {
		return nil, err
	}
	nonce, err := cl.Nonce(ctx, crypto.PubkeyToAddress(key.PublicKey))
	if err != nil {
		return nil, err
	}
	tx := &chain.Tx{Type: chain.TxRegisterDataset, ChainID: chainID, Nonce: nonce, Manifest: raw}
	if err := tx.Sign(key); err != nil {
		return nil, err
	}
	h, block, err := cl.SendTransaction(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("register %s: %w", root.Hex(), err)
	}
	rc, err := cl.ExecutedReceipt(ctx, h)
	if err != nil {
		return nil, err
	}
	if rc.Status != client.StatusApplied {
		return nil, fmt.Errorf("register %s: the registration in block %d was %s: %s", root.Hex(), block, rc.Status, rc.Error)
	}
	out.Block = block
	return out, nil
}

// registered is the registration of the dataset whose root is the
// command's argument, read from --rpc.
func registered(ctx context.Context, c *cli.Command) (*client.Dataset, error) {
	root, err := rootArg(c)
	if err != nil {
		return nil, err
	}
	cl, err := client.Dial(ctx, c.String("rpc"))
	if err != nil {
		return nil, err
	}
	defer cl.Close()
	reg, err := cl.Dataset(ctx, root)
	if err != nil {
		return nil, err
	}
	if reg.Root != root {
		return nil, fmt.Errorf("--rpc answered with dataset %s for %s", reg.Root.Hex(), root.Hex())
	}
	return reg, nil
}

func runDatasetShow(ctx context.Context, c *cli.Command) error {
	d, err := registered(ctx, c)
	if err != nil {
		return err
	}
	w := c.Root().Writer
	if c.Bool("json") {
		b, _ := json.MarshalIndent(d, "", "  ")
		_, err := fmt.Fprintf(w, "%s\n", b)
		return err
	}
	fmt.Fprintf(w, "dataset %s %q\n", d.Root.Hex(), d.Name)
	fmt.Fprintf(w, "%d samples of %d features, %d classes; registered at block %d (manifest %s)\n", uint64(d.Samples), uint64(d.Features), uint64(d.Classes), uint64(d.Block), d.ManifestHash.Hex())
	fmt.Fprintf(w, "| chunk | DA height | commitment | samples |\n|---|---|---|---|\n")
	for i, ch := range d.Chunks {
		fmt.Fprintf(w, "| %d | %d | %x | %d |\n", i, uint64(ch.Height), []byte(ch.Commitment), uint64(ch.Samples))
	}
	return nil
}

func runDatasetGet(ctx context.Context, c *cli.Command) error {
	reg, err := registered(ctx, c)
	if err != nil {
		return err
	}
	var m dataset.Manifest
	if err := m.UnmarshalBinary(reg.Manifest); err != nil {
		return err
	}
	if r := m.Root.Bytes(); common.Hash(r) != reg.Root {
		return fmt.Errorf("--rpc answered for %s with the manifest of dataset %x", reg.Root.Hex(), r)
	}
	layer, ns, err := dialDA(ctx, c)
	if err != nil {
		return err
	}
	defer layer.Close()
	// Get checks every chunk and the root before it writes the dataset
	// into its store's cache: a temporary one beside --out, whose entry
	// then becomes --out. What an earlier get wrote there is moved aside
	// first and removed only once the new one is in place.
	out := filepath.Clean(c.String("out"))
	if err := checkOut(out); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(out), ".dataset-get-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	store, err := datastore.Open(tmp, layer, ns, nil)
	if err != nil {
		return err
	}
	d, err := store.Get(ctx, &m)
	if err != nil {
		return err
	}
	old := filepath.Join(tmp, "previous")
	if err := os.Rename(out, old); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if err := os.Rename(filepath.Join(tmp, commit.Hex(m.Root)), out); err != nil {
		if _, statErr := os.Stat(old); statErr == nil {
			err = errors.Join(err, os.Rename(old, out))
		}
		return err
	}
	fmt.Fprintf(c.Root().Writer, "dataset %s: %d samples of %d features in %d chunks, checked; written to %s (--data published:%s)\n",
		reg.Root.Hex(), d.Len(), d.Features, len(m.Chunks), out, out)
	return nil
}

// checkOut refuses an --out of dataset get that exists and is not what an
// earlier get wrote (a directory holding a manifest and its chunks and
// nothing else), which get replaces.
func checkOut(out string) error {
	entries, err := os.ReadDir(out)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	refuse := fmt.Errorf("--out %s exists and is not a dataset that get wrote: give a new directory", out)
	if err != nil {
		return refuse
	}
	raw, err := os.ReadFile(filepath.Join(out, "manifest"))
	var m dataset.Manifest
	if err != nil || m.UnmarshalBinary(raw) != nil {
		return refuse
	}
	for _, e := range entries {
		var c int
		if e.Name() == "manifest" {
			continue
		}
		if _, err := fmt.Sscanf(e.Name(), "chunk-%04d", &c); err != nil || e.IsDir() || e.Name() != fmt.Sprintf("chunk-%04d", c) || c >= len(m.Chunks) {
			return refuse
		}
	}
	return nil
}

// loadPublished reads a directory that dataset get wrote: the manifest and
// its chunks, checked against the root.
func loadPublished(dir string) (*dataset.Dataset, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "manifest"))
	if err != nil {
		return nil, fmt.Errorf("published:%s: %w", dir, err)
	}
	var m dataset.Manifest
	if err := m.UnmarshalBinary(raw); err != nil {
		return nil, fmt.Errorf("published:%s: %w", dir, err)
	}
	blobs := make([][]byte, len(m.Chunks))
	for i := range m.Chunks {
		if blobs[i], err = os.ReadFile(filepath.Join(dir, fmt.Sprintf("chunk-%04d", i))); err != nil {
			return nil, fmt.Errorf("published:%s: %w", dir, err)
		}
	}
	d, err := dataset.Assemble(&m, blobs)
	if err != nil {
		return nil, fmt.Errorf("published:%s: %w", dir, err)
	}
	d.Name = "published:" + dir
	return d, nil
}

// rootArg is the command's one argument, a dataset root.
func rootArg(c *cli.Command) (common.Hash, error) {
	a := c.Args().First()
	if c.Args().Len() != 1 || len(strings.TrimPrefix(a, "0x")) != 64 {
		return common.Hash{}, fmt.Errorf("want one argument, a dataset root (32 bytes of hex), not %q", strings.Join(c.Args().Slice(), " "))
	}
	return common.HexToHash(a), nil
}
