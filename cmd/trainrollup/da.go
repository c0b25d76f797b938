package main

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/trainrollup/trainrollup/da/celestia"
	"github.com/trainrollup/trainrollup/da/local"
)

func daCommand() *cli.Command {
	def := local.DefaultConfig()
	return &cli.Command{
		Name:  "da",
		Usage: "data availability",
		Commands: []*cli.Command{{
			Name:  "serve",
			Usage: "run the local DA layer as a server speaking the celestia-node blob/header JSON-RPC subset",
			Description: "Blobs are laid out in Celestia data squares (go-square), extended with rsmt2d into NMT row\n" +
				"and column roots, kept in pebble under --datadir; every blob.Submit makes a new height.\n" +
				"Requests need \"Authorization: Bearer <token>\" with the token in --da-token-file (created\n" +
				"when missing).",
			Flags: []cli.Flag{
				&cli.StringFlag{Name: "da-addr", Aliases: []string{"addr"}, Usage: "the DA server's listen address, host:port", Value: "127.0.0.1:26658", Sources: env("da-addr")},
				required(datadirFlag()),
				daTokenFileFlag(),
				&cli.IntFlag{Name: "max-square", Usage: "widest original square, in shares (a power of two)", Value: def.MaxSquareWidth, Sources: env("max-square")},
				&cli.IntFlag{Name: "max-submit", Usage: "blob bytes per submission at most", Value: def.MaxSubmitBytes, Sources: env("max-submit")},
			},
			Action: runDAServe,
		}},
	}
}

// daToken reads the bearer token in path (any text: an operator may bring
// their own), creating a random hex one when the file does not exist.
func daToken(path string) (string, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		s, err := secretFile(path, 24)
		return hex.EncodeToString(s), err
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

func runDAServe(ctx context.Context, c *cli.Command) error {
	dir := c.String("datadir")
	tokenFile := c.String("da-token-file")
	if tokenFile == "" {
		tokenFile = filepath.Join(dir, "token")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tok, err := daToken(tokenFile)
	if err != nil {
		return err
	}
	l, err := local.Open(filepath.Join(dir, "blobs"), local.Config{MaxSquareWidth: c.Int("max-square"), MaxSubmitBytes: c.Int("max-submit")})
	if err != nil {
		return err
	}
	defer l.Close()
	ln, err := net.Listen("tcp", c.String("da-addr"))
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: celestia.NewHandler(l, tok), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(c.Root().Writer, "DA server on http://%s (token in %s)\n", ln.Addr(), tokenFile)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(sctx)
}
