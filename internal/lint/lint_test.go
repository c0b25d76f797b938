package lint

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"
)

const (
	// module is the import path of the repository's module.
	module = "github.com/trainrollup/trainrollup"
	// root is the repository's root, seen from this package's directory.
	root = "../.."
)

// TestSpecLinks fails for each citation of the spec whose file is not
// under spec/ or whose anchor is not a heading of that file.
func TestSpecLinks(t *testing.T) {
	broken, n, err := brokenSpecLinks(root)
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("found no spec citations: is the scan looking at the repository?")
	}
	for _, b := range broken {
		t.Error(b)
	}
	t.Logf("checked %d citations", n)
}

// TestImports runs the import rules on the module's packages as go list
// sees them.
func TestImports(t *testing.T) {
	pkgs := listPackages(t)
	for _, rule := range rules {
		t.Run(rule.name, func(t *testing.T) {
			for _, v := range rule.check(pkgs) {
				t.Error(v)
			}
		})
	}
}

// ---- Spec links ----

// specDir is the directory of the normative spec, relative to the root.
const specDir = "spec"

// scanned reports whether a file may cite the spec: code, Markdown,
// Solidity, CUDA and C, shell scripts and the Makefile.
func scanned(name string) bool {
	switch filepath.Ext(name) {
	case ".go", ".md", ".sol", ".cu", ".c", ".h", ".sh":
		return true
	}
	return name == "Makefile"
}

// skipDir reports whether the scan leaves a directory out: hidden ones
// (.git, .cache), npm's node_modules and the build output in bin/.
func skipDir(rel string, name string) bool {
	return strings.HasPrefix(name, ".") || name == "node_modules" || rel == "bin"
}

var (
	// citationRE matches a citation, spec/<file>.md or
	// spec/<file>.md#<anchor>, not preceded by a path (testdata/spec/x.md
	// is not one) other than ../ (a relative Markdown link).
	citationRE = regexp.MustCompile(`(?:^|[^\w./-])(?:\.\./)*` + specDir + `/([\w-]+(?:/[\w-]+)*\.md)(?:#([\w-]+))?`)
	// specLinkRE matches a Markdown link within the spec: (<file>.md),
	// (<file>.md#<anchor>) or (#<anchor>).
	specLinkRE = regexp.MustCompile(`\]\(((?:[\w-]+/)*[\w-]+\.md)?(?:#([\w-]+))?\)`)
)

// brokenSpecLinks scans the files under dir and returns a line for each
// broken citation, and the number of citations it checked.
func brokenSpecLinks(dir string) (broken []string, n int, err error) {
	anchors := make(map[string]map[string]bool) // spec file -> its anchors; nil if missing
	resolve := func(where, cited, file, anchor string) {
		n++
		a, ok := anchors[file]
		if !ok {
			md, err := os.ReadFile(filepath.Join(dir, specDir, filepath.FromSlash(file)))
			if err == nil {
				a = headingAnchors(md)
			}
			anchors[file] = a
		}
		switch {
		case a == nil:
			broken = append(broken, fmt.Sprintf("%s: %s: no file %s/%s", where, cited, specDir, file))
		case anchor != "" && !a[anchor]:
			broken = append(broken, fmt.Sprintf("%s: %s: %s/%s has no heading %q (its anchors: %s)",
				where, cited, specDir, file, anchor, strings.Join(sortedKeys(a), ", ")))
		}
	}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel != "." && skipDir(rel, d.Name()) {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || !scanned(d.Name()) {
			return nil
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		specRel, inSpec := strings.CutPrefix(rel, specDir+"/")
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for line := 1; sc.Scan(); line++ {
			text := sc.Text()
			where := fmt.Sprintf("%s:%d", rel, line)
			for _, m := range citationRE.FindAllStringSubmatchIndex(text, -1) {
				match := text[m[0]:m[1]]
				resolve(where, match[strings.Index(match, specDir+"/"):], group(text, m, 1), group(text, m, 2))
			}
			if !inSpec {
				continue
			}
			for _, m := range specLinkRE.FindAllStringSubmatchIndex(text, -1) {
				file, anchor := group(text, m, 1), group(text, m, 2)
				if file == "" && anchor == "" {
					continue
				}
				target := specRel
				if file != "" {
					target = path.Join(path.Dir(specRel), file)
				}
				resolve(where, text[m[0]+1:m[1]], target, anchor)
			}
		}
		return sc.Err()
	})
	return broken, n, err
}

