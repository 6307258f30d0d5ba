#!/bin/sh
# Run the 32-bit (i386) unit tests that make unit32 built in $BUILD/i386/tests
# and print "unit32: N passed, M failed" (or "unit32: skipped: <reason>").
# Where the kernel runs no 32-bit code (x86-64 built without IA32 emulation,
# or booted with ia32_emulation=off) they run under qemu-i386 (qemu-user),
# which cannot host LeakSanitizer: leak checks are off there (the core does
# not allocate anyway); ASan and UBSan stay on.
set -u
BUILD=${BUILD:-build}
set -- "$BUILD"/i386/tests/test_*
if [ ! -x "$1" ]; then
	echo "unit32: no tests in $BUILD/i386/tests (make unit32 builds them)"
	exit 1
fi

# The loader every i386 test starts with tells whether 32-bit code runs here.
runner=""
if /lib/ld-linux.so.2 --version >/dev/null 2>&1; then
	:
elif command -v qemu-i386 >/dev/null 2>&1; then
	runner=qemu-i386
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
	export ASAN_OPTIONS
	echo "unit32: this kernel runs no 32-bit code; running under qemu-i386"
else
	echo "unit32: skipped: this kernel runs no 32-bit code and qemu-i386 is missing (scripts/install-deps.sh --i386)"
	exit 0
fi

# shellcheck disable=SC2086 # an empty runner must vanish
exec tests/run_cmocka.sh unit32 "$BUILD/i386/tests" $runner
