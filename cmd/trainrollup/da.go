package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/trainrollup/trainrollup/da/celestia"
	"github.com/trainrollup/trainrollup/da/local"
	"github.com/trainrollup/trainrollup/lifecycle"
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

func runDAServe(ctx context.Context, c *cli.Command) error {
	dir := c.String("datadir")
	tokenFile := c.String("da-token-file")
	if tokenFile == "" {
		tokenFile = filepath.Join(dir, "token")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tok, err := celestia.LoadToken(tokenFile)
	if err != nil {
		return err
	}
	l, err := local.Open(filepath.Join(dir, "blobs"), local.Config{MaxSquareWidth: c.Int("max-square"), MaxSubmitBytes: c.Int("max-submit")})
	if err != nil {
		return err
	}
	cfg := celestia.DefaultServerConfig()
	cfg.Addr, cfg.Token = c.String("da-addr"), tok
	srv, err := celestia.NewServer(l, cfg)
	if err != nil {
		return errors.Join(err, l.Close())
	}
	var parts lifecycle.Group
	parts.Add("blob store", lifecycle.OnStop(l.Close))
	parts.Add("DA server", srv)
	return serve(ctx, &parts, 5*time.Second, func() {
		fmt.Fprintf(c.Root().Writer, "DA server on %s (token in %s)\n", srv.URL(), tokenFile)
	})
}
