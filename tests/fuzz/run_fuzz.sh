#!/bin/sh
# Run every libFuzzer target for SECONDS: make test runs them briefly, so a
# parser change that crashes, overflows or trips UBSan fails it; make fuzz
# runs them longer. Each target's corpus is kept beside it and grows.
#   tests/fuzz/run_fuzz.sh BUILD_DIR [SECONDS]
# Prints "fuzz: N passed, M failed".
set -u
dir=${1:-build}/fuzz
secs=${2:-10}
passed=0
failed=0
for f in "$dir"/fuzz_*; do
	[ -x "$f" ] || continue
	case "$f" in *.*) continue ;; esac
	name=$(basename "$f")
	corpus="$f.corpus"
	mkdir -p "$corpus"
	if "$f" -max_total_time="$secs" -print_final_stats=0 \
		-artifact_prefix="$f." "$corpus" \
		>"$f.log" 2>&1; then
		echo "ok   $name ($(grep -E '^Done [0-9]+ runs' "$f.log" | tail -1))"
		passed=$((passed + 1))
	else
		tail -30 "$f.log"
		echo "FAIL $name (log: $f.log)"
		failed=$((failed + 1))
	fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
