package sequencer

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// rpcMethods are the train_ methods FuzzRPCParams calls.
var rpcMethods = []string{
	"train_sendRawTransaction", "train_sendRawTransactions", "train_getTransactionReceipt",
	"train_getBlockByNumber", "train_blockNumber", "train_getJob", "train_getModel", "train_syncStatus",
	"train_getTransactionCount",
}

// FuzzRPCParams sends arbitrary parameters to every train_ method of a
// running node: each call is answered with a result or a JSON-RPC error,
// never a crashed handler, and the node keeps serving.
func FuzzRPCParams(f *testing.F) {
	for i, seed := range []string{
		`["0x02c0"]`, `[["0x01", "0x02"]]`, `["0x` + strings.Repeat("00", 32) + `"]`, `["latest", true]`,
		`["0x1", false]`, `["0x5"]`, `[]`, `[null]`, `[{"a": 1}]`, `["0xffffffffffffffffff"]`, `[-1]`, `[1e400]`,
	} {
		f.Add(uint8(i), []byte(seed))
	}
	url := fuzzNode(f)
	f.Fuzz(func(t *testing.T, m uint8, params []byte) {
		body, err := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": 1, "method": rpcMethods[int(m)%len(rpcMethods)],
			"params": json.RawMessage(params)})
		if err != nil || !json.Valid(params) {
			body = append([]byte(`{"jsonrpc":"2.0","id":1,"method":"train_getJob","params":`), params...)
			body = append(body, '}')
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		req, _ := http.NewRequestWithContext(ctx, "POST", url, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("node stopped answering: %v", err)
		}
		out, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if bytes.Contains(out, []byte("crashed")) {
			t.Fatalf("handler crashed on %s: %s", body, out)
		}
		if resp.StatusCode >= 500 {
			t.Fatalf("status %d on %s: %s", resp.StatusCode, body, out)
		}
	})
}

// fuzzNode starts a single-node cluster for the fuzzing process.
func fuzzNode(f *testing.F) string {
	cfg := DefaultConfig()
	cfg.ID = "fuzz"
	cfg.DataDir = f.TempDir()
	cfg.RaftAddr, cfg.RPCAddr = "127.0.0.1:0", "127.0.0.1:0"
	cfg.AdminSecret, cfg.ChainID, cfg.Bootstrap = testSecret, testChainID, true
	n, err := New(cfg)
	if err != nil {
		f.Fatal(err)
	}
	if err := n.Start(context.Background()); err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { n.Stop(context.Background()) })
	return n.RPCURL()
}
