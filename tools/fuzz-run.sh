#!/usr/bin/env bash
# fuzz-run.sh SECONDS TARGET... — runs each libFuzzer target of build/fuzz/
# for SECONDS under ASan+UBSan, starting from its corpus in tests/fuzz/corpus
# (new inputs go to a scratch copy, not the repository). A crash, leak or
# timeout is kept under build/fuzz/findings/ and fails the run: fix it, then
# add the input to tests/fuzz/corpus/TARGET/ so `make test` replays it.
# Prints one line per target (runs, seconds, corpus size) and a total.
# FUZZ_SEED (default 1) fixes libFuzzer's random seed, so a run is repeatable:
# the same binary and corpus try the same inputs in the same order, and CI
# walks the path a local run of at least as many seconds has already walked.
set -u
seed=${FUZZ_SEED:-1}
secs=${1:?usage: fuzz-run.sh SECONDS TARGET...}
shift
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
mkdir -p build/fuzz/findings
work=$(mktemp -d /tmp/basalt-fuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT
failed=0 total=0
printf '%-10s %12s %8s %8s  %s\n' target runs seconds corpus result
for t in "$@"; do
    mkdir -p "$work/$t"
    cp tests/fuzz/corpus/"$t"/* "$work/$t"/ 2>/dev/null
    build/fuzz/fuzz_"$t" -max_total_time="$secs" -seed="$seed" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="build/fuzz/findings/$t-" "$work/$t" >"$work/$t.log" 2>&1
    rc=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$t.log" | grep -o '[0-9]*$')
    took=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$work/$t.log" | awk '{print $5}')
    result=ok
    if [ $rc -ne 0 ]; then
        result="FINDING: $(ls -t build/fuzz/findings/"$t"-* 2>/dev/null | head -1)"
        failed=$((failed + 1))
        grep -m3 -E 'ERROR|SUMMARY|runtime error' "$work/$t.log" | sed 's/^/    /'
    fi
    printf '%-10s %12s %8s %8s  %s\n' "$t" "${runs:-?}" "${took:-?}" "$(ls "$work/$t" | wc -l)" "$result"
    total=$((total + ${runs:-0}))
done
echo "total runs: $total; findings: $failed"
[ $failed -eq 0 ]
