package main

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/urfave/cli/v3"
)

// configBefore applies --config before the command checks its required
// flags, so that the file may give them.
func configBefore(ctx context.Context, c *cli.Command) (context.Context, error) {
	return ctx, applyConfig(c)
}

// applyConfig sets every flag of c that --config names and that neither
// the command line nor the environment set.
func applyConfig(c *cli.Command) error {
	path := c.String("config")
	if path == "" {
		return nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("--config: %w", err)
	}
	var settings map[string]any
	md, err := toml.Decode(string(b), &settings)
	if err != nil {
		return fmt.Errorf("--config %s: %w", path, err)
	}
	keys := md.Keys()
	slices.SortFunc(keys, func(a, b toml.Key) int { return strings.Compare(a.String(), b.String()) })
	for _, k := range keys {
		if len(k) != 1 {
			continue // inside a table: reported with the table
		}
		name := k[0]
		if name == "config" || !hasFlag(c, name) {
			return fmt.Errorf("--config %s: %q is not a setting of trainrollup %s", path, name, c.Name)
		}
		if c.IsSet(name) {
			continue
		}
		var values []any
		switch v := settings[name].(type) {
		case []any:
			values = v
		case map[string]any:
			return fmt.Errorf("--config %s: %q is a table; want a value", path, name)
		default:
			values = []any{v}
		}
		for _, v := range values {
			if err := c.Set(name, fmt.Sprint(v)); err != nil {
				return fmt.Errorf("--config %s: %s = %v: %w", path, name, v, err)
			}
		}
	}
	return nil
}

func hasFlag(c *cli.Command, name string) bool {
	for _, f := range c.Flags {
		if slices.Contains(f.Names(), name) {
			return true
		}
	}
	return false
}
