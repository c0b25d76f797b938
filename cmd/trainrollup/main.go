// Command trainrollup is the one binary of the project: it runs a sequencer
// node, the operator (batcher and prover), the DA server and a devnet of
// them all; it submits and follows jobs, verifies the chain from L1 and DA,
// sets up proving keys, trains locally and benchmarks. Each command turns
// its flags into the Config of the package that does the work.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/urfave/cli/v3"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		// The first signal cancels ctx: commands stop at their next step.
		// Work that cannot be interrupted (gnark's key generation) keeps going,
		// so the default handling comes back: a second signal ends the process.
		<-sigs
		signal.Reset(os.Interrupt, syscall.SIGTERM)
		fmt.Fprintln(os.Stderr, "trainrollup: stopping; interrupt again to abort at once")
		cancel()
	}()
	code := run(ctx, os.Args, os.Stdout, os.Stderr)
	cancel()
	os.Exit(code)
}

// run runs the command line args and returns the process exit code: 0 on
// success, 1 on any error (printed to stderr).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if err := checkEnv(os.LookupEnv); err != nil {
		fmt.Fprintln(stderr, "trainrollup:", err)
		return 1
	}
	if err := newApp(stdout, stderr).Run(ctx, args); err != nil {
		if errors.Is(err, context.Canceled) && ctx.Err() != nil {
			fmt.Fprintln(stderr, "trainrollup: interrupted")
			return 130
		}
		fmt.Fprintln(stderr, "trainrollup:", err)
		return 1
	}
	return 0
}

// newApp is the root command: every command and its flags.
func newApp(stdout, stderr io.Writer) *cli.Command {
	return &cli.Command{
		Name:      "trainrollup",
		Usage:     "verifiable ML training on a rollup",
		Writer:    stdout,
		ErrWriter: stderr,
		Commands:  []*cli.Command{trainCommand(), proveStepCommand(), setupCommand(), benchCommand(), nodeCommand(), jobCommand(), keyCommand(), daCommand(), verifyCommand(), devnetCommand(), operatorCommand(), adminCommand()},
		// Errors are printed once, by run, with the program's name.
		ExitErrHandler: func(context.Context, *cli.Command, error) {},
	}
}