// group returns submatch i of m in s, or "" if it did not take part.
func group(s string, m []int, i int) string {
	if m[2*i] < 0 {
		return ""
	}
	return s[m[2*i]:m[2*i+1]]
}

// explicitAnchorRE matches an HTML anchor, <a name="x"> or <a id="x">.
var explicitAnchorRE = regexp.MustCompile(`<a\s+(?:[^>]*\s)?(?:name|id)="([^"]+)"`)

// headingAnchors returns the anchors of a Markdown file as GitHub renders
// it: one per ATX heading (fenced code left out), numbered -1, -2, ... when
// repeated, and each explicit <a name> or <a id>.
func headingAnchors(md []byte) map[string]bool {
	anchors := make(map[string]bool)
	seen := make(map[string]int)
	fence := ""
	for line := range strings.Lines(string(md)) {
		line = strings.TrimRight(line, "\r\n")
		trimmed := strings.TrimLeft(line, " ")
		indent := len(line) - len(trimmed)
		if indent <= 3 {
			if f := fenceOf(trimmed); f != "" && (fence == "" || strings.HasPrefix(f, fence)) {
				if fence == "" {
					fence = f
				} else {
					fence = ""
				}
				continue
			}
		}
		if fence != "" {
			continue
		}
		for _, m := range explicitAnchorRE.FindAllStringSubmatch(line, -1) {
			anchors[m[1]] = true
		}
		text, ok := atxHeading(trimmed)
		if indent > 3 || !ok {
			continue
		}
		s := slug(text)
		if k := seen[s]; k > 0 {
			anchors[fmt.Sprintf("%s-%d", s, k)] = true
		} else {
			anchors[s] = true
		}
		seen[s]++
	}
	return anchors
}

// fenceOf returns the fence a line opens or closes (``` or ~~~, or
// longer), or "".
func fenceOf(line string) string {
	for _, c := range []string{"`", "~"} {
		n := len(line) - len(strings.TrimLeft(line, c))
		if n >= 3 {
			return line[:n]
		}
	}
	return ""
}

// atxHeading returns the text of an ATX heading line ("## Step ##" gives
// "Step").
func atxHeading(line string) (string, bool) {
	n := len(line) - len(strings.TrimLeft(line, "#"))
	if n < 1 || n > 6 || (len(line) > n && line[n] != ' ' && line[n] != '\t') {
		return "", false
	}
	text := strings.TrimSpace(line[n:])
	if closing := strings.TrimRight(text, "#"); closing == "" || strings.HasSuffix(closing, " ") {
		text = strings.TrimSpace(closing)
	}
	return text, true
}

