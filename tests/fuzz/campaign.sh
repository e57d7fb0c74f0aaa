#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Keepsake authors
# A fuzzing campaign: every libFuzzer target of a -Dfuzzing=true build,
# each for at most SECONDS (and at most --runs executions), --jobs of them
# at a time, on the corpus kept in the repository (tests/fuzz/corpus/TARGET)
# and the seed generators' output.  Each target has its own largest input
# (max-len.tsv): the parsers see images of the sizes that matter, and the
# fuzzer does not spend its time on megabytes.
#
# For each target the summary records executions, executions per second
# of wall-clock time and per second of CPU time the target got (on a
# shared machine the second says what the target costs, the first also
# what the other users left it), the load average at its start, coverage
# (libFuzzer's "cov", edges reached, and "ft", features) and the corpus
# size, in OUT/summary.tsv (docs/fuzzing.md has the last campaign's); a
# crash leaves its input in OUT/TARGET/ and fails the run.  With --merge
# the repository's corpora are replaced by the minimised union of what
# they held and what the campaign found (libFuzzer -merge=1), which is how
# they are kept small: of a corpus over KEEP_KIB (256 by default) only its
# smallest inputs up to that size are kept.
#
# With --runs N a target stops after N executions (libFuzzer -runs), so a
# fast target does not take time a slow one needs; with --jobs N, N
# targets run at once, each taking the next target of the list when it
# ends (TARGETS, names separated by spaces, sets the list and its order;
# every target of the build by default, in name order).
#
# Usage: tests/fuzz/campaign.sh [--merge] [--jobs N] [--runs N] BUILD_DIR SECONDS [OUT]
#   CC=clang meson setup _build/fuzz -Dfuzzing=true
#   ninja -C _build/fuzz $(ninja -C _build/fuzz -t targets all | grep -o '^tests/fuzz/[a-z0-9-]*:' | tr -d :)
#   nice tests/fuzz/campaign.sh _build/fuzz 60
#   nice tests/fuzz/campaign.sh --jobs 2 --runs 10000000 _build/fuzz 5400
set -eu

merge=0
jobs=1
runs=-1
one=
while [ $# -gt 0 ]; do
  case $1 in
    --merge) merge=1; shift ;;
    --jobs) jobs=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --one) one=$2; shift 2 ;;   # internal: run one target (below)
    *) break ;;
  esac
