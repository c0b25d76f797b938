package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/urfave/cli/v3"

	"github.com/trainrollup/trainrollup/da"
	"github.com/trainrollup/trainrollup/da/celestia"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/l1"
)

// chainFlags say where a rollup's chain is: its bridge on L1, its DA, its
// chain id, genesis time and datasets (verify and operator).
func chainFlags() []cli.Flag {
	return []cli.Flag{required(l1Flag()), required(bridgeFlag()), l1FromBlockFlag(), required(daFlag()), daTokenFileFlag(),
		namespaceFlag(), chainIDFlag(), genesisTimeFlag(), datasetsFlag()}
}

// chainConn is what chainFlags open: L1, DA, the namespace, the bridge's
// address and the datasets.
type chainConn struct {
	eth    *ethclient.Client
	layer  *celestia.Client
	ns     da.Namespace
	bridge common.Address
	data   []*dataset.Dataset
}

func (cc *chainConn) Close() {
	if cc.layer != nil {
		cc.layer.Close()
	}
	if cc.eth != nil {
		cc.eth.Close()
	}
}

// openChain connects to the chain of chainFlags.
func openChain(ctx context.Context, c *cli.Command) (*chainConn, error) {
	if !common.IsHexAddress(c.String("bridge")) {
		return nil, fmt.Errorf("--bridge %q is not an address", c.String("bridge"))
	}
	cc := &chainConn{bridge: common.HexToAddress(c.String("bridge"))}
	var err error
	if cc.ns, err = da.NewNamespace([]byte(c.String("namespace"))); err != nil {
		return nil, fmt.Errorf("--namespace: %w", err)
	}
	for _, arg := range c.StringSlice("data") {
		d, err := loadNodeData(arg)
		if err != nil {
			return nil, err
		}
		cc.data = append(cc.data, d)
	}
	token := ""
	if f := c.String("da-token-file"); f != "" {
		b, err := os.ReadFile(f) // no secretFile: a missing token file is an error here
		if err != nil {
			return nil, err
		}
		token = strings.TrimSpace(string(b))
	}
	if cc.eth, err = l1.Dial(ctx, c.String("l1")); err != nil {
		return nil, err
	}
	if cc.layer, err = celestia.Dial(ctx, c.String("da"), token); err != nil {
		cc.Close()
		return nil, err
	}
	return cc, nil
}
