package lint

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/trainrollup/trainrollup/commit"
	"github.com/trainrollup/trainrollup/da"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/datastore"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/state"
)

// TestSpecVectors recomputes every line of every `vectors` block of
// spec/vectors.md from the code: a value that differs, or a line it
// cannot compute, fails.
func TestSpecVectors(t *testing.T) {
	blocks := fencedBlocks(t, filepath.Join(root, specDir, "vectors.md"))
	if len(blocks["csv"]) != 1 || len(blocks["job"]) != 1 || len(blocks["vectors"]) == 0 {
		t.Fatalf("spec/vectors.md: want one csv block, one job block and vectors blocks; have %d, %d, %d",
			len(blocks["csv"]), len(blocks["job"]), len(blocks["vectors"]))
	}
	job := specJob(t, blocks["csv"][0], blocks["job"][0])
	n := 0
	for _, b := range blocks["vectors"] {
		for _, line := range strings.Split(strings.TrimSpace(b), "\n") {
			name, want, ok := strings.Cut(line, " = ")
			if !ok {
				t.Errorf("spec/vectors.md: %q is not NAME = VALUE", line)
				continue
			}
			got, err := job.eval(name)
			if err != nil {
				t.Errorf("spec/vectors.md: %s: %v", name, err)
				continue
			}
			if commit.Hex(got) != want {
				t.Errorf("spec/vectors.md: %s = %s, the code computes %s", name, want, commit.Hex(got))
			}
			n++
		}
	}
	if len(blocks["order"]) != 1 {
		t.Fatalf("spec/vectors.md: want one order block (the job's first batches), have %d", len(blocks["order"]))
	}
	order := dataset.NewOrder(job.seed, uint64(job.data.Len()))
	for _, line := range strings.Split(strings.TrimSpace(blocks["order"][0]), "\n") {
		name, want, ok := strings.Cut(line, " = ")
		var step uint64
		if _, err := fmt.Sscanf(name, "Step_%d", &step); !ok || err != nil {
			t.Errorf("spec/vectors.md: %q is not Step_t = INDEX, INDEX, ...", line)
			continue
		}
		var got []string
		for _, i := range order.Step(step, job.batch) {
			got = append(got, strconv.FormatUint(i, 10))
		}
		if g := strings.Join(got, ", "); g != want {
			t.Errorf("spec/vectors.md: %s = %s, the code computes %s", name, want, g)
		}
		n++
	}
	if len(blocks["bytes"]) != 1 {
		t.Fatalf("spec/vectors.md: want one bytes block (a publication), have %d", len(blocks["bytes"]))
	}
	pub := publication(t, job)
	for _, line := range strings.Split(strings.TrimSpace(blocks["bytes"][0]), "\n") {
		name, want, ok := strings.Cut(line, " = ")
		got, known := pub[name]
		switch {
		case !ok:
			t.Errorf("spec/vectors.md: %q is not NAME = VALUE", line)
		case !known:
			t.Errorf("spec/vectors.md: %s: not a publication vector this test knows", name)
		case hexutil.Encode(got) != want:
			t.Errorf("spec/vectors.md: %s = %s, the code computes %s", name, want, hexutil.Encode(got))
		default:
			n++
		}
	}
	t.Logf("checked %d known answers", n)
}

// Inputs of spec/vectors.md#a-publication.
const (
	vectorNamespace = "trainrl"
	vectorHeight    = 7
	vectorName      = "tiny"
)

// publication computes the byte vectors of spec/vectors.md#a-publication:
// the job's dataset as one chunk at vectorHeight in vectorNamespace.
func publication(t *testing.T, j *vectorJob) map[string][]byte {
	t.Helper()
	counts, err := dataset.Chunking(j.data)
	if err != nil || len(counts) != 1 {
		t.Fatalf("the vector dataset in chunks: %v, %v", counts, err)
	}
	ns, err := da.NewNamespace([]byte(vectorNamespace))
	if err != nil {
		t.Fatal(err)
	}
	m := &dataset.Manifest{Root: j.in.DatasetRoot, Samples: uint64(j.data.Len()), Features: uint32(j.data.Features), Classes: uint32(j.data.Classes),
		Name: vectorName, Chunks: []dataset.ChunkRef{{Height: vectorHeight, Count: counts[0]}}}
	blobs, comms, err := datastore.Chunks(m, j.data, ns)
	if err != nil {
		t.Fatal(err)
	}
	m.Chunks[0].Commitment = comms[0]
	raw, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	h, err := m.Hash()
	if err != nil {
		t.Fatal(err)
	}
	return map[string][]byte{"Chunk_0": blobs[0], "Commitment_0": comms[0], "Manifest": raw, "ManifestHash": h[:]}
}