// slug is GitHub's anchor of a heading: lowercased, each space a '-',
// punctuation other than '-' and '_' dropped.
func slug(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case r == ' ':
			b.WriteRune('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestSlug checks the anchors GitHub gives the spec's kinds of headings.
func TestSlug(t *testing.T) {
	for heading, want := range map[string]string{
		"Step":                     "step",
		"L1 messages":              "l1-messages",
		"Where truncation happens": "where-truncation-happens",
		"train_":                   "train_",
		"Revert and slash":         "revert-and-slash",
		"`ParamsHash` (v2)":        "paramshash-v2",
		"Ünïcode & more!":          "ünïcode--more",
		"a-b_c.d":                  "a-b_cd",
	} {
		if got := slug(heading); got != want {
			t.Errorf("slug(%q) = %q, want %q", heading, got, want)
		}
	}
}

// TestBrokenSpecLinks runs the scan on a small tree with a citation of
// each kind, good and broken. The citations are built from specDir so that
// this file cites nothing itself.
func TestBrokenSpecLinks(t *testing.T) {
	dir := t.TempDir()
	sp := specDir + "/"
	files := map[string]string{
		sp + "a.md": "# A\n\n## Leaf\n\n## Leaf\n\n### L1 messages ###\n\n<a name=\"old-name\"></a>\n\n" +
			"```\n# not a heading\n```\n\nSee [b](b.md#tree), [b](b.md#nope), [self](#leaf-1), [c](c.md).\n",
		sp + "b.md": "# B\n\n## Tree\n",
		"x/x.go": "package x\n\n" +
			"// " + sp + "a.md#leaf, " + sp + "a.md#leaf-1 (" + sp + "a.md#l1-messages), " + sp + "a.md#old-name.\n" +
			"// " + sp + "a.md#not-a-heading and " + sp + "a.md#leaf-2; " + sp + "z.md#x; testdata/" + sp + "z.md.\n",
		"docs/d.md":                "[a](../" + sp + "a.md#a) and `" + sp + "b.md#trees`\n",
		"Makefile":                 "# " + sp + "c.md\n",
		"x/data.json":              sp + "z.md\n",
		"bin/x.go":                 sp + "z.md\n",
		"contracts/node_modules/x": sp + "z.md\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	broken, n, err := brokenSpecLinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Makefile:1: " + sp + "c.md: no file " + sp + "c.md",
		"docs/d.md:1: " + sp + "b.md#trees: " + sp + "b.md has no heading \"trees\" (its anchors: b, tree)",
		sp + "a.md:15: (b.md#nope): " + sp + "b.md has no heading \"nope\" (its anchors: b, tree)",
		sp + "a.md:15: (c.md): no file " + sp + "c.md",
		"x/x.go:4: " + sp + "a.md#not-a-heading: " + sp + "a.md has no heading \"not-a-heading\" (its anchors: a, l1-messages, leaf, leaf-1, old-name)",
		"x/x.go:4: " + sp + "a.md#leaf-2: " + sp + "a.md has no heading \"leaf-2\" (its anchors: a, l1-messages, leaf, leaf-1, old-name)",
		"x/x.go:4: " + sp + "z.md#x: no file " + sp + "z.md",
	}
	if !slices.Equal(broken, want) {
		t.Errorf("broken links:\n%s\nwant:\n%s", strings.Join(broken, "\n"), strings.Join(want, "\n"))
	}
	if n != 14 {
		t.Errorf("checked %d citations, want 14", n)
	}
}

// ---- Imports ----

// listed is what go list says of a package.
type listed struct {
	ImportPath   string
	Name         string
	Dir          string
	DepOnly      bool
	Imports      []string
	TestImports  []string
	XTestImports []string
}

// own reports whether p is one of the module's packages named by ./...
// (not only a dependency of one).
func (p *listed) own() bool {
	return !p.DepOnly && (p.ImportPath == module || strings.HasPrefix(p.ImportPath, module+"/"))
}

// listPackages returns the module's packages and every package they
// depend on, by import path, from one go list call.
func listPackages(t *testing.T) map[string]*listed {
	t.Helper()
	cmd := exec.Command("go", "list", "-deps", "-json=ImportPath,Name,Dir,DepOnly,Imports,TestImports,XTestImports", "./...")
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.Bytes())
	}
	pkgs := make(map[string]*listed)
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		p := new(listed)
		if err := dec.Decode(p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("go list output: %v", err)
		}
		pkgs[p.ImportPath] = p
	}
	// go test caches a result by the files the test itself opens, and go
	// list's reads are not among them: listing each package's directory
	// (names, sizes and times) here makes an edit to any of its files, or
	// a new one, invalidate the cached result.
	dirs := []string{root}
	for _, p := range ownPackages(pkgs) {
		dirs = append(dirs, p.Dir)
	}
	for _, dir := range dirs {
		if _, err := os.ReadDir(dir); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.ReadFile(filepath.Join(root, "go.mod")); err != nil {
		t.Fatal(err)
	}
	return pkgs
}

// rel is an import path with the module's prefix cut off.
func rel(importPath string) string {
	if r, ok := strings.CutPrefix(importPath, module+"/"); ok {
		return r
	}
	return importPath
}

// under reports whether importPath is prefix or a package below it.
func under(importPath, prefix string) bool {
	return importPath == prefix || strings.HasPrefix(importPath, prefix+"/")
}

// ownPackages returns the module's packages in import path order.
func ownPackages(pkgs map[string]*listed) []*listed {
	var own []*listed
	for _, p := range pkgs {
		if p.own() {
			own = append(own, p)
		}
	}
	sort.Slice(own, func(i, j int) bool { return own[i].ImportPath < own[j].ImportPath })
	return own
}

// rule is one import rule: check returns a line per violation.
type rule struct {
	name  string
	check func(map[string]*listed) []string
}

