package main

import (
	"io"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/urfave/cli/v3"
)

// commandFlag is one flag of one command of the tree main runs.
type commandFlag struct {
	path string // "trainrollup job watch"
	flag cli.Flag
}

// allFlags walks every command and subcommand of the root command and
// returns their flags, the built-in --help and --version left out.
func allFlags(t *testing.T) []commandFlag {
	t.Helper()
	var out []commandFlag
	var walk func(path string, c *cli.Command)
	walk = func(path string, c *cli.Command) {
		for _, f := range c.Flags {
			if f == cli.HelpFlag || f == cli.VersionFlag {
				continue
			}
			out = append(out, commandFlag{path, f})
		}
		for _, sub := range c.Commands {
			walk(path+" "+sub.Name, sub)
		}
	}
	walk("trainrollup", newApp(io.Discard, io.Discard))
	if len(out) < 100 {
		t.Fatalf("walked %d flags: the walk missed commands", len(out))
	}
	return out
}

var kebab = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// TestFlagEnvVars: every flag of every command is kebab-case and has
// exactly one environment variable, TRAINROLLUP_ and its name upper-cased
// with '-' as '_' (docs/operations.md#configuration), and no command has
// one name twice.
func TestFlagEnvVars(t *testing.T) {
	names := map[string]map[string]bool{} // command path -> its names
	for _, cf := range allFlags(t) {
		f, at := cf.flag, cf.path
		name := f.Names()[0]
		for _, n := range f.Names() {
			if !kebab.MatchString(n) {
				t.Errorf("%s --%s: name %q is not kebab-case", at, name, n)
			}
			if names[at] == nil {
				names[at] = map[string]bool{}
			}
			if names[at][n] {
				t.Errorf("%s: --%s is declared twice", at, n)
			}
			names[at][n] = true
		}
		want := "TRAINROLLUP_" + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
		df, ok := f.(cli.DocGenerationFlag)
		if !ok {
			t.Errorf("%s --%s: %T does not report its environment variables", at, name, f)
			continue
		}
		if got := df.GetEnvVars(); !slices.Equal(got, []string{want}) {
			t.Errorf("%s --%s: environment variables %q, want [%s]", at, name, got, want)
		}
	}
}

// TestFlagOneDeclaration: flags of one name are one concept, declared once
// (flags.go): the same usage, variable and aliases, and values of the same
// type wherever they appear. Defaults and whether a command requires the
// flag may differ, and a command may take several values (--data of node,
// operator and verify).
func TestFlagOneDeclaration(t *testing.T) {
	type decl struct {
		at, usage, value string
		env, aliases     []string
	}
	describe := func(cf commandFlag) decl {
		f := cf.flag
		d := decl{at: cf.path, aliases: f.Names()[1:]}
		if df, ok := f.(cli.DocGenerationFlag); ok {
			d.usage, d.env = df.GetUsage(), df.GetEnvVars()
		}
		if v := reflect.ValueOf(f).Elem().FieldByName("Value"); v.IsValid() {
			ty := v.Type()
			if ty.Kind() == reflect.Slice {
				ty = ty.Elem()
			}
			d.value = ty.String()
		}
		return d
	}
	first := map[string]decl{}
	uses := map[string]int{}
	for _, cf := range allFlags(t) {
		name := cf.flag.Names()[0]
		d := describe(cf)
		uses[name]++
		f, ok := first[name]
		if !ok {
			first[name] = d
			continue
		}
		if d.usage != f.usage {
			t.Errorf("--%s: usage %q in %s, %q in %s: one concept has one declaration in flags.go; another concept needs another name",
				name, d.usage, d.at, f.usage, f.at)
		}
		if !slices.Equal(d.env, f.env) {
			t.Errorf("--%s: environment variables %q in %s, %q in %s", name, d.env, d.at, f.env, f.at)
		}
		if !slices.Equal(d.aliases, f.aliases) {
			t.Errorf("--%s: aliases %q in %s, %q in %s", name, d.aliases, d.at, f.aliases, f.at)
		}
		if d.value != f.value {
			t.Errorf("--%s: values of type %s in %s, %s in %s", name, d.value, d.at, f.value, f.at)
		}
	}
	// The concepts that issue 17 found under two names, and others that
	// commands share: each is now one flag.
	for _, name := range []string{"l1", "da", "da-token-file", "l1-from-block", "key", "rpc", "datadir", "data", "chain-id", "id", "job-id"} {
		if uses[name] < 2 {
			t.Errorf("--%s: in %d commands, want it shared", name, uses[name])
		}
	}
}

// TestRenamedFlags: a renamed flag keeps its old name as an alias, in
// every command that has it, and the old name still parses.
func TestRenamedFlags(t *testing.T) {
	renamed := map[string]string{ // new name -> old
		"l1":            "l1-rpc",     // devnet
		"da":            "da-rpc",     // devnet
		"key":           "l1-key",     // devnet
		"l1-from-block": "from-block", // verify, operator
		"da-token-file": "token-file", // da serve
		"da-addr":       "addr",       // da serve
		"job-id":        "id",         // job *
	}
	seen := map[string]bool{}
	for _, cf := range allFlags(t) {
		names := cf.flag.Names()
		if old, ok := renamed[names[0]]; ok {
			seen[names[0]] = true
			if !slices.Contains(names[1:], old) {
				t.Errorf("%s --%s: lacks its old name --%s as an alias", cf.path, names[0], old)
			}
		}
	}
	for name := range renamed {
		if !seen[name] {
			t.Errorf("no command has --%s", name)
		}
	}
	// verify checks --bridge before it dials anything: getting that far
	// means the old names parsed and satisfied the required flags.
	code, _, errOut := runCLI(t, "verify", "--l1-rpc", "http://127.0.0.1:1", "--bridge", "nowhere", "--da-rpc", "http://127.0.0.1:1",
		"--from-block", "7", "--token-file", "none")
	if code == 0 || !strings.Contains(errOut, `--bridge "nowhere" is not an address`) {
		t.Fatalf("old names: exit %d, %s", code, errOut)
	}
}

// TestEnvVars: a flag's variable sets it, and a renamed variable is refused
// with its new name rather than ignored.
func TestEnvVars(t *testing.T) {
	t.Setenv("TRAINROLLUP_DATA", iris)
	t.Setenv("TRAINROLLUP_STEPS", "7")
	code, out, errOut := runCLI(t, "train", "--model", "4-8-3", "--batch", "8", "--lr", "0.05", "--json", "--no-reference")
	if code != 0 || !strings.Contains(out, `"steps":7`) {
		t.Fatalf("--data and --steps from the environment: exit %d, %s%s", code, out, errOut)
	}
	t.Setenv("TRAINROLLUP_NODE_DATA", iris)
	code, _, errOut = runCLI(t, "train", "--model", "4-8-3", "--batch", "8", "--lr", "0.05")
	if code != 1 || !strings.Contains(errOut, "TRAINROLLUP_NODE_DATA was renamed TRAINROLLUP_DATA") {
		t.Fatalf("a renamed variable: exit %d, %s", code, errOut)
	}
	for old, now := range renamedEnv {
		if !strings.HasPrefix(old, envPrefix) || !strings.HasPrefix(now, envPrefix) || old == now {
			t.Errorf("renamedEnv[%s] = %s", old, now)
		}
	}
}