// fencedBlocks returns the contents of the file's fenced code blocks by
// info string.
func fencedBlocks(t *testing.T, path string) map[string][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	blocks := map[string][]string{}
	var info string
	var body strings.Builder
	in := false
	s := bufio.NewScanner(f)
	for s.Scan() {
		line := s.Text()
		switch {
		case !in && strings.HasPrefix(line, "```"):
			in, info = true, strings.TrimPrefix(line, "```")
			body.Reset()
		case in && line == "```":
			in = false
			blocks[info] = append(blocks[info], body.String())
		case in:
			body.WriteString(line + "\n")
		}
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	if in {
		t.Fatalf("%s: an unclosed code block", path)
	}
	return blocks
}

// vectorJob is the job of spec/vectors.md#a-job and its dataset.
type vectorJob struct {
	data  *dataset.Dataset
	tree  *dataset.Tree
	in    state.Inspection
	seed  uint64
	batch int
}

func specJob(t *testing.T, csv, job string) *vectorJob {
	t.Helper()
	d, err := dataset.ParseCSV(strings.NewReader(csv))
	if err != nil {
		t.Fatalf("spec/vectors.md csv: %v", err)
	}
	tree, err := dataset.NewTree(d)
	if err != nil {
		t.Fatal(err)
	}
	kv := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(job), "\n") {
		k, v, ok := strings.Cut(line, " = ")
		if !ok {
			t.Fatalf("spec/vectors.md job: %q is not NAME = VALUE", line)
		}
		kv[k] = v
	}
	num := func(k string) uint64 {
		v, err := strconv.ParseUint(kv[k], 10, 64)
		if err != nil {
			t.Fatalf("spec/vectors.md job: %s: %v", k, err)
		}
		return v
	}
	spec, err := model.Parse(kv["model"])
	if err != nil {
		t.Fatalf("spec/vectors.md job: model: %v", err)
	}
	if !common.IsHexAddress(kv["owner"]) {
		t.Fatalf("spec/vectors.md job: owner %q is not an address", kv["owner"])
	}
	w, err := model.Init(spec, num("seed"))
	if err != nil {
		t.Fatal(err)
	}
	order, err := state.ParseOrder(kv["order"])
	if err != nil {
		t.Fatalf("spec/vectors.md job: %v", err)
	}
	p := state.Params{Model: spec, DatasetRoot: tree.Root(), DatasetSize: uint64(d.Len()), LearningRate: int64(num("eta")),
		Batch: uint32(num("batch")), Seed: num("seed"), InitWeights: w.Commitment(), Steps: num("steps"), Order: order}
	return &vectorJob{data: d, tree: tree, in: state.Inspect(state.JobID(num("id")), common.HexToAddress(kv["owner"]), p),
		seed: num("seed"), batch: int(num("batch"))}
}

var (
	callRe  = regexp.MustCompile(`^(H|Compress|Pack)\(([-0-9, ]*)\)(?:_([0-9]+))?$`)
	indexRe = regexp.MustCompile(`^(E|SampleLeaf)_([0-9]+)$`)
)

// eval computes the value a vector line names.
func (j *vectorJob) eval(name string) (commit.Element, error) {
	switch name {
	case "DatasetRoot":
		return j.in.DatasetRoot, nil
	case "ModelHash":
		return j.in.ModelHash, nil
	case "InitWeights":
		return j.in.InitWeights, nil
	case "ParamsHash":
		return j.in.ParamsHash, nil
	case "JobLeaf":
		return j.in.Leaf, nil
	case "StateRoot":
		return j.in.StateRoot, nil
	}
	if m := indexRe.FindStringSubmatch(name); m != nil {
		i, _ := strconv.Atoi(m[2])
		switch {
		case m[1] == "E" && i <= state.Depth:
			return state.EmptyHash(i), nil
		case m[1] == "SampleLeaf" && i < j.data.Len():
			return dataset.Leaf(j.data.Sample(i)), nil
		}
		return commit.Element{}, fmt.Errorf("index %d out of range", i)
	}
	m := callRe.FindStringSubmatch(name)
	if m == nil {
		return commit.Element{}, fmt.Errorf("not a vector this test knows")
	}
	var args []int64
	for _, a := range strings.Split(m[2], ",") {
		if a = strings.TrimSpace(a); a == "" {
			continue
		}
		v, err := strconv.ParseInt(a, 10, 64)
		if err != nil {
			return commit.Element{}, err
		}
		args = append(args, v)
	}
	elems := func() ([]commit.Element, error) {
		var es []commit.Element
		for _, a := range args {
			if a < 0 {
				return nil, fmt.Errorf("negative field element %d", a)
			}
			es = append(es, commit.FromUint64(uint64(a)))
		}
		return es, nil
	}
	switch m[1] {
	case "H":
		es, err := elems()
		if err != nil || m[3] != "" {
			return commit.Element{}, fmt.Errorf("H of field elements, no index: %v", err)
		}
		return commit.Hash(es...), nil
	case "Compress":
		es, err := elems()
		if err != nil || len(es) != 2 || m[3] != "" {
			return commit.Element{}, fmt.Errorf("Compress of two field elements, no index: %v", err)
		}
		return commit.Compress(es[0], es[1]), nil
	}
	vs := make([]int32, len(args))
	for i, a := range args {
		vs[i] = int32(a)
		if int64(vs[i]) != a {
			return commit.Element{}, fmt.Errorf("%d is not a 32-bit value", a)
		}
	}
	packed := commit.Pack(vs)
	e, err := strconv.Atoi(m[3])
	if err != nil || e >= len(packed) {
		return commit.Element{}, fmt.Errorf("Pack needs an element index below %d", len(packed))
	}
	return packed[e], nil
}
