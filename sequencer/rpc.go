package sequencer

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/rpc"
	"github.com/golang-jwt/jwt/v4"
	"github.com/hashicorp/raft"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/trainrollup/trainrollup/chain"
	"github.com/trainrollup/trainrollup/fault"
	"github.com/trainrollup/trainrollup/sequencer/mempool"
)

// JSON-RPC error codes of the train_ and admin_ namespaces.
const (
	codeInvalidParams = -32602
	codeRejected      = -32000 // the mempool or the sequencer refused it
	codeNotFound      = -32001
	codeUnavailable   = -32002 // no leader, paused, stopped, not confirmed
	codeInternal      = -32603
)

// rpcError is an error with a JSON-RPC code.
type rpcError struct {
	code int
	err  error
}

func (e *rpcError) Error() string  { return e.err.Error() }
func (e *rpcError) ErrorCode() int { return e.code }
func (e *rpcError) Unwrap() error  { return e.err }

// asRPC gives err the code its cause deserves.
func asRPC(err error) error {
	if err == nil {
		return nil
	}
	var re rpc.Error
	if errors.As(err, &re) {
		return err // already coded (e.g. forwarded from the leader)
	}
	code := codeInternal
	switch {
	case errors.Is(err, chain.ErrDecode):
		code = codeInvalidParams
	case fault.IsRejected(err):
		code = codeRejected
	case errors.Is(err, ErrNotFound):
		code = codeNotFound
	case errors.Is(err, ErrNotLeader), errors.Is(err, ErrPaused), errors.Is(err, ErrStopped), errors.Is(err, ErrForward),
		errors.Is(err, ErrNotSequenced), errors.Is(err, ErrUnconfirmed), errors.Is(err, raft.ErrNotLeader),
		errors.Is(err, raft.ErrLeadershipLost), errors.Is(err, raft.ErrEnqueueTimeout), errors.Is(err, raft.ErrRaftShutdown),
		errors.Is(err, raft.ErrLeadershipTransferInProgress), errors.Is(err, mempool.ErrClosed):
		code = codeUnavailable
	}
	return &rpcError{code: code, err: err}
}

// newRPCServer listens on cfg.RPCAddr and serves train_ at / and admin_ at
// /admin (JWT), each over HTTP and WebSocket.
func newRPCServer(n *Node) (*rpcServer, error) {
	ln, err := net.Listen("tcp", n.cfg.RPCAddr)
	if err != nil {
		return nil, fmt.Errorf("JSON-RPC listener on %s: %w", n.cfg.RPCAddr, err)
	}
	train := rpc.NewServer()
	if err := train.RegisterName("train", &trainAPI{n}); err != nil {
		ln.Close()
		return nil, err
	}
	admin := rpc.NewServer()
	if err := admin.RegisterName("admin", &adminAPI{n}); err != nil {
		ln.Close()
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/", httpOrWS(train))
	mux.Handle("/admin", jwtHandler(n.cfg.AdminSecret, httpOrWS(admin)))
	if n.cfg.Metrics != nil {
		mux.Handle("/metrics", promhttp.HandlerFor(n.cfg.Metrics, promhttp.HandlerOpts{}))
	}
	s := &rpcServer{ln: ln, http: &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}, rpcClients: rpcClients{clients: map[string]*rpc.Client{}}}
	s.stop = func() {
		train.Stop()
		admin.Stop()
		s.mu.Lock()
		for _, c := range s.clients {
			c.Close()
		}
		s.mu.Unlock()
	}
	go s.http.Serve(ln)
	return s, nil
}

func httpOrWS(s *rpc.Server) http.Handler {
	ws := s.WebsocketHandler([]string{"*"})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.EqualFold(r.Header.Get("Upgrade"), "websocket") {
			ws.ServeHTTP(w, r)
			return
		}
		s.ServeHTTP(w, r)
	})
}

// jwtTolerance is how far a token's iat may be from now (the engine API's
// rule).
const jwtTolerance = 60 * time.Second

// jwtHandler admits requests that carry an HS256 JWT made with secret and
// issued within jwtTolerance of now.
func jwtHandler(secret [32]byte, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		if len(auth) < 7 || !strings.EqualFold(auth[:7], "bearer ") {
			http.Error(w, "missing bearer token", http.StatusUnauthorized)
			return
		}
		var claims jwt.RegisteredClaims
		tok, err := jwt.ParseWithClaims(auth[7:], &claims, func(*jwt.Token) (any, error) { return secret[:], nil },
			jwt.WithValidMethods([]string{"HS256"}), jwt.WithoutClaimsValidation())
		switch {
		case err != nil:
			http.Error(w, "invalid token: "+err.Error(), http.StatusUnauthorized)
		case !tok.Valid:
			http.Error(w, "invalid token", http.StatusUnauthorized)
		case claims.IssuedAt == nil:
			http.Error(w, "token without iat", http.StatusUnauthorized)
		case time.Since(claims.IssuedAt.Time) > jwtTolerance || time.Until(claims.IssuedAt.Time) > jwtTolerance:
			http.Error(w, "token issued too far from now", http.StatusUnauthorized)
		default:
			next.ServeHTTP(w, r)
		}
	})
}

// rpcServerState is embedded in rpcServer: cached clients of the leader.
type rpcClients struct {
	mu      sync.Mutex
	clients map[string]*rpc.Client
}
