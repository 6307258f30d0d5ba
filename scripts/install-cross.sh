#!/bin/sh
# Install the cross compilers the firmware image (make firmware, make size)
# and the freestanding checks of the core (make freestanding) need, when
# they are missing. Idempotent and quick when everything is there.
# Needs root (or sudo) only when something is missing.
set -eu

PKGS="gcc-arm-none-eabi libnewlib-arm-none-eabi gcc-riscv64-unknown-elf"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done

[ -z "$missing" ] && exit 0

echo "install-cross: installing:$missing" >&2
SUDO=""
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null 2>&1 || {
		echo "install-cross: need root to install:$missing" >&2
		exit 1
	}
	SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >/dev/null
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing >/dev/null
