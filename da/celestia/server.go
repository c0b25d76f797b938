package celestia

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/trainrollup/trainrollup/da"
	"github.com/trainrollup/trainrollup/lifecycle"
)

// ServerConfig configures a Server.
type ServerConfig struct {
	// Addr is the listen address, host:port (port 0 picks a free one).
	Addr string
	// Token is the bearer token every request must carry; required.
	Token string
}

// DefaultServerConfig listens where celestia-node's API does by default,
// on the loopback interface; Token is left to set.
func DefaultServerConfig() ServerConfig { return ServerConfig{Addr: "127.0.0.1:26658"} }

// Check reports the first field that is not usable.
func (c ServerConfig) Check() error {
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return fmt.Errorf("DA server address %q: %w", c.Addr, err)
	}
	if c.Token == "" {
		return errors.New("DA server token: required (a server without one would refuse every request)")
	}
	return nil
}

// Server serves a da.Layer over the API (NewHandler) at an HTTP address.
// It does not own the layer: close the layer after the server stopped.
type Server struct {
	cfg ServerConfig
	h   http.Handler

	mu      sync.Mutex
	srv     *http.Server
	ln      net.Listener
	done    chan struct{}
	err     error
	stop    sync.Once
	stopped bool
}

var (
	_ lifecycle.Service = (*Server)(nil)
	_ lifecycle.Ender   = (*Server)(nil)
)

// NewServer returns a server of l; Start listens.
func NewServer(l da.Layer, cfg ServerConfig) (*Server, error) {
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	return &Server{cfg: cfg, h: NewHandler(l, cfg.Token), done: make(chan struct{})}, nil
}

// Start listens on the configured address and serves in the background.
func (s *Server) Start(context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.srv != nil || s.stopped {
		return errors.New("DA server already started or stopped")
	}
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("DA server: %w", err)
	}
	s.ln = ln
	s.srv = &http.Server{Handler: s.h, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		defer close(s.done)
		if err := s.srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			s.err = fmt.Errorf("DA server: %w", err)
		}
	}()
	return nil
}

// URL is the server's http:// URL ("" before Start).
func (s *Server) URL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln == nil {
		return ""
	}
	return "http://" + s.ln.Addr().String()
}

// Done is closed once the server stopped serving (Ender).
func (s *Server) Done() <-chan struct{} { return s.done }

// Err is why the server stopped serving by itself (nil after Stop).
func (s *Server) Err() error {
	select {
	case <-s.done:
		return s.err
	default:
		return nil
	}
}

// Stop stops accepting requests and waits for those in flight while ctx
// lasts, then closes their connections.
func (s *Server) Stop(ctx context.Context) error {
	var err error
	s.stop.Do(func() {
		s.mu.Lock()
		srv := s.srv
		s.stopped = true
		s.mu.Unlock()
		if srv == nil {
			return
		}
		if err = srv.Shutdown(ctx); err != nil {
			err = errors.Join(err, srv.Close())
		}
		<-s.done
	})
	return err
}

// LoadToken returns the bearer token in path (any text: an operator may
// bring their own), creating the file with a random hex token (mode 0600)
// when it does not exist.
func LoadToken(path string) (string, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		s := make([]byte, 24)
		if _, err := rand.Read(s); err != nil {
			return "", err
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return "", err
		}
		tok := hex.EncodeToString(s)
		return tok, os.WriteFile(path, []byte(tok+"\n"), 0o600)
	}
	if err != nil {
		return "", err
	}
	tok := strings.TrimSpace(string(b))
	if tok == "" {
		return "", fmt.Errorf("token file %s is empty", path)
	}
	return tok, nil
}
