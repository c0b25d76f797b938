package celestia

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/trainrollup/trainrollup/da"
	"github.com/trainrollup/trainrollup/da/datest"
	"github.com/trainrollup/trainrollup/da/local"
)

const testToken = "secret-token"

// TestMain lets the test binary run as a DA server process: the tests
// below talk to a real server in another process.
func TestMain(m *testing.M) {
	if dir := os.Getenv("TRAINROLLUP_DA_SERVE"); dir != "" {
		os.Exit(serve(dir))
	}
	os.Exit(m.Run())
}

func serve(dir string) int {
	l, err := local.Open(dir, local.DefaultConfig())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer l.Close()
	srv, err := NewServer(l, ServerConfig{Addr: "127.0.0.1:0", Token: testToken})
	if err == nil {
		err = srv.Start(context.Background())
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println(strings.TrimPrefix(srv.URL(), "http://"))
	<-srv.Done() // until killed
	fmt.Fprintln(os.Stderr, srv.Err())
	return 1
}

// startServer runs a DA server process on dir and returns its URL.
func startServer(t *testing.T, dir string) (string, *exec.Cmd) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "TRAINROLLUP_DA_SERVE="+dir)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
	})
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("DA server did not start: %v", err)
	}
	return "http://" + strings.TrimSpace(line), cmd
}

// TestConformance runs the da suite against a server process through the
// client.
func TestConformance(t *testing.T) {
	datest.Run(t, func(t *testing.T) da.Layer {
		url, _ := startServer(t, t.TempDir())
		c, err := Dial(context.Background(), url, testToken)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(c.Close)
		return c
	}, local.DefaultConfig().MaxSubmitBytes)
}

// TestAuthAndOutage: a wrong token is refused; a killed server fails calls
// with an error, and a restarted one (same data directory) serves the same
// blobs again.
func TestAuthAndOutage(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	url, cmd := startServer(t, dir)
	bad, err := Dial(ctx, url, "wrong")
	if err != nil {
		t.Fatal(err)
	}
	defer bad.Close()
	if _, err := bad.NetworkHead(ctx); err == nil || !strings.Contains(err.Error(), "401") {
		t.Fatalf("wrong token: %v", err)
	}
	c, err := Dial(ctx, url, testToken)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ns, _ := da.NewNamespace([]byte("outage"))
	b, _ := da.NewBlob(ns, []byte("persisted across restarts"))
	h, err := c.Submit(ctx, []*da.Blob{b})
	if err != nil {
		t.Fatal(err)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if _, err := c.Get(cctx, h, ns, b.Commitment); err == nil {
		t.Fatal("a call to a killed server succeeded")
	}
	url2, _ := startServer(t, dir)
	c2, err := Dial(ctx, url2, testToken)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	got, err := c2.Get(ctx, h, ns, b.Commitment)
	if err != nil || string(got.Data) != "persisted across restarts" {
		t.Fatalf("after the restart: %v, %v", got, err)
	}
}

// TestServerLifecycle: a checked config, a URL once started, requests
// served until Stop, which is idempotent, and no second start.
func TestServerLifecycle(t *testing.T) {
	l, err := local.Open("", local.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	for name, cfg := range map[string]ServerConfig{
		"no token":    {Addr: "127.0.0.1:0"},
		"bad address": {Addr: "localhost", Token: testToken},
	} {
		if _, err := NewServer(l, cfg); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	cfg := DefaultServerConfig()
	cfg.Addr, cfg.Token = "127.0.0.1:0", testToken
	srv, err := NewServer(l, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if srv.URL() != "" {
		t.Fatalf("URL %q before Start", srv.URL())
	}
	ctx := t.Context()
	if err := srv.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(ctx); err == nil {
		t.Fatal("started twice")
	}
	c, err := Dial(ctx, srv.URL(), testToken)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.NetworkHead(ctx); err != nil && !errors.Is(err, da.ErrNotFound) {
		t.Fatalf("a started server: %v", err)
	}
	if err := srv.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if err := srv.Stop(ctx); err != nil {
		t.Fatalf("second stop: %v", err)
	}
	select {
	case <-srv.Done():
	default:
		t.Fatal("Stop returned before the server stopped serving")
	}
	if srv.Err() != nil {
		t.Fatalf("Err after Stop: %v", srv.Err())
	}
	cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if _, err := c.NetworkHead(cctx); err == nil {
		t.Fatal("a stopped server answered")
	}
	if err := srv.Start(ctx); err == nil {
		t.Fatal("restarted after Stop")
	}
}

func TestLoadToken(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "token")
	tok, err := LoadToken(path)
	if err != nil || len(tok) != 48 {
		t.Fatalf("new token %q: %v", tok, err)
	}
	if again, err := LoadToken(path); err != nil || again != tok {
		t.Fatalf("the token read back: %q, %v; want %q", again, err, tok)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("token file mode: %v, %v", fi.Mode(), err)
	}
	if err := os.WriteFile(path, []byte(" my own token \n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if own, err := LoadToken(path); err != nil || own != "my own token" {
		t.Fatalf("an operator's token: %q, %v", own, err)
	}
	if err := os.WriteFile(path, []byte("\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadToken(path); err == nil {
		t.Fatal("an empty token file was accepted")
	}
}
