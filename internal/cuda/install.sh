#!/usr/bin/env bash
# Installs the parts of Debian 12's CUDA 11.8 packages (non-free) that the
# cuda build needs, into DIR (default: $HOME/.cache/trainrollup/cuda-11.8),
# without touching the system's apt configuration or needing a GPU:
#
#   DIR/include/cuda.h ...      the CUDA headers (cgo: gorgonia.org/cu)
#   DIR/lib/libcuda.so          the driver API's link stub (soname
#                               libcuda.so.1: the GPU host's driver provides
#                               the real one at run time)
#   DIR/bin/nvcc, ptxas, cicc   the compiler, for make ptx (kernels.ptx)
#   DIR/driver/libcuda.so.1     a real driver library (Debian's libcuda1,
#                               535): make cuda-check loads the cuda build
#                               against it to prove every symbol binds
#
# Prints DIR. A second run with the same packages does nothing.
set -euo pipefail

dir="${1:-${HOME}/.cache/trainrollup/cuda-11.8}"
version="11.8.89~11.8.0-5~deb12u1"
driver="535.261.03-1"
stamp="$dir/.installed-$version-$driver"
if [ -e "$stamp" ]; then
	echo "$dir"
	exit 0
fi

if [ "$(dpkg --print-architecture 2>/dev/null)" != amd64 ]; then
	echo "cuda: this script fetches Debian's amd64 CUDA packages; this machine is $(uname -m)" >&2
	exit 1
fi
# nvcc preprocesses kernels.cu with the host C++ compiler, even for PTX.
if ! command -v g++ >/dev/null; then
	echo "cuda: installing g++ (nvcc's host compiler)" >&2
	if [ "$(id -u)" = 0 ]; then
		apt-get -qq update >&2 && apt-get -qq install -y --no-install-recommends g++ >&2
	else
		echo "cuda: g++ is missing: install it (apt-get install g++) and run again" >&2
		exit 1
	fi
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/state/lists/partial" "$work/cache/archives/partial" "$work/debs"
cat >"$work/sources.list" <<SOURCES
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm contrib non-free
SOURCES
apt=(-o "Dir::State=$work/state" -o "Dir::Cache=$work/cache" -o "Dir::Etc::SourceList=$work/sources.list"
	-o "Dir::Etc::SourceParts=/dev/null" -o "APT::Sandbox::User=root" -o "Debug::NoLocking=1" -qq)
echo "cuda: fetching Debian's nvidia-cuda-dev and nvidia-cuda-toolkit $version, libcuda1 $driver (about 860 MB)" >&2
apt-get "${apt[@]}" update >&2
(cd "$work/debs" && apt-get "${apt[@]}" download "nvidia-cuda-dev=$version" "nvidia-cuda-toolkit=$version" "libcuda1=$driver" >&2)

echo "cuda: extracting headers, the libcuda stub and nvcc into $dir" >&2
root="$work/root"
mkdir -p "$root"
dpkg-deb --fsys-tarfile "$work"/debs/nvidia-cuda-dev_*.deb |
	tar -x -C "$root" ./usr/include ./usr/lib/x86_64-linux-gnu/stubs/libcuda.so
dpkg-deb --fsys-tarfile "$work"/debs/nvidia-cuda-toolkit_*.deb |
	tar -x -C "$root" ./usr/bin/ptxas ./usr/lib/nvidia-cuda-toolkit/bin/nvcc ./usr/lib/nvidia-cuda-toolkit/bin/cicc \
		./usr/lib/nvidia-cuda-toolkit/bin/crt ./usr/lib/nvidia-cuda-toolkit/libdevice ./usr/include/nvvm.h
dpkg-deb --fsys-tarfile "$work"/debs/libcuda1_*.deb |
	tar -x -C "$root" --wildcards './usr/lib/x86_64-linux-gnu/nvidia/current/libcuda.so.*'

rm -rf "$dir"
mkdir -p "$dir/bin" "$dir/lib" "$dir/driver"
mv "$root/usr/include" "$dir/include"
mv "$root/usr/lib/x86_64-linux-gnu/stubs/libcuda.so" "$dir/lib/"
mv "$root/usr/lib/nvidia-cuda-toolkit/bin/"* "$root/usr/bin/ptxas" "$dir/bin/"
mv "$root/usr/lib/nvidia-cuda-toolkit/libdevice" "$dir/libdevice"
cp -P "$root"/usr/lib/x86_64-linux-gnu/nvidia/current/libcuda.so.* "$dir/driver/"
# nvcc reads nvcc.profile next to itself; Debian's points at /usr.
cat >"$dir/bin/nvcc.profile" <<'PROFILE'
NVVMIR_LIBRARY_DIR = $(_HERE_)/../libdevice
PATH += $(_HERE_):
INCLUDES += "-I$(_HERE_)/../include"
PROFILE
touch "$stamp"
echo "$dir"
