#!/bin/sh
# The library's structs must not depend on the compiler's enum size:
# board and application code is built with the vendor's flags, and
# arm-none-eabi's default is -fshort-enums. tests/abi/public_structs.c is
# compiled with -fshort-enums and with -fno-short-enums, for the firmware
# (arm-none-eabi-gcc with the image's flags, read from the stub image's
# $BUILD/firmware/flags) and for the host (gcc); gdb prints every member's
# offset and size of each type (ptype /o), and the two must be identical.
# Prints "abi: N passed, M failed" (one check per type and target).
#
#   tests/abi/check_struct_layouts.sh          (after make firmware)
set -u
BUILD=${BUILD:-build}
GDB=${GDB:-gdb}
SRC=tests/abi/public_structs.c
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! command -v "$GDB" >/dev/null 2>&1; then
	echo "abi: skipped: no $GDB to read the layouts"
	exit 0
fi
# check NAME NM DEFINES COMPILER FLAGS...: both enum sizes, every type
# the object defines an abi_<type> of.
check() {
	name=$1
	nm=$2
	defs=$3
	shift 3
	for e in short-enums no-short-enums; do
		# shellcheck disable=SC2086
		if ! "$@" $defs -g -f$e -c "$SRC" -o "$tmp/$name-$e.o" \
			2>"$tmp/$name-$e.err"; then
			cat "$tmp/$name-$e.err"
			echo "FAIL $name: $SRC does not compile with -f$e"
			failed=$((failed + 1))
			return
		fi
	done
	types=$("$nm" "$tmp/$name-short-enums.o" \
		| sed -n 's/.* abi_\([a-z0-9_]*\)$/\1/p')
	for t in $types; do
		for e in short-enums no-short-enums; do
			"$GDB" -batch -ex "ptype /o $t" "$tmp/$name-$e.o" \
				>"$tmp/$t.$e" 2>&1
		done
		if ! grep -q "total size" "$tmp/$t.short-enums"; then
			echo "FAIL $name $t: no layout read"
			cat "$tmp/$t.short-enums"
			failed=$((failed + 1))
		elif diff -u "$tmp/$t.no-short-enums" "$tmp/$t.short-enums" \
			>"$tmp/$t.diff"; then
			echo "ok   $name $t ($(sed -n 's/.*total size (bytes): *\([0-9]*\).*/\1/p' "$tmp/$t.short-enums" | tail -n 1) bytes)"
			passed=$((passed + 1))
		else
			echo "FAIL $name $t: layout depends on the enum size"
			cat "$tmp/$t.diff"
			failed=$((failed + 1))
		fi
	done
}

flags=$BUILD/firmware/flags
if [ -f "$flags" ]; then
	# The image's own flags, less the stack-report outputs.
	fw=$(sed 's/ | .*//; s/-fstack-usage//; s/-fcallgraph-info=su//' "$flags")
	# shellcheck disable=SC2086
	check firmware arm-none-eabi-nm "-DCK_ABI_FIRMWARE -Iplatform/common" \
		arm-none-eabi-gcc $fw
else
	echo "FAIL firmware: no $flags (run make firmware first)"
	failed=$((failed + 1))
fi
check host nm "" ${CC:-gcc} -std=c11 -Icore -Iport -Iplatform/posix \
	-Iplatform/common -D_POSIX_C_SOURCE=200809L
echo "abi: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