var rules = []rule{
	{"CLIOnlyInCmd", cliOnlyInCmd},
	{"NoSequencerInProof", noSequencerInProof},
	{"NoTestHelpersInProduction", noTestHelpersInProduction},
}

const (
	cliV3 = "github.com/urfave/cli/v3"
	cliV2 = "github.com/urfave/cli/v2"
)

// cliOnlyInCmd: only packages under cmd/ import the CLI library (their
// tests included), and nothing imports its old major version directly.
func cliOnlyInCmd(pkgs map[string]*listed) []string {
	var out []string
	for _, p := range ownPackages(pkgs) {
		for _, imp := range importsOf(p) {
			switch {
			case under(imp.path, cliV2):
				out = append(out, fmt.Sprintf("%s imports %s%s: the project's CLI library is %s", rel(p.ImportPath), imp.path, imp.where, cliV3))
			case under(imp.path, cliV3) && !under(p.ImportPath, module+"/cmd"):
				out = append(out, fmt.Sprintf("%s imports %s%s: only packages under cmd/ know about the CLI library", rel(p.ImportPath), imp.path, imp.where))
			}
		}
	}
	return out
}

// sequencerFree are the packages that run beside a node, not in it: they
// read the chain from DA and L1 and never link the sequencer.
var sequencerFree = []string{"prover", "derive", "batcher"}

// noSequencerInProof: no package of sequencerFree depends, through its
// non-test imports, on sequencer or a package under it.
func noSequencerInProof(pkgs map[string]*listed) []string {
	var out []string
	seq := module + "/sequencer"
	for _, name := range sequencerFree {
		from := module + "/" + name
		if _, ok := pkgs[from]; !ok {
			out = append(out, fmt.Sprintf("%s: no such package: update sequencerFree", name))
			continue
		}
		// Breadth first, so that each chain printed is a shortest one; the
		// search stops at the sequencer's packages.
		parent := map[string]string{from: ""}
		queue := []string{from}
		for len(queue) > 0 {
			cur := queue[0]
			queue = queue[1:]
			p := pkgs[cur]
			if p == nil {
				continue
			}
			for _, imp := range p.Imports {
				if _, seen := parent[imp]; seen {
					continue
				}
				parent[imp] = cur
				if under(imp, seq) {
					chain := []string{rel(imp)}
					for q := cur; q != ""; q = parent[q] {
						chain = append(chain, rel(q))
					}
					slices.Reverse(chain)
					out = append(out, fmt.Sprintf("%s depends on %s: %s", name, rel(imp), strings.Join(chain, " -> ")))
					continue
				}
				if under(imp, module) {
					queue = append(queue, imp)
				}
			}
		}
	}
	return out
}

// testHelpers are the module's packages that exist for tests: each one's
// doc says so and its own non-test files import "testing". Any package
// whose name ends in "test" (da/datest, internal/evmtest, the standard
// library's httptest and synctest) and "testing" itself count as well.
var testHelpers = []string{
	"da/datest",         // the conformance suite of every da.Layer, a faulty layer
	"internal/evmtest",  // the contracts on a fresh simulated L1
	"internal/gethdev",  // geth --dev on a loopback port
	"internal/mnistdir", // locates the MNIST files for tests
	"internal/testjob",  // small jobs in a real executor, signed transactions
	"internal/testnode", // a one-node sequencer cluster
	"internal/wait",     // waiting for a condition with a deadline
}

// noTestHelpersInProduction: no package's non-test files import a test
// helper, other than the helpers themselves.
func noTestHelpersInProduction(pkgs map[string]*listed) []string {
	var out []string
	helpers := map[string]bool{"testing": true}
	for _, h := range testHelpers {
		if _, ok := pkgs[module+"/"+h]; !ok {
			out = append(out, fmt.Sprintf("%s: no such package: update testHelpers", h))
		}
		helpers[module+"/"+h] = true
	}
	helper := func(importPath string) bool {
		p := pkgs[importPath]
		return helpers[importPath] || p != nil && strings.HasSuffix(p.Name, "test")
	}
	for _, p := range ownPackages(pkgs) {
		if helper(p.ImportPath) {
			continue
		}
		for _, imp := range p.Imports {
			if helper(imp) {
				out = append(out, fmt.Sprintf("%s imports %s in its non-test files: it exists for tests (import it from a _test.go file, or list a new helper in testHelpers)", rel(p.ImportPath), rel(imp)))
			}
		}
	}
	return out
}

