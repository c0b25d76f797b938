package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/trainrollup/trainrollup/devnet"
	"github.com/trainrollup/trainrollup/model"
	"github.com/trainrollup/trainrollup/state"
)

// TestConfigFile: --config sets what neither the command line nor the
// environment set (required flags included), lists fill slice flags, and a key that is no setting,
// a table or a value of the wrong type is a clear error.
func TestConfigFile(t *testing.T) {
	dir := t.TempDir()
	write := func(text string) string {
		p := filepath.Join(dir, "c.toml")
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	type got struct {
		id, addr string
		port     int
		wait     time.Duration
		data     []string
	}
	run := func(args ...string) (got, error) {
		var g got
		cmd := &cli.Command{Name: "node", Before: configBefore, Flags: []cli.Flag{configFlag(),
			&cli.StringFlag{Name: "id", Value: "default"},
			&cli.StringFlag{Name: "datadir", Required: true},
			&cli.StringFlag{Name: "addr", Sources: cli.EnvVars("TRAINROLLUP_TEST_ADDR")},
			&cli.IntFlag{Name: "port", Value: 1},
			&cli.DurationFlag{Name: "wait"},
			&cli.StringSliceFlag{Name: "data"}},
			Action: func(_ context.Context, c *cli.Command) error {
				g = got{c.String("id"), c.String("addr"), c.Int("port"), c.Duration("wait"), c.StringSlice("data")}
				return nil
			}}
		return g, cmd.Run(context.Background(), append([]string{"node"}, args...))
	}
	cfg := write("datadir = \"/d\"\nid = \"from-file\"\naddr = \"file:1\"\nport = 7\nwait = \"3s\"\ndata = [\"csv:a\", \"csv:b\"]\n")
	t.Setenv("TRAINROLLUP_TEST_ADDR", "env:2")
	g, err := run("--config", cfg, "--port", "9")
	if err != nil {
		t.Fatal(err)
	}
	if g.id != "from-file" || g.addr != "env:2" || g.port != 9 || g.wait != 3*time.Second || !slices.Equal(g.data, []string{"csv:a", "csv:b"}) {
		t.Fatalf("flags + env + file gave %+v", g)
	}
	if g, err := run("--datadir", "/d"); err != nil || g.id != "default" || g.port != 1 {
		t.Fatalf("no file: %+v (%v)", g, err)
	}
	if _, err := run(); err == nil || !strings.Contains(err.Error(), "datadir") {
		t.Fatalf("no file and no required flag: %v", err)
	}
	for text, want := range map[string]string{
		"nope = 1\n":             `"nope" is not a setting of trainrollup node`,
		"[id]\nx = 1\n":          `"id" is a table`,
		"port = \"many\"\n":      "port = many",
		"id = \"a\"\nid = \"b\"": "c.toml",
	} {
		if _, err := run("--config", write(text)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("config %q: %v, want %q", text, err, want)
		}
	}
	if _, err := run("--config", filepath.Join(dir, "missing.toml")); err == nil || !strings.Contains(err.Error(), "--config") {
		t.Errorf("missing file: %v", err)
	}
}

// TestShapeRule: --job-shape parses MODEL/bBATCH/dDEPTH and refuses jobs of
// other shapes; malformed values are clear errors.
func TestShapeRule(t *testing.T) {
	rule, err := shapeRule("4-8-3/b8/d7")
	if err != nil {
		t.Fatal(err)
	}
	spec, _ := model.Parse("4-8-3")
	ok := state.Params{Model: spec, Batch: 8, DatasetSize: 120}
	if err := rule(ok); err != nil {
		t.Fatal(err)
	}
	for _, p := range []state.Params{{Model: spec, Batch: 4, DatasetSize: 120}, {Model: spec, Batch: 8, DatasetSize: 129}} {
		if err := rule(p); err == nil || !strings.Contains(err.Error(), "proves jobs of shape 4-8-3/b8/d7/k1 only") {
			t.Errorf("%+v: %v", p, err)
		}
	}
	for _, bad := range []string{"4-8-3", "4-8-3/8/d7", "4-8-3/b8/7", "x/b8/d7", "4-8-3/b3/d7", "4-8-3/bx/d7", "4-8-3/b8/d99"} {
		if _, err := shapeRule(bad); err == nil || !strings.Contains(err.Error(), "--job-shape") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

// TestCommittedJobShape: the operator's default --job-shape is the shape
// of the committed L1 verifier.
func TestCommittedJobShape(t *testing.T) {
	s, err := parseShape(committedJobShape)
	if err != nil {
		t.Fatal(err)
	}
	if want := devnet.CommittedShape(); s.String() != want.String() {
		t.Fatalf("operator default %s, the committed verifier proves %s", s, want)
	}
}
