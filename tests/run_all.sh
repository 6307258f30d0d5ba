#!/bin/sh
# Run every test suite and print one closing line "tests: N passed, M failed".
#   unit       cmocka unit tests, built with ASan+UBSan
#   unit32     the same unit tests built for i386 (tests/unit32/run_unit32.sh)
#   unit-short-enums  the same unit tests, library included, built with
#              -fshort-enums (arm-none-eabi's default enum size)
#   abi        every public struct has the same layout with and without
#              -fshort-enums, firmware and host (tests/abi/)
#   zero-heap  a full call through core and port with malloc interposed
#   e2e        the end-to-end suite (tests/e2e/test_tool.py) on the POSIX
#              tool (ASan+UBSan build) against the stand-in endpoint
#   e2e-static the same suite on the static (musl) build of the POSIX tool
#              (--stack static)
#   e2e-lwip   the same suite on the lwIP tool over a TAP device (--stack lwip)
#   e2e-qemu   the same suite on the firmware image under QEMU (--stack qemu)
#   lwip       the lwIP transport over a TAP device (tests/lwip/run_lwip_tests.sh)
#   lwip-e2e   what only the lwIP tool has: network flags, no DNS, IPv4
#              only, the DNS+DHCP build (tests/lwip/test_lwip_tool.py)
#   install    make install/uninstall into a temporary DESTDIR, a program
#              built with pkg-config and one from ckafkaFilePaths.cmake
#              calling the stand-in, the man page (tests/install)
#   firmware   the Cortex-M4 images (stub and QEMU boards) hold the request
#              path and no allocator
#   fuzz       every libFuzzer target for FUZZ_SMOKE_SECONDS (default 10)
# The lwIP suites need root and network namespaces; where they are missing
# they say "skipped: <reason>", which counts neither way and is listed
# before the closing line. Exits non-zero when anything failed.
set -u
BUILD=${BUILD:-build}
PYTHON=${PYTHON:-python3}
passed=0
failed=0
failures=""
skipped=""

fail() { failed=$((failed + 1)); failures="$failures $1"; }

# --- zero heap ------------------------------------------------------------
certs="$BUILD/test-certs"
tests/standin/make_certs.sh "$certs" >/dev/null
portfile=$(mktemp)
logfile=$(mktemp)
"$PYTHON" tests/standin/ckafka_standin.py --cert "$certs/server.pem" \
	--key "$certs/server.key" --port 0 --port-file "$portfile" \
	>"$logfile" 2>&1 &
standin=$!
i=0
while [ ! -s "$portfile" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if [ -s "$portfile" ]; then
	out=$(CKAFKA_STANDIN_PORT=$(cat "$portfile") CKAFKA_CA="$certs/ca.pem" \
		TENCENTCLOUD_SECRET_ID=AKIDstandindemo000000000000000000000 \
		TENCENTCLOUD_SECRET_KEY=standin-demo-secret-key-0000000000 \
		timeout 60 "$BUILD/heap/test_zero_heap" 2>&1)
	rc=$?
	echo "$out"
	if [ $rc -eq 0 ]; then passed=$((passed + 1)); else fail zero-heap; fi
else
	echo "zero-heap: the stand-in did not start:"; cat "$logfile"
	fail zero-heap
fi
kill "$standin" 2>/dev/null; wait "$standin" 2>/dev/null
rm -f "$portfile" "$logfile"

# --- suites that report "<tag>: N passed, M failed" or "<tag>: skipped: why" --
# A suite may also skip part of itself (the lwIP zero-heap check runs without
# namespaces): its counts are added and its skip reason listed.
counted_suite() {
	tag=$1
	shift
	start=$(date +%s)
	out=$("$@" 2>&1)
	rc=$?
	printf '%s\n' "$out"
	echo "($tag took $(( $(date +%s) - start )) s)"
	line=$(printf '%s\n' "$out" \
		| grep "^$tag: [0-9][0-9]* passed, [0-9][0-9]* failed" | tail -n 1)
	why=$(printf '%s\n' "$out" | sed -n "s/^$tag: skipped: //p" | tail -n 1)
	[ -n "$why" ] && skipped="$skipped
  $tag: $why"
	if [ -n "$line" ]; then
		p=$(printf '%s\n' "$line" | sed 's/^[^:]*: \([0-9]*\) passed.*/\1/')
		f=$(printf '%s\n' "$line" | sed 's/^[^:]*: [0-9]* passed, \([0-9]*\) failed.*/\1/')
		passed=$((passed + p))
		failed=$((failed + f))
		if [ "$f" -gt 0 ]; then
			failures="$failures $tag"
		elif [ "$rc" -ne 0 ]; then
			fail "$tag"
		fi
	elif [ -z "$why" ] || [ "$rc" -ne 0 ]; then
		# Neither counts nor a clean skip: the suite itself broke.
		fail "$tag"
	fi
}

counted_suite unit tests/run_cmocka.sh unit "$BUILD/san/tests"
counted_suite unit32 env BUILD="$BUILD" tests/unit32/run_unit32.sh
counted_suite unit-short-enums tests/run_cmocka.sh unit-short-enums \
	"$BUILD/short-enums/san/tests"
counted_suite abi env BUILD="$BUILD" tests/abi/check_struct_layouts.sh
# The end-to-end suite once per stack.
counted_suite e2e env CKAFKA_TOOL="$BUILD/san/ckafka-offsets" \
	"$PYTHON" tests/e2e/test_tool.py --stack posix
counted_suite e2e-static env CKAFKA_STATIC_TOOL="$BUILD/ckafka-offsets-static" \
	"$PYTHON" tests/e2e/test_tool.py --stack static
counted_suite e2e-lwip env CKAFKA_LWIP_TOOL="$BUILD/lwip/san/ckafka-offsets-lwip" \
	"$PYTHON" tests/e2e/test_tool.py --stack lwip
counted_suite e2e-qemu env CKAFKA_QEMU_TOOL="$BUILD/san/ckafka-offsets-qemu" \
	CKAFKA_QEMU_MFL2K_IMAGE="$BUILD/firmware-qemu-mps2-an386-mfl2k/ckafka-fw.elf" \
	"$PYTHON" tests/e2e/test_tool.py --stack qemu
counted_suite lwip env BUILD="$BUILD" PYTHON="$PYTHON" tests/lwip/run_lwip_tests.sh
counted_suite lwip-e2e env CKAFKA_LWIP_TOOL="$BUILD/lwip/san/ckafka-offsets-lwip" \
	CKAFKA_LWIP_TOOL_FULL="$BUILD/lwip/full/ckafka-offsets-lwip" \
	"$PYTHON" tests/lwip/test_lwip_tool.py

counted_suite install env BUILD="$BUILD" "$PYTHON" tests/install/test_install.py
counted_suite firmware tests/firmware/check_image.sh "$BUILD/firmware/ckafka-fw.elf" \
	"$BUILD/firmware-qemu-mps2-an386/ckafka-fw.elf" \
	"$BUILD/firmware-qemu-mps2-an386-mfl2k/ckafka-fw.elf"
counted_suite fuzz tests/fuzz/run_fuzz.sh "$BUILD" "${FUZZ_SMOKE_SECONDS:-10}"

[ -n "$skipped" ] && echo "skipped (not counted):$skipped"
[ -n "$failures" ] && echo "failed suites:$failures"
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
