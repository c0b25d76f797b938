package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMain lets the test binary act as the trainrollup binary, so that exit
// codes are checked on a real process.
func TestMain(m *testing.M) {
	if os.Getenv("TRAINROLLUP_TEST_AS_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), append([]string{"trainrollup"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

// mustRun runs the CLI with args and returns its standard output; a
// non-zero exit fails the test with its standard error. It logs how long
// the command took.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	start := time.Now()
	code, out, errOut := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("%v: exit %d: %s", args, code, errOut)
	}
	t.Logf("trainrollup %s: %v", strings.Join(args[:min(2, len(args))], " "), time.Since(start).Round(time.Millisecond))
	return out
}

const iris = "csv:../../testdata/iris.csv"

func TestTrainJSON(t *testing.T) {
	code, out, errOut := runCLI(t, "train", "--data", iris, "--model", "4-8-3", "--batch", "8", "--steps", "300", "--lr", "0.05", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not one JSON object: %v\n%s", err, out)
	}
	for _, k := range []string{"dataset", "model", "steps", "test_accuracy", "reference_accuracy", "weights_commitment"} {
		if _, ok := got[k]; !ok {
			t.Errorf("JSON lacks %q: %s", k, out)
		}
	}
	if got["steps"].(float64) != 300 || got["model"] != "4-8-3" {
		t.Errorf("unexpected values: %s", out)
	}
	// The same run gives the same commitment.
	_, again, _ := runCLI(t, "train", "--data", iris, "--model", "4-8-3", "--batch", "8", "--steps", "300", "--lr", "0.05", "--json", "--workers", "1")
	var g2 map[string]any
	_ = json.Unmarshal([]byte(again), &g2)
	if g2["weights_commitment"] != got["weights_commitment"] {
		t.Fatalf("two runs differ: %v vs %v", got["weights_commitment"], g2["weights_commitment"])
	}
}

func TestTrainBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return "csv:" + p
	}
	truncated := filepath.Join(dir, "mnist")
	if err := os.MkdirAll(truncated, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(truncated, "train-images-idx3-ubyte.gz"), []byte{0x1f, 0x8b, 8}, 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"nan", []string{"--data", write("nan.csv", "1,NaN,0\n2,3,1\n1,1,0\n1,1,1\n1,1,0\n"), "--model", "2-4-2"}, "line 1, column 2"},
		{"inf", []string{"--data", write("inf.csv", "1,2,0\n1,Inf,1\n"), "--model", "2-4-2"}, "line 2, column 2"},
		{"text", []string{"--data", write("text.csv", "1,2,0\n1,abc,1\n"), "--model", "2-4-2"}, "not a decimal number"},
		{"label range", []string{"--data", write("lab.csv", "1,2,0\n1,2,5\n1,1,0\n1,1,1\n1,1,0\n"), "--model", "2-4-2"}, "labels up to 5"},
		{"dimensions", []string{"--data", iris, "--model", "3-8-3"}, "4 features"},
		{"zero layer", []string{"--data", iris, "--model", "4-0-3"}, "width 0"},
		{"lr range", []string{"--data", iris, "--model", "4-8-3", "--lr", "0"}, "learning rate"},
		{"lr syntax", []string{"--data", iris, "--model", "4-8-3", "--lr", "fast"}, "--lr"},
		{"batch", []string{"--data", iris, "--model", "4-8-3", "--batch", "12"}, "power of two"},
		{"batch zero", []string{"--data", iris, "--model", "4-8-3", "--batch", "0"}, "batch size 0"},
		{"steps", []string{"--data", iris, "--model", "4-8-3", "--steps", "0"}, "0 steps"},
		{"missing file", []string{"--data", "csv:" + filepath.Join(dir, "none.csv"), "--model", "4-8-3"}, "no such file"},
		{"kind", []string{"--data", "parquet:x", "--model", "4-8-3"}, "unknown kind"},
		{"truncated idx", []string{"--data", "mnist:" + truncated, "--model", "784-16-10"}, "malformed dataset"},
		{"mnist shape", []string{"--data", "mnist:" + truncated, "--model", "100-16-10"}, "784"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, append([]string{"train", "--steps", "5"}, tc.args...)...)
			if code == 0 {
				t.Fatal("exit 0 on bad input")
			}
			if !strings.Contains(errOut, tc.want) {
				t.Fatalf("stderr %q does not mention %q", errOut, tc.want)
			}
			if strings.Contains(errOut, "panic") || strings.Contains(errOut, "goroutine") {
				t.Fatalf("panicked: %s", errOut)
			}
		})
	}
}

