package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/urfave/cli/v3"

	"github.com/trainrollup/trainrollup/client"
)

func adminCommand() *cli.Command {
	prevFlag := func() cli.Flag {
		return &cli.Uint64Flag{Name: "prev-index", Usage: "apply only if the configuration index is still this (from members; 0: unconditionally)", Sources: env("prev-index")}
	}
	admin := func(name, usage string, f func(ctx context.Context, c *cli.Command, a *client.Admin) error, flags ...cli.Flag) *cli.Command {
		return &cli.Command{Name: name, Usage: usage, Flags: append([]cli.Flag{rpcFlag(defaultRPC), required(adminSecretFlag())}, flags...),
			Action: func(ctx context.Context, c *cli.Command) error {
				secret, err := readSecret(c.String("admin-secret"), 32, false)
				if err != nil {
					return err
				}
				a, err := client.DialAdmin(ctx, c.String("rpc"), [32]byte(secret))
				if err != nil {
					return err
				}
				defer a.Close()
				return f(ctx, c, a)
			}}
	}
	done := func(c *cli.Command, what string) error {
		fmt.Fprintln(c.Root().Writer, what)
		return nil
	}
	return &cli.Command{
		Name:  "admin",
		Usage: "manage a sequencer cluster: membership, leadership, pausing (admin_ JSON-RPC with the cluster's JWT secret)",
		Commands: []*cli.Command{
			admin("members", "print the raft configuration (with its index) as JSON", func(ctx context.Context, c *cli.Command, a *client.Admin) error {
				m, err := a.Membership(ctx)
				if err != nil {
					return err
				}
				enc := json.NewEncoder(c.Root().Writer)
				enc.SetIndent("", "  ")
				return enc.Encode(m)
			}),
			admin("add-voter", "add a server as a voter, or promote a non-voter", func(ctx context.Context, c *cli.Command, a *client.Admin) error {
				if err := a.AddVoter(ctx, c.String("id"), c.String("raft-addr"), c.Uint64("prev-index")); err != nil {
					return err
				}
				return done(c, "added voter "+c.String("id"))
			}, required(serverIDFlag()), required(raftAddrFlag("")), prevFlag()),
			admin("add-nonvoter", "add a server that replicates and never votes (catch up first, then add-voter)", func(ctx context.Context, c *cli.Command, a *client.Admin) error {
				if err := a.AddNonvoter(ctx, c.String("id"), c.String("raft-addr"), c.Uint64("prev-index")); err != nil {
					return err
				}
				return done(c, "added non-voter "+c.String("id"))
			}, required(serverIDFlag()), required(raftAddrFlag("")), prevFlag()),
			admin("remove", "remove a server from the cluster", func(ctx context.Context, c *cli.Command, a *client.Admin) error {
				if err := a.RemoveServer(ctx, c.String("id"), c.Uint64("prev-index")); err != nil {
					return err
				}
				return done(c, "removed "+c.String("id"))
			}, required(serverIDFlag()), prevFlag()),
			admin("transfer-leader", "hand leadership to a server (--id \"\": raft picks)", func(ctx context.Context, c *cli.Command, a *client.Admin) error {
				if err := a.TransferLeader(ctx, c.String("id")); err != nil {
					return err
				}
				return done(c, "leadership transferred")
			}, serverIDFlag()),
			admin("pause", "stop block production (transactions are refused until resume)", func(ctx context.Context, c *cli.Command, a *client.Admin) error {
				if err := a.Pause(ctx); err != nil {
					return err
				}
				return done(c, "sequencing paused")
			}),
			admin("resume", "restart block production", func(ctx context.Context, c *cli.Command, a *client.Admin) error {
				if err := a.Resume(ctx); err != nil {
					return err
				}
				return done(c, "sequencing resumed")
			}),
		},
	}
}