// anImport is one import of a package: where is "" for its non-test
// files, else which test files.
type anImport struct{ path, where string }

func importsOf(p *listed) []anImport {
	var all []anImport
	for _, set := range []struct {
		paths []string
		where string
	}{{p.Imports, ""}, {p.TestImports, " (in its tests)"}, {p.XTestImports, " (in its external tests)"}} {
		for _, path := range set.paths {
			all = append(all, anImport{path, set.where})
		}
	}
	return all
}

// TestImportRules runs each rule on a made-up module with one violation
// of each kind beside imports the rules allow.
func TestImportRules(t *testing.T) {
	m := func(p string) string { return module + "/" + p }
	pkgs := make(map[string]*listed)
	add := func(p *listed) { pkgs[p.ImportPath] = p }
	for _, name := range append(slices.Clone(testHelpers), "sequencer/mempool", "chain", "da", "da/local") {
		add(&listed{ImportPath: m(name), Name: path.Base(name)})
	}
	add(&listed{ImportPath: m("cmd/trainrollup"), Name: "main", Imports: []string{cliV3, m("prover")}})
	add(&listed{ImportPath: m("sequencer"), Name: "sequencer", Imports: []string{m("sequencer/mempool")}, TestImports: []string{cliV3}})
	add(&listed{ImportPath: m("executor"), Name: "executor", Imports: []string{cliV2, m("internal/testjob")}, XTestImports: []string{m("internal/testnode")}})
	add(&listed{ImportPath: m("derive"), Name: "derive", Imports: []string{m("chain"), m("sequencer/mempool")}})
	add(&listed{ImportPath: m("prover"), Name: "prover", Imports: []string{m("derive"), m("executor")}})
	add(&listed{ImportPath: m("batcher"), Name: "batcher", Imports: []string{m("chain"), m("da")}, TestImports: []string{m("sequencer"), "net/http/httptest"}})
	add(&listed{ImportPath: m("l1"), Name: "l1", Imports: []string{"net/http/httptest", "testing"}})
	add(&listed{ImportPath: "net/http/httptest", Name: "httptest", DepOnly: true})
	add(&listed{ImportPath: "testing", Name: "testing", DepOnly: true})
	pkgs[m("internal/testnode")].Imports = []string{m("internal/testjob"), m("sequencer"), "testing"}
	pkgs[m("da/local")].XTestImports = []string{m("da/datest")}

	want := map[string][]string{
		"CLIOnlyInCmd": {
			"executor imports " + cliV2 + ": the project's CLI library is " + cliV3,
			"sequencer imports " + cliV3 + " (in its tests): only packages under cmd/ know about the CLI library",
		},
		"NoSequencerInProof": {
			"prover depends on sequencer/mempool: prover -> derive -> sequencer/mempool",
			"derive depends on sequencer/mempool: derive -> sequencer/mempool",
		},
		"NoTestHelpersInProduction": {
			"executor imports internal/testjob in its non-test files: it exists for tests (import it from a _test.go file, or list a new helper in testHelpers)",
			"l1 imports net/http/httptest in its non-test files: it exists for tests (import it from a _test.go file, or list a new helper in testHelpers)",
			"l1 imports testing in its non-test files: it exists for tests (import it from a _test.go file, or list a new helper in testHelpers)",
		},
	}
	for _, r := range rules {
		if got := r.check(pkgs); !slices.Equal(got, want[r.name]) {
			t.Errorf("%s:\n%s\nwant:\n%s", r.name, strings.Join(got, "\n"), strings.Join(want[r.name], "\n"))
		}
	}
	delete(pkgs, m("derive"))
	delete(pkgs, m("internal/gethdev"))
	if got := noSequencerInProof(pkgs); !slices.Contains(got, "derive: no such package: update sequencerFree") {
		t.Errorf("NoSequencerInProof without derive: %q", got)
	}
	if got := noTestHelpersInProduction(pkgs); !slices.Contains(got, "internal/gethdev: no such package: update testHelpers") {
		t.Errorf("NoTestHelpersInProduction without gethdev: %q", got)
	}
}
