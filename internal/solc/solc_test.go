package solc

import (
	"context"
	"strings"
	"testing"
)

func TestCompile(t *testing.T) {
	solcjs, err := Find()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	out, err := Compile(ctx, solcjs, map[string]string{"src/A.sol": "pragma solidity ^0.8.24; contract A { function f() external pure returns (uint) { return 7; } }"})
	if err != nil {
		t.Fatal(err)
	}
	a, ok := out["A"]
	if !ok || len(a.Bin) == 0 || !strings.Contains(a.ABI, `"name":"f"`) {
		t.Fatalf("compiled %+v", out)
	}
	again, err := Compile(ctx, solcjs, map[string]string{"src/A.sol": "pragma solidity ^0.8.24; contract A { function f() external pure returns (uint) { return 7; } }"})
	if err != nil || string(again["A"].Bin) != string(a.Bin) {
		t.Fatal("compilation is not deterministic")
	}
	if _, err := Compile(ctx, solcjs, map[string]string{"src/B.sol": "contract B { function f( }"}); err == nil || !strings.Contains(err.Error(), "ParserError") {
		t.Fatalf("syntax error: %v", err)
	}
}
