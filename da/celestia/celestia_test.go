package celestia

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
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
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println(ln.Addr().String())
	return map[bool]int{true: 0, false: 1}[errors.Is(http.Serve(ln, NewHandler(l, testToken)), http.ErrServerClosed)]
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