done
if [ $# -lt 2 ]; then
  echo "usage: $0 [--merge] [--jobs N] [--runs N] BUILD_DIR SECONDS [OUT]" >&2
  exit 2
fi

build=$1
seconds=$2
out=${3:-$build/fuzz-campaign}
here=$(cd "$(dirname "$0")" && pwd)
fuzzdir=$build/tests/fuzz
keep_kib=${KEEP_KIB:-256}

# The largest input each target reads (bytes): max-len.tsv says why.
max_len() {
  awk -F '\t' -v t="$1" '$1 == t { print $2; found = 1 } END { if (!found) print 4096 }' \
    "$here/max-len.tsv"
}

# One target: fuzz, record its line of the summary in OUT/TARGET/summary,
# merge when asked.  Run as its own process (--one), so that the CPU time
# of its children is the target's alone.
run_one() {
  name=$1
  t=$fuzzdir/$name
  kept=$here/corpus/$name
  work=$out/$name
  rm -rf "$work/corpus" && mkdir -p "$work/corpus" "$work/none"
  from=$kept
  [ -d "$from" ] || from=$work/none
  result=ok
  # CPU seconds the target got (user + system, from /proc/self/stat of
  # this shell's children): on a shared machine the wall-clock rate says
  # as much about the other users as about the target
  load=$(cut -d ' ' -f 1 /proc/loadavg)
  cpu_before=$(awk '{ print $16 + $17 }' /proc/$$/stat)
  start=$(date +%s)
  if ! "$t" -max_total_time="$seconds" -runs="$runs" -max_len="$(max_len "$name")" -timeout=10 \
       -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$work/" \
       "$work/corpus" "$from" $(find "$out/seeds" -mindepth 1 -maxdepth 1 -type d) \
       > "$work/log" 2>&1; then
    result=crash
  fi
  wall=$(( $(date +%s) - start ))
  ticks=$(( $(awk '{ print $16 + $17 }' /proc/$$/stat) - cpu_before ))
  cpu=$(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / hz }')
  execs=$(grep -m1 'stat::number_of_executed_units' "$work/log" | awk '{print $2}')
  rate=$(grep -m1 'stat::average_exec_per_sec' "$work/log" | awk '{print $2}')
  cov=$(grep -o 'cov: [0-9]*' "$work/log" | tail -n 1 | awk '{print $2}')
  ft=$(grep -o 'ft: [0-9]*' "$work/log" | tail -n 1 | awk '{print $2}')
  per_cpu=$(awk -v e="${execs:-0}" -v c="$cpu" 'BEGIN { printf "%d", (c > 0 ? e / c : 0) }')
  files=$(find "$work/corpus" -type f | wc -l)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$wall" "${execs:-0}" \
    "${rate:-0}" "$cpu" "$per_cpu" "$load" "${cov:-0}" "${ft:-0}" "$files" "$result" \
    > "$work/summary"

  if [ "$merge" = 1 ] && [ "$result" = ok ]; then
    rm -rf "$work/merged" && mkdir -p "$work/merged"
    "$t" -merge=1 -max_len="$(max_len "$name")" "$work/merged" "$from" "$work/corpus" \
      > "$work/merge.log" 2>&1
    # the repository keeps small corpora only: over KEEP_KIB, the smallest
    # inputs that fit are kept (the seed generators give the large ones)
    kib=$(( $(find "$work/merged" -type f -exec cat {} + | wc -c) / 1024 ))
    if [ "$kib" -gt "$keep_kib" ]; then
      echo "$name: the minimised corpus is $kib KiB; its smallest inputs up to $keep_kib KiB are kept" >&2
      mkdir -p "$work/smallest"
      find "$work/merged" -type f -printf '%s %p\n' | sort -n |
        awk -v limit=$((keep_kib * 1024)) '{ total += $1; if (total > limit) exit; print $2 }' |
        while read -r f; do mv "$f" "$work/smallest/"; done
      rm -rf "$work/merged" && mv "$work/smallest" "$work/merged"
    fi
    mkdir -p "$here/corpus" && rm -rf "$kept" && mv "$work/merged" "$kept"
  fi
  [ "$result" = ok ]
}

if [ -n "$one" ]; then
  run_one "$one"
  exit $?
fi

[ -d "$fuzzdir" ] || { echo "$fuzzdir: no fuzz build there" >&2; exit 2; }
mkdir -p "$out/seeds"
for gen in "$fuzzdir"/make-seeds-*; do
  [ -f "$gen" ] && [ -x "$gen" ] || continue
  family=$(basename "$gen" | sed 's/^make-seeds-//')
  mkdir -p "$out/seeds/$family"
  "$gen" "$out/seeds/$family" > /dev/null
done

targets=${TARGETS:-$(find "$fuzzdir" -maxdepth 1 -name 'fuzz-*' -type f -perm -u+x -exec basename {} \; | sort)}
for name in $targets; do
  [ -x "$fuzzdir/$name" ] || { echo "$fuzzdir/$name: no such target" >&2; exit 2; }
  rm -f "$out/$name/summary"
done

flags=
[ "$merge" = 1 ] && flags=--merge
status=0
# shellcheck disable=SC2086  # the names and flags are words
printf '%s\n' $targets |
  xargs -P "$jobs" -I '{}' sh "$0" $flags --jobs 1 --runs "$runs" --one '{}' "$build" "$seconds" "$out" ||
  status=1

printf 'target\tseconds\texecs\texecs_per_s\tcpu_s\texecs_per_cpu_s\tload\tcov\tft\tcorpus_files\tresult\n' \
  > "$out/summary.tsv"
for name in $targets; do
  if [ -f "$out/$name/summary" ]; then
    cat "$out/$name/summary" >> "$out/summary.tsv"
  else
    printf '%s\t-\t-\t-\t-\t-\t-\t-\t-\t-\tnot run\n' "$name" >> "$out/summary.tsv"
    status=1
  fi
done

column -t "$out/summary.tsv" 2>/dev/null || cat "$out/summary.tsv"
exit $status
