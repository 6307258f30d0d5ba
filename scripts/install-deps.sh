#!/bin/sh
# Install the Debian packages a build needs, when they are missing.
# Idempotent and quick when everything is there; needs root (or sudo) only
# when something is missing.
#
#   scripts/install-deps.sh          host build, tests and demo (cmake,
#                                    pkgconf and man-db for the install
#                                    tests)
#   scripts/install-deps.sh --cross  cross compilers for make firmware/size
#   scripts/install-deps.sh --i386   32-bit (i386) unit tests: gcc -m32 and
#                                    i386 cmocka and BearSSL via multiarch
#   scripts/install-deps.sh --static musl-gcc for make static (one fully
#                                    static binary)
#   scripts/install-deps.sh --qemu   the firmware's end-to-end tests: QEMU's
#                                    Arm system emulator, and a Java runtime
#                                    for the TLS server that ignores
#                                    max_fragment_length (JSSE)
set -eu

foreign_arch=""
case "${1:-}" in
--i386)
	# The i386 libraries come from Debian's multiarch archive; gcc-multilib
	# brings the 32-bit libc, ASan and UBSan runtimes for gcc -m32;
	# qemu-user runs the tests where the kernel runs no 32-bit code.
	foreign_arch=i386
	PKGS="gcc-multilib libcmocka-dev:i386 libbearssl-dev:i386 qemu-user"
	;;
--cross)
	PKGS="gcc-arm-none-eabi libnewlib-arm-none-eabi gcc-riscv64-unknown-elf"
	;;
--static)
	PKGS="musl-tools"
	;;
--qemu)
	PKGS="qemu-system-arm"
	# Any Java 11+ will do; a machine that has one keeps it.
	command -v java >/dev/null 2>&1 || PKGS="$PKGS default-jre-headless"
	;;
"")
	PKGS="libbearssl-dev libjsmn-dev libcmocka-dev gcc clang
	      libclang-rt-14-dev make openssl ca-certificates python3 iproute2
	      util-linux cmake pkgconf man-db"
	;;
*)
	echo "usage: $0 [--cross | --i386 | --qemu | --static]" >&2
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
if [ -n "$foreign_arch" ] &&
   ! dpkg --print-foreign-architectures | grep -qx "$foreign_arch"; then
	$SUDO dpkg --add-architecture "$foreign_arch"
fi
# An index that fails to download (a mirror mid-sync) need not stop us: the
# install below fails clearly if a package is really unavailable.
$SUDO apt-get update -q >/dev/null ||
	echo "install-deps: apt-get update reported errors; installing anyway" >&2
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing >/dev/null
