#!/bin/sh
# Install the Debian packages a build needs, when they are missing.
# Idempotent and quick when everything is there; needs root (or sudo) only
# when something is missing.
#
#   scripts/install-deps.sh          host build, tests and demo
#   scripts/install-deps.sh --cross  cross compilers for make firmware/size
set -eu

case "${1:-}" in
--cross)
	PKGS="gcc-arm-none-eabi libnewlib-arm-none-eabi gcc-riscv64-unknown-elf"
	;;
"")
	PKGS="libbearssl-dev libjsmn-dev libcmocka-dev gcc clang
	      libclang-rt-14-dev make openssl ca-certificates python3 iproute2
	      util-linux"
	;;
*)
	echo "usage: $0 [--cross]" >&2
	exit 2
	;;
esac

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done

[ -z "$missing" ] && exit 0

echo "install-deps: installing:$missing" >&2
SUDO=""
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null 2>&1 || {
		echo "install-deps: need root to install:$missing" >&2
		exit 1
	}
	SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >/dev/null
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing >/dev/null
