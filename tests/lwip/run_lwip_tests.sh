#!/bin/sh
# lwIP transport tests: port/ck_lwip_tcp.c with lwIP (our lwipopts.h) on a
# TAP device, against kernel-side peers, inside a throwaway network
# namespace (`unshare -n`): nothing outside the namespace is touched and it
# vanishes with the test.
#
#   tests/lwip/run_lwip_tests.sh        (after `make lwip`)
#
# Needs root and network namespaces; without them it prints
# "lwip: skipped: <reason>" (SKIP) and exits 0. The zero-heap check (no
# allocator referenced by lwIP or the transport) runs either way.
# Prints "lwip: N passed, M failed"; exits 1 when anything failed.
set -u

BUILD=${BUILD:-build}
PYTHON=${PYTHON:-python3}
HERE=$(cd "$(dirname "$0")" && pwd)
# Without and with lwIP's resolver (CK_LWIP_DNS=1); and the lwIP stack's
# deinit against echo_server.py's TLS port.
TEST_BINS="$BUILD/lwip/lwip_echo_test $BUILD/lwip/lwip_echo_test_dns"
WIPE_BIN="$BUILD/lwip/lwip_stack_wipe_test"
SERVER=192.0.2.1
BASE_PORT=7000

# --- inside the namespace -------------------------------------------------------
if [ "${1:-}" = "--inside" ]; then
	set -e
	ip link set lo up
	ip tuntap add dev tap0 mode tap
	ip addr add "$SERVER/24" dev tap0
	ip link set tap0 up
	ready=$(mktemp)
	"$PYTHON" "$HERE/echo_server.py" "$SERVER" "$BASE_PORT" >"$ready" &
	server_pid=$!
	trap 'kill "$server_pid" 2>/dev/null; rm -f "$ready"' EXIT
	i=0
	until grep -q ready "$ready"; do
		i=$((i + 1))
		if [ "$i" -gt 100 ] || ! kill -0 "$server_pid" 2>/dev/null; then
			echo "lwip: echo server did not start" >&2
			exit 2
		fi
		sleep 0.05
	done
	set +e
	worst=0
	for bin in $TEST_BINS; do
		"$bin" "$SERVER" "$BASE_PORT"
		status=$?
		[ "$status" -gt "$worst" ] && worst=$status
	done
	"$WIPE_BIN" "$SERVER" $((BASE_PORT + 4)) "$HERE/../unit/fixtures/ca-rsa.pem"
	status=$?
	[ "$status" -gt "$worst" ] && worst=$status
	exit "$worst"
fi

# --- outside ------------------------------------------------------------------
passed=0
failed=0

for bin in $TEST_BINS $WIPE_BIN; do
	if [ ! -x "$bin" ]; then
		echo "lwip: $bin missing: run make lwip first" >&2
		echo "lwip: 0 passed, 1 failed"
		exit 1
	fi
done

# Zero heap, proved by the link: neither lwIP nor the transport references
# an allocator (the plain build, not the sanitized one).
# The allocator's names: the one list the firmware's link check reads too.
heap_re=$(sed 's/#.*//' "$HERE/../../mk/heap-symbols.txt" | tr -s ' \n' '|' \
	| sed 's/^|//; s/|$//')
set -- "$BUILD/lwip/liblwip.a" "$BUILD/lwip/ours/port/ck_lwip_tcp.o"
if alloc=$(nm -u "$@" 2>/dev/null | grep -E " U ($heap_re)\$")
then
	echo "FAIL lwip_and_transport_use_no_heap: $(echo "$alloc" | sort -u | tr '\n' ' ')"
	failed=$((failed + 1))
elif ! nm -u "$@" >/dev/null 2>&1; then
	echo "FAIL lwip_and_transport_use_no_heap: cannot read $*"
	failed=$((failed + 1))
else
	echo "ok lwip_and_transport_use_no_heap"
	passed=$((passed + 1))
fi

skip() {
	echo "lwip: skipped: $1 (SKIP)"
	echo "lwip: $passed passed, $failed failed, network tests skipped"
	[ "$failed" -eq 0 ]
	exit $?
}

[ "$(id -u)" = 0 ] || skip "not root"
unshare -n true 2>/dev/null || skip "unshare -n not permitted here"
[ -c /dev/net/tun ] || skip "no /dev/net/tun"
command -v ip >/dev/null 2>&1 || skip "no ip command (iproute2)"
command -v "$PYTHON" >/dev/null 2>&1 || skip "no $PYTHON"

out=$(mktemp)
unshare -n "$0" --inside >"$out" 2>&1
status=$?
cat "$out"
summaries=$(grep '^lwip-echo: ' "$out")
rm -f "$out"
expected=$(echo "$TEST_BINS $WIPE_BIN" | wc -w)
got=0
if [ -n "$summaries" ]; then
	got=$(echo "$summaries" | wc -l)
	p=$(echo "$summaries" | sed -n 's/^lwip-echo: \([0-9]*\) passed.*/\1/p' \
		| awk '{ s += $1 } END { print s + 0 }')
	f=$(echo "$summaries" | sed -n 's/^lwip-echo: [0-9]* passed, \([0-9]*\) failed.*/\1/p' \
		| awk '{ s += $1 } END { print s + 0 }')
	passed=$((passed + p))
	failed=$((failed + f))
fi
if [ "$got" -ne "$expected" ]; then
	echo "FAIL lwip_echo_test: $got of $expected programs finished (exit status $status)"
	failed=$((failed + 1))
elif [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
	echo "FAIL lwip_echo_test: exit status $status"
	failed=$((failed + 1))
fi
echo "lwip: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
