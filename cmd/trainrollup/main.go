// Command trainrollup is the one binary of the project: it trains locally
// today, and runs the nodes, the batcher and the prover as the project grows.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/urfave/cli/v3"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	app := &cli.Command{
		Name:     "trainrollup",
		Usage:    "verifiable ML training on a rollup",
		Commands: []*cli.Command{trainCommand()},
	}
	if err := app.Run(ctx, os.Args); err != nil {
		fmt.Fprintln(os.Stderr, "trainrollup:", err)
		os.Exit(1)
	}
}
