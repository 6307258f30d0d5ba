#!/bin/sh
# Run every cmocka test binary DIR/test_* (through RUNNER..., e.g.
# qemu-i386, when given), bounded in time, and print a line per binary and
# the closing line "TAG: N passed, M failed" that tests/run_all.sh counts.
#   tests/run_cmocka.sh TAG DIR [RUNNER...]
set -u
tag=$1
dir=$2
shift 2
passed=0
failed=0

found=0
for t in "$dir"/test_*; do
	[ -x "$t" ] || continue
	found=1
	name=$(basename "$t")
	# A hung test must not hang make test (an emulator is slow: generous).
	out=$(timeout 900 "$@" "$t" 2>&1)
	rc=$?
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9][0-9]*\) test(s)\./\1/p' | tail -n 1)
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9][0-9]*\) test(s), listed below:/\1/p' | tail -n 1)
	passed=$((passed + ${p:-0}))
	if [ "$rc" -ne 0 ] || [ -n "$f" ]; then
		printf '%s\n' "$out"
		failed=$((failed + ${f:-1}))
		echo "$tag: $name: FAILED (exit $rc)"
	else
		echo "$tag: $name: ${p:-0} passed"
	fi
done
if [ "$found" -eq 0 ]; then
	echo "$tag: no test binaries in $dir"
	exit 1
fi
echo "$tag: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
