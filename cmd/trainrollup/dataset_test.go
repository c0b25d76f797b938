package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trainrollup/trainrollup/client"
	"github.com/trainrollup/trainrollup/da/celestia"
	"github.com/trainrollup/trainrollup/da/datest"
)

// TestDatasetCommands publishes Iris to a DA server process with dataset
// publish, registers it through a node process that holds no --data and
// fetches it from that DA, shows it, gets it back into a directory that
// train and job inspect read, and trains a job on it on the node: the same
// weights as local training. Publishing again registers nothing new; a
// tampered chunk in the fetched directory is refused.
func TestDatasetCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a DA server and a node process")
	}
	daAddr, tokenFile := startDAServer(t)
	daURL := "http://" + daAddr
	c := startProcCluster(t, 1, true, "--da", daURL, "--da-token-file", tokenFile)
	cl := c.dial(0)
	defer cl.Close()
	c.leader(firstElection)
	url := "http://" + c.rpc[0]
	key := filepath.Join(t.TempDir(), "key.hex")
	mustRun(t, "key", "new", key)
	chainID := fmt.Sprint(c.chainID)
	journal := t.TempDir()
	publish := func() publishOutput {
		t.Helper()
		var out publishOutput
		s := mustRun(t, "dataset", "publish", "--data", iris, "--rpc", url, "--da", daURL, "--da-token-file", tokenFile,
			"--key", "@"+key, "--chain-id", chainID, "--journal-dir", journal, "--json")
		if err := json.Unmarshal([]byte(s), &out); err != nil {
			t.Fatalf("%v: %s", err, s)
		}
		return out
	}
	first := publish()
	if first.Existing || first.Samples != 120 || first.Chunks != 1 || first.Block == 0 {
		t.Fatalf("publish: %+v", first)
	}
	if again := publish(); !again.Existing || again.Root != first.Root || again.Block != first.Block {
		t.Fatalf("publish again: %+v, first %+v", again, first)
	}

	var shown client.Dataset
	if err := json.Unmarshal([]byte(mustRun(t, "dataset", "show", first.Root, "--rpc", url, "--json")), &shown); err != nil ||
		shown.Root.Hex() != first.Root || shown.Samples != 120 || shown.Features != 4 || shown.Classes != 3 || uint64(shown.Block) != first.Block || len(shown.Chunks) != 1 {
		t.Fatalf("show: %+v, %v", shown, err)
	}
	if code, _, errOut := runCLI(t, "dataset", "show", "0x"+strings.Repeat("0", 63)+"1", "--rpc", url); code == 0 || !strings.Contains(errOut, "not registered") {
		t.Fatalf("show of an unregistered root: exit %d, %s", code, errOut)
	}

	dir := filepath.Join(t.TempDir(), "new", "iris") // its parent too is made
	get := func(out string) (int, string) {
		code, _, errOut := runCLI(t, "dataset", "get", first.Root, "--rpc", url, "--da", daURL, "--da-token-file", tokenFile, "--out", out)
		return code, errOut
	}
	for range 2 { // the second replaces what the first wrote
		if code, errOut := get(dir); code != 0 {
			t.Fatalf("dataset get: exit %d: %s", code, errOut)
		}
	}
	// A DA that answers with tampered chunks (a server in front of the
	// real one, altering every blob it passes on): get refuses, writes
	// nothing and leaves what an earlier get wrote.
	tok, err := os.ReadFile(tokenFile)
	if err != nil {
		t.Fatal(err)
	}
	upstream, err := celestia.Dial(t.Context(), daURL, strings.TrimSpace(string(tok)))
	if err != nil {
		t.Fatal(err)
	}
	defer upstream.Close()
	liar := &datest.Faulty{Layer: upstream}
	liar.Tamper.Store(true)
	srv, err := celestia.NewServer(liar, celestia.ServerConfig{Addr: "127.0.0.1:0", Token: strings.TrimSpace(string(tok))})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	defer srv.Stop(context.Background())
	before, _ := os.ReadFile(filepath.Join(dir, "chunk-0000"))
	if code, _, errOut := runCLI(t, "dataset", "get", first.Root, "--rpc", url, "--da", srv.URL(), "--da-token-file", tokenFile, "--out", dir); code == 0 ||
		!strings.Contains(errOut, "another commitment") {
		t.Fatalf("dataset get from a DA that tampers with chunks: exit %d, %s", code, errOut)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "chunk-0000")); liar.Gets.Load() == 0 || !bytes.Equal(before, after) {
		t.Fatalf("dataset get from a tampering DA (%d gets) changed what an earlier get wrote", liar.Gets.Load())
	}

	// A directory get did not write is never replaced.
	other := t.TempDir()
	keep := filepath.Join(other, "keep")
	if err := os.WriteFile(keep, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, errOut := get(other); code == 0 || !strings.Contains(errOut, "is not a dataset that get wrote") {
		t.Fatalf("dataset get into a directory of other files: exit %d, %s", code, errOut)
	}
	if b, err := os.ReadFile(keep); err != nil || string(b) != "mine" {
		t.Fatalf("dataset get touched a directory it refused: %q, %v", b, err)
	}
	// Nor one that holds what get writes and something else.
	if code, errOut := get(filepath.Dir(dir)); code == 0 || !strings.Contains(errOut, "is not a dataset that get wrote") {
		t.Fatalf("dataset get into the parent of a dataset it wrote: exit %d, %s", code, errOut)
	}
	extra := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(extra, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, errOut := get(dir); code == 0 || !strings.Contains(errOut, "is not a dataset that get wrote") {
		t.Fatalf("dataset get into its own output with a file of mine added: exit %d, %s", code, errOut)
	}
	if err := os.Remove(extra); err != nil {
		t.Fatal(err)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), ".dataset-get-*")); len(left) != 0 {
		t.Fatalf("dataset get left %v", left)
	}
	var in inspectOutput
	if err := json.Unmarshal([]byte(mustRun(t, "job", "inspect", "--job-id", "1", "--data", "published:"+dir, "--model", "4-8-3", "--json")), &in); err != nil || in.DatasetRoot != first.Root {
		t.Fatalf("inspect of the fetched dataset: root %s (%v), published %s", in.DatasetRoot, err, first.Root)
	}

	// A job on the registered dataset, trained on the node (which fetched
	// the dataset from DA), to the weights train computes from the
	// fetched directory.
	sub := mustRun(t, "job", "submit", "--rpc", url, "--key", "@"+key, "--chain-id", chainID, "--job-id", "3",
		"--data", "published:"+dir, "--model", "4-8-3", "--batch", "8", "--lr", "0.05", "--seed", "3", "--steps", "20", "--per-call", "8")
	if !strings.Contains(sub, "20 steps sequenced") {
		t.Fatalf("submit: %s", sub)
	}
	mustRun(t, "job", "watch", "--rpc", "ws://"+c.rpc[0], "--job-id", "3", "--until", "completed")
	var j client.Job
	if err := json.Unmarshal([]byte(mustRun(t, "job", "status", "--rpc", url, "--job-id", "3", "--json")), &j); err != nil {
		t.Fatal(err)
	}
	var tr struct {
		Weights string `json:"weights_commitment"`
	}
	local := mustRun(t, "train", "--data", "published:"+dir, "--model", "4-8-3", "--batch", "8", "--lr", "0.05", "--seed", "3", "--steps", "20", "--json", "--no-reference")
	if err := json.Unmarshal([]byte(local), &tr); err != nil || tr.Weights != j.Weights.Hex() {
		t.Fatalf("the node trained to %s, train on the fetched dataset to %s (%v)", j.Weights.Hex(), tr.Weights, err)
	}

	// A tampered chunk in the directory is refused.
	chunk := filepath.Join(dir, "chunk-0000")
	b, err := os.ReadFile(chunk)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)-1] ^= 2
	if err := os.WriteFile(chunk, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCLI(t, "job", "inspect", "--job-id", "1", "--data", "published:"+dir, "--model", "4-8-3"); code == 0 || !strings.Contains(errOut, "reproduce root") {
		t.Fatalf("a tampered chunk: exit %d, %s", code, errOut)
	}
}
