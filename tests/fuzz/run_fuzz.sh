#!/bin/sh
# Run every libFuzzer target for SECONDS: make test runs them briefly, so a
# change that crashes, overflows or trips UBSan fails it; make fuzz runs
# them longer. Each target starts from its committed seeds
# (tests/fuzz/corpus/<target>/, read only) and its own corpus beside it in
# BUILD_DIR/fuzz, which grows between runs; tests/fuzz/<target>.options,
# when present, holds extra libFuzzer flags for it.
#   tests/fuzz/run_fuzz.sh BUILD_DIR [SECONDS]
# Prints "fuzz: N passed, M failed". A target whose source has no binary or
# no seeds fails, and so does a run that finds no target at all: a record of
# fuzzing nothing is not a pass.
set -u
dir=${1:-build}/fuzz
secs=${2:-10}
passed=0
failed=0
found=0
for src in tests/fuzz/fuzz_*.c; do
	[ -e "$src" ] || continue
	found=$((found + 1))
	name=$(basename "$src" .c)
	f="$dir/$name"
	seeds="tests/fuzz/corpus/$name"
	if [ ! -x "$f" ]; then
		echo "FAIL $name (no binary $f: it did not build)"
		failed=$((failed + 1))
		continue
	fi
	if [ -z "$(ls -A "$seeds" 2>/dev/null)" ]; then
		echo "FAIL $name (no seed corpus in $seeds)"
		failed=$((failed + 1))
		continue
	fi
	opts=""
	[ -f "tests/fuzz/$name.options" ] && opts=$(cat "tests/fuzz/$name.options")
	corpus="$f.corpus"
	mkdir -p "$corpus"
	# shellcheck disable=SC2086 # the options are separate words
	if "$f" -max_total_time="$secs" -print_final_stats=1 $opts \
		-artifact_prefix="$f." "$corpus" "$seeds" \
		>"$f.log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$f.log" | tail -1)
		rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$f.log" | tail -1)
		cov=$(grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE).*cov: ' "$f.log" \
			| tail -1 | sed 's/.*cov: \([0-9]*\) ft: \([0-9]*\).*/cov \1, ft \2/')
		echo "ok   $name (${runs:-?} runs in ${secs} s, ${rate:-?}/s, ${cov:-cov ?}, corpus $(ls "$corpus" | wc -l))"
		passed=$((passed + 1))
	else
		tail -30 "$f.log"
		echo "FAIL $name (log: $f.log)"
		failed=$((failed + 1))
	fi
done
if [ "$found" -eq 0 ]; then
	echo "fuzz: no targets (tests/fuzz/fuzz_*.c): nothing was fuzzed"
	failed=$((failed + 1))
fi
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
