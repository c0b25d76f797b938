package kernels

import (
	"regexp"
	"strings"
	"testing"
)

// TestPTXCurrent fails when kernels.cu changed after kernels.ptx was made:
// run make ptx (CI also regenerates it and requires no diff).
func TestPTXCurrent(t *testing.T) {
	if got, want := PTXSourceHash(), SourceHash(); got != want {
		t.Fatalf("kernels.ptx was made from source %q, kernels.cu is %s: run make ptx", got, want)
	}
}

// TestPTXEntries checks that the PTX defines every kernel with the
// parameter count Launch passes, each 8 bytes wide (gorgonia.org/cu copies
// 8 bytes per parameter).
func TestPTXEntries(t *testing.T) {
	entry := regexp.MustCompile(`(?s)\.visible \.entry (\w+)\((.*?)\)`)
	found := map[string][]string{}
	for _, m := range entry.FindAllStringSubmatch(PTX, -1) {
		var params []string
		for p := range strings.SplitSeq(m[2], ",") {
			params = append(params, strings.Fields(p)[1])
		}
		found[m[1]] = params
	}
	if len(found) != len(Kernels()) {
		t.Errorf("the PTX has %d entries, want %d", len(found), len(Kernels()))
	}
	for _, k := range Kernels() {
		params, ok := found[k.Name()]
		if !ok {
			t.Errorf("kernel %s missing from the PTX", k.Name())
			continue
		}
		if len(params) != k.Params() {
			t.Errorf("kernel %s: %d parameters in the PTX, Params says %d", k.Name(), len(params), k.Params())
		}
		for i, p := range params {
			if p != ".u64" {
				t.Errorf("kernel %s: parameter %d is %s, want .u64", k.Name(), i, p)
			}
		}
	}
}
