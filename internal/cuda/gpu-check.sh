#!/usr/bin/env bash
# gpu-check: proves on a GPU host that the GPU executor gives the CPU's
# bits, and measures it. make gpu-build (on an amd64 Debian or Ubuntu machine with Go) copies this
# script into bin/gpu/ as check, beside what it runs:
#
#   gpu.test          the tests of executor/gpu, built with the cuda tag:
#                     random steps of nine shapes (saturation, rounding,
#                     both losses), executor witnesses, and the documented
#                     MNIST run (196-64-10, batch 32, lr 0.2, 8,000 steps),
#                     each on the GPU and the CPU, bit for bit
#   trainrollup-gpu   the cuda build of trainrollup: bench executor
#   mnist/            the MNIST idx files
#   testdata/         Iris, which the executor tests train on
#
# Needs only the NVIDIA driver (libcuda.so.1) and bash: no Go, nothing
# downloaded. Exits non-zero, loudly, if any bit differs.
# TRAINROLLUP_CHECK_STEPS sets the benchmark's steps (default 4000).
set -uo pipefail
cd "$(dirname "$0")"
export TRAINROLLUP_MNIST_DIR="$PWD/mnist" TRAINROLLUP_TESTDATA="$PWD/testdata"

echo "== gpu-check $(date -u +%FT%TZ) on $(hostname)"
if command -v nvidia-smi >/dev/null; then
	nvidia-smi --query-gpu=index,name,driver_version,memory.total,compute_cap --format=csv
else
	echo "(nvidia-smi not found)"
fi
echo "CPU: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"

echo
echo "== bit-exactness: GPU vs CPU (log: $PWD/gpu-test.log)"
./gpu.test -test.v -test.count=1 -test.timeout=30m >gpu-test.log 2>&1
status=$?
grep -E '^(--- |PASS|FAIL|ok )|stepper_test.go' gpu-test.log
if [ "$status" -ne 0 ]; then
	echo
	echo "gpu-check: FAILED: the GPU's results differ from the CPU's, or the GPU could not run them."
	echo "Nothing the GPU executes can be trusted until this passes. The log's first lines:"
	head -n 20 gpu-test.log
	exit 1
fi

echo
echo "== throughput: steps/s of the MNIST model (bench executor; table also in $PWD/bench.md)"
: >bench.md
for batch in 32 256; do
	if ! ./trainrollup-gpu bench executor --data "mnist:$TRAINROLLUP_MNIST_DIR" --model 196-64-10 --batch "$batch" --lr 0.2 \
		--executors cpu,gpu --steps "${TRAINROLLUP_CHECK_STEPS:-4000}" | tee -a bench.md; then
		echo
		echo "gpu-check: FAILED: bench executor (batch $batch) failed or the executors' weights differ."
		exit 1
	fi
	echo | tee -a bench.md
done
if grep -q 'fake CUDA driver' bench.md; then
	echo "gpu-check: passed against the fake driver (fakecuda: the kernels on the CPU emulator). This is NOT a GPU check."
else
	echo "gpu-check: passed: the GPU executor is bit-identical to the CPU executor on this machine."
fi
