package circuits

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"strconv"
	"testing"

	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"

	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/model"
)

var update = flag.Bool("update", false, "rewrite testdata/constraints.csv")

// statShapes are the shapes whose constraint counts are pinned: Iris, a
// small MNIST 14x14 model and the one `make demo-train` trains, one and four
// steps per proof.
func statShapes(t *testing.T) []StepShape {
	var out []StepShape
	for _, m := range []struct {
		spec  string
		batch int
		n     int
	}{{"4-8-3", 8, 120}, {"196-16-10", 32, 60000}, {"196-64-10", 32, 60000}} {
		spec, err := model.Parse(m.spec)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range []int{1, 4} {
			out = append(out, StepShape{Model: spec, Batch: m.batch, DatasetDepth: dataset.Depth(m.n), Steps: k})
		}
	}
	return out
}

// TestConstraintStats compiles every pinned shape and compares its
// constraint count with testdata/constraints.csv, as gnark keeps
// internal/stats/latest_stats.csv: any change, better or worse, must be
// deliberate (go test ./circuits -run TestConstraintStats -update).
func TestConstraintStats(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles circuits of millions of constraints")
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write([]string{"shape", "constraints", "mac_lower_bound", "ratio", "weight_hash_constraints", "ratio_without_weight_hash"})
	got := map[string]int{}
	for _, s := range statShapes(t) {
		c, err := NewStepCircuit(s)
		if err != nil {
			t.Fatal(err)
		}
		ccs, err := frontend.Compile(field, r1cs.NewBuilder, c)
		if err != nil {
			t.Fatal(err)
		}
		n := ccs.GetNbConstraints()
		got[s.String()] = n
		bound := MACLowerBound(s)
		wh := WeightHashConstraints(s)
		_ = w.Write([]string{s.String(), strconv.Itoa(n), strconv.FormatInt(bound, 10), fmt.Sprintf("%.3f", float64(n)/float64(bound)),
			strconv.Itoa(wh), fmt.Sprintf("%.3f", float64(n-wh)/float64(bound))})
	}
	w.Flush()
	const path = "testdata/constraints.csv"
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	for _, r := range rows[1:] {
		n, _ := strconv.Atoi(r[1])
		want[r[0]] = n
	}
	for shape, n := range got {
		if want[shape] != n {
			t.Errorf("%s: %d constraints, golden %d (rerun with -update if intended)", shape, n, want[shape])
		}
	}
	if len(want) != len(got) {
		t.Errorf("golden file has %d shapes, compiled %d", len(want), len(got))
	}
	t.Logf("\n%s", buf.String())
}
