#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Keepsake authors
# The whole test suite, from a fresh Debian 12 machine (as root):
#   1. install the dependencies (.ci/deps);
#   2. build with gcc and run every test;
#   3. build with clang under AddressSanitizer + UndefinedBehaviorSanitizer,
#      with the libFuzzer targets, and run every test again;
#   4. run each fuzz target for FUZZ_SECONDS (default 60) on its seed corpus
#      and the corpus kept in tests/fuzz/corpus, inputs no longer than
#      tests/fuzz/max-len.tsv says.
# Ends with one line "N passed, N failed"; exits non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
top=$PWD

fuzz_seconds=${FUZZ_SECONDS:-60}
results=$top/_build/results
mkdir -p "$results"
: > "$results/extra.txt"

bash .ci/deps || { echo "0 passed, 1 failed"; exit 1; }

setup () {  # setup DIR [meson options…]: a fresh configuration every run
  local dir=$1; shift
  rm -rf "$dir"
  meson setup "$dir" "$@" >"$dir.setup.log" 2>&1 || { cat "$dir.setup.log"; return 1; }
}

build_ok=1

echo "== gcc build and tests"
if setup _build/ci && meson compile -C _build/ci; then
  meson test -C _build/ci --print-errorlogs --num-processes 2
else
  build_ok=0
fi

echo "== clang ASan+UBSan build, tests and fuzz targets"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export G_SLICE=always-malloc
if CC=clang setup _build/ci-asan -Db_sanitize=address,undefined -Db_lundef=false -Dfuzzing=true &&
   meson compile -C _build/ci-asan; then
  meson test -C _build/ci-asan --print-errorlogs --num-processes 2 --no-suite ui
  cp _build/ci-asan/meson-logs/testlog.json _build/ci-asan/testlog-core.json
  # GTK and fontconfig keep caches for the life of the process; LeakSanitizer
  # would report them, so the UI suite runs with leak detection off.
  ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
    meson test -C _build/ci-asan --print-errorlogs --suite ui
else
  build_ok=0
fi

echo "== fuzzing (${fuzz_seconds} s per target)"
fuzzdir=_build/ci-asan/tests/fuzz
if [ -d "$fuzzdir" ]; then
  seeds=_build/fuzz-seeds
  rm -rf "$seeds" && mkdir -p "$seeds"
  for gen in "$fuzzdir"/make-seeds-*; do
    [ -f "$gen" ] && [ -x "$gen" ] || continue
    out="$seeds/$(basename "$gen" | sed 's/^make-seeds-//')"
    mkdir -p "$out"
    "$gen" "$out" || echo "FAIL $(basename "$gen")" >> "$results/extra.txt"
  done
  targets=$(find "$fuzzdir" -maxdepth 1 -name 'fuzz-*' -type f -executable | sort)
  for t in $targets; do
    name=$(basename "$t")
    corpus=_build/fuzz-corpus/$name
    rm -rf "$corpus" && mkdir -p "$corpus"
    echo "$t $corpus $seeds"
  done | xargs -r -P 2 -L 1 bash -c '
    t=$0; corpus=$1; seeds=$2; name=$(basename "$t")
    # the largest input the target reads, and the corpus kept in the
    # repository beside the generated seeds (tests/fuzz/max-len.tsv, corpus/)
    max_len=$(awk -F "\t" -v t="$name" "\$1 == t { print \$2; found = 1 } END { if (!found) print 4096 }" \
                tests/fuzz/max-len.tsv)
    kept=tests/fuzz/corpus/$name
    [ -d "$kept" ] || kept=
    if ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 "$t" -max_total_time='"$fuzz_seconds"' \
         -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
         -artifact_prefix="$corpus/" "$corpus" $kept \
         $(find "$seeds" -mindepth 1 -maxdepth 1 -type d) > "$corpus.log" 2>&1; then
      echo "PASS $name $(grep -m1 "stat::number_of_executed_units" "$corpus.log" | awk "{print \$2}") execs"
    else
      # the first report in full (a leak'"'"'s stack comes before the crash dump), then the end
      echo "FAIL $name"; grep -m1 -A40 "ERROR: \(AddressSanitizer\|LeakSanitizer\|UndefinedBehaviorSanitizer\)" "$corpus.log"
      tail -n 40 "$corpus.log"
    fi' | tee -a "$results/extra.txt"
fi

python3 - "$build_ok" "$results/extra.txt" _build/ci/meson-logs/testlog.json \
  _build/ci-asan/testlog-core.json _build/ci-asan/meson-logs/testlog.json <<'PY'
import json, os, sys
build_ok, extra, *logs = sys.argv[1:]
passed = failed = skipped = 0
for log in logs:
    if not os.path.exists(log):
        continue
    for line in open(log):
        line = line.strip()
        if not line:
            continue
        r = json.loads(line)
        if r['result'] in ('OK', 'EXPECTEDFAIL'):
            passed += 1
        elif r['result'] == 'SKIP':
            skipped += 1
        else:
            failed += 1
for line in open(extra):
    if line.startswith('PASS '):
        passed += 1
    elif line.startswith('FAIL '):
        failed += 1
if build_ok != '1':
    failed += 1
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
sys.exit(1 if failed else 0)
PY
