#!/bin/sh
# Checks of the built Cortex-M4 images (make firmware), read off their
# symbols, for each ELF named (default: the stub board's image):
#  - the request path is really in it (else "no allocator" would prove
#    nothing): the client, the TLS engine, lwIP's TCP and the lwIP stream;
#  - no allocator of any kind is linked.
# Prints "firmware: N passed, M failed".
set -u
[ $# -gt 0 ] || set -- build/firmware/ckafka-fw.elf
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

has() { printf '%s\n' "$syms" | awk '{print $NF}' | grep -qx "$1"; }

# The allocator's names: the one list mk/firmware.mk links against too.
heap_symbols=$(sed 's/#.*//' "$(dirname "$0")/../../mk/heap-symbols.txt")

for elf in "$@"; do
	if ! syms=$("$NM" "$elf" 2>&1); then
		echo "$syms"
		check "$elf can be read" no
		continue
	fi
	for s in ck_client_modify_offsets br_ssl_client_reset tcp_connect \
		ck_lwip_tcp_transport; do
		if has "$s"; then check "$elf holds $s" yes
		else check "$elf holds $s" no; fi
	done
	found=""
	for s in $heap_symbols; do
		has "$s" && found="$found $s"
	done
	if [ -z "$found" ]; then
		check "$elf links no allocator" yes
	else
		check "$elf links no allocator (found:$found)" no
	fi
done
echo "firmware: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
