#!/bin/sh
# Checks of the built Cortex-M4 image (make firmware), read off its symbols:
#  - the request path is really in it (else "no allocator" would prove
#    nothing): the client, the TLS engine, lwIP's TCP and the lwIP stream;
#  - no allocator of any kind is linked.
# Prints "firmware: N passed, M failed".
set -u
elf=${1:-build/firmware/ckafka-fw.elf}
NM=${NM:-arm-none-eabi-nm}
passed=0
failed=0

check() {
	if [ "$2" = yes ]; then
		echo "ok   $1"
		passed=$((passed + 1))
	else
		echo "FAIL $1"
		failed=$((failed + 1))
	fi
}

if ! syms=$("$NM" "$elf" 2>&1); then
	echo "$syms"
	echo "firmware: 0 passed, 1 failed"
	exit 1
fi
has() { printf '%s\n' "$syms" | awk '{print $NF}' | grep -qx "$1"; }

for s in ck_client_modify_offsets br_ssl_client_reset tcp_connect ck_lwip_tcp_transport; do
	if has "$s"; then check "image holds $s" yes; else check "image holds $s" no; fi
done
found=""
for s in malloc free realloc calloc _sbrk _sbrk_r _malloc_r _free_r \
	_realloc_r _calloc_r memalign _memalign_r; do
	has "$s" && found="$found $s"
done
if [ -z "$found" ]; then
	check "image links no allocator" yes
else
	check "image links no allocator (found:$found)" no
fi
echo "firmware: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