// TestSetupAndBenchBadInput: the proving commands refuse bad shapes with a
// clear message before any compilation.
func TestSetupAndBenchBadInput(t *testing.T) {
	keys := t.TempDir()
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"setup", "--model", "4-0-3"}, "width 0"},
		{[]string{"setup", "--batch", "6"}, "power of two"},
		{[]string{"setup", "--samples", "0"}, "--samples 0"},
		{[]string{"setup", "--k", "0"}, "--k 0"},
		{[]string{"setup", "--slots", "0"}, "--slots 0"},
		{[]string{"setup", "--slots", "1000"}, "--slots 1000"},
		{[]string{"setup", "--randomness", "dice"}, "seed or local"},
		{[]string{"bench", "chain", "--data", iris, "--k", "0"}, "--k 0"},
		{[]string{"bench", "chain", "--data", iris, "--batch", "3"}, "power of two"},
		{[]string{"bench", "chain", "--data", iris, "--model", "3-8-3"}, "4 features"},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, _, errOut := runCLI(t, append(tc.args, "--keys", keys)...)
			if code == 0 || !strings.Contains(errOut, tc.want) || strings.Contains(errOut, "panic") {
				t.Fatalf("exit %d, stderr %q; want a failure mentioning %q", code, errOut, tc.want)
			}
		})
	}
}

// TestExitCode runs the binary as a process: bad input exits non-zero.
func TestExitCode(t *testing.T) {
	cmd := exec.Command(os.Args[0], "train", "--data", iris, "--model", "4-8-3", "--batch", "3")
	cmd.Env = append(os.Environ(), "TRAINROLLUP_TEST_AS_MAIN=1")
	out, err := cmd.CombinedOutput()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 1 {
		t.Fatalf("want exit status 1, got %v: %s", err, out)
	}
	if !strings.Contains(string(out), "power of two") {
		t.Fatalf("output %q", out)
	}
}

// TestProveStepJSON proves one Iris step end to end through the CLI.
func TestProveStepJSON(t *testing.T) {
	if raceEnabled {
		t.Skip("key generation under the race detector is too slow; make test runs this without -race")
	}
	keys := t.TempDir()
	code, out, errOut := runCLI(t, "prove-step", "--data", iris, "--model", "4-8-3", "--batch", "8", "--k", "1", "--keys", keys, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	for _, k := range []string{"constraints", "mac_lower_bound", "prove_seconds"} {
		if v, ok := got[k].(float64); !ok || v <= 0 {
			t.Errorf("%s = %v", k, got[k])
		}
	}
	if got["cached_keys"] != false {
		t.Errorf("first run used cached keys")
	}
	// Bad input is refused before any key generation.
	if code, _, errOut := runCLI(t, "prove-step", "--data", iris, "--model", "4-8-3", "--batch", "6", "--keys", keys); code == 0 || !strings.Contains(errOut, "power of two") {
		t.Fatalf("batch 6: exit %d, %s", code, errOut)
	}
}

// TestInterrupt cancels a long training run: it stops at the next step and
// exits with status 130.
func TestInterrupt(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	code := run(ctx, []string{"trainrollup", "train", "--data", iris, "--model", "4-8-3", "--batch", "8", "--steps", "1000000000"}, &out, &errb)
	if code != 130 || !strings.Contains(errb.String(), "interrupted") {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
}

// TestJobInspect runs job inspect over the job of spec/vectors.md#a-job
// (its CSV and parameters written out here) and finds every job value
// that page lists.
func TestJobInspect(t *testing.T) {
	csv := filepath.Join(t.TempDir(), "tiny.csv")
	if err := os.WriteFile(csv, []byte("x1,x2,label\n0.5,-1,0\n1.25,0.75,1\n-0.125,2,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "job", "inspect", "--job-id", "1", "--owner", "0x1111111111111111111111111111111111111111",
		"--data", "csv:"+csv, "--model", "2-3-2", "--batch", "2", "--lr", "0.05", "--seed", "1", "--steps", "10", "--order", "seeded", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	spec, err := os.ReadFile("../../spec/vectors.md")
	if err != nil {
		t.Fatal(err)
	}
	for field, vector := range map[string]string{"dataset_root": "DatasetRoot", "model_hash": "ModelHash",
		"init_weights_commitment": "InitWeights", "params_hash": "ParamsHash", "job_leaf": "JobLeaf", "state_root_alone": "StateRoot"} {
		line := fmt.Sprintf("%s = %s\n", vector, got[field])
		if !strings.Contains(string(spec), line) {
			t.Errorf("job inspect's %s = %v is not spec/vectors.md's %s", field, got[field], vector)
		}
	}
	if code, _, errOut := runCLI(t, "job", "inspect", "--job-id", "1", "--owner", "0x11", "--data", "csv:"+csv, "--model", "2-3-2"); code == 0 || !strings.Contains(errOut, "--owner") {
		t.Fatalf("a short owner: exit %d, %s", code, errOut)
	}
}
