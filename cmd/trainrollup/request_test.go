package main

import (
	"math/big"
	"strings"
	"testing"
	"time"
)

func TestParseEther(t *testing.T) {
	for in, want := range map[string]string{"1": "1000000000000000000", "0.01": "10000000000000000", " 0.000000000000000001 ": "1", "0": "0"} {
		got, err := parseEther(in)
		if err != nil || got.String() != want {
			t.Errorf("parseEther(%q) = %v, %v; want %s", in, got, err, want)
		}
		if back := formatEther(got); back != strings.TrimSpace(in) {
			t.Errorf("formatEther(%v) = %q, want %q", got, back, strings.TrimSpace(in))
		}
	}
	for _, in := range []string{"", "-1", "0.0000000000000000001", "1e", "abc"} {
		if _, err := parseEther(in); err == nil {
			t.Errorf("parseEther(%q) accepted", in)
		}
	}
	for wei, want := range map[int64]string{15e17: "1.5", 5e18: "5"} {
		if got := formatEther(big.NewInt(wei)); got != want {
			t.Errorf("formatEther(%d) = %s, want %s", wei, got, want)
		}
	}
}

// TestJobRequestRefusals: job request refuses, before it sends anything
// (the L1 URL here answers nothing), a deadline below its estimate, a
// bounty that is not an amount and a bridge that is not an address.
func TestJobRequestRefusals(t *testing.T) {
	if est, proofs := requestEstimate(31, 8, 5*time.Minute); proofs != 4 || est != 21*time.Minute {
		t.Fatalf("31 steps in proofs of 8 at 5m: %v in %d proofs, want 21m in 4", est, proofs)
	}
	base := []string{"job", "request", "--l1", "http://127.0.0.1:1", "--rpc", "http://127.0.0.1:1", "--key", strings.Repeat("11", 32),
		"--data", iris, "--steps", "31"}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--bridge", "0x1111111111111111111111111111111111111111", "--deadline", "10m"}, "shorter than the estimate 21m0s (31 steps: 4 L1 proofs of 8 transitions"},
		{[]string{"--bridge", "0x1111111111111111111111111111111111111111", "--bounty", "lots"}, "--bounty"},
		{[]string{"--bridge", "nowhere"}, "--bridge \"nowhere\""},
		{[]string{"--bridge", "0x1111111111111111111111111111111111111111", "--until", "soon"}, "--until"},
	} {
		code, _, errOut := runCLI(t, append(base, tc.args...)...)
		if code == 0 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, %s; want %q", tc.args, code, errOut, tc.want)
		}
	}
}
