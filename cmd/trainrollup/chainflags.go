package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/urfave/cli/v3"

	"github.com/trainrollup/trainrollup/da"
	"github.com/trainrollup/trainrollup/da/celestia"
	"github.com/trainrollup/trainrollup/dataset"
	"github.com/trainrollup/trainrollup/datastore"
	"github.com/trainrollup/trainrollup/l1"
)

// chainFlags say where a rollup's chain is: its bridge on L1, its DA, its
// chain id, genesis time and datasets (verify and operator).
func chainFlags() []cli.Flag {
	return []cli.Flag{required(l1Flag()), required(bridgeFlag()), l1FromBlockFlag(), required(daFlag()), daTokenFileFlag(),
		namespaceFlag(), chainIDFlag(), genesisTimeFlag(), datasetsFlag(), datasetCacheFlag()}
}

// datasets opens the dataset store of chainFlags: registered datasets
// fetched from the chain's DA into --dataset-cache, the --data files as
// local copies.
func (cc *chainConn) datasets(c *cli.Command) (*datastore.Store, error) {
	dir, err := datasetCacheDir(c)
	if err != nil {
		return nil, err
	}
	s, err := datastore.Open(dir, cc.layer, cc.ns, nil)
	if err != nil {
		return nil, err
	}
	for _, d := range cc.data {
		if _, err := s.Add(d); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// datasetCacheDir is --dataset-cache, by default the user cache
// directory's trainrollup/datasets.
func datasetCacheDir(c *cli.Command) (string, error) {
	if d := c.String("dataset-cache"); d != "" {
		return d, nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache directory for datasets: set --dataset-cache: %w", err)
	}
	return filepath.Join(d, "trainrollup", "datasets"), nil
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
	if cc.eth, err = l1.Dial(ctx, c.String("l1")); err != nil {
		return nil, err
	}
	if cc.layer, _, err = dialDA(ctx, c); err != nil {
		cc.Close()
		return nil, err
	}
	return cc, nil
}
