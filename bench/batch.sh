#!/usr/bin/env bash
# Times `talent batch` as a whole process over generated records: --threads 1
# and 2, each with reasons none, compact and full. Prints wall time,
# records/s and peak RSS (GNU time), and checks that every run gave one line
# per record and that --threads 2 gave the same bytes as --threads 1.
#
#   bench/batch.sh [RECORDS]          default 1000000
#
# The records come from `talent_bench --emit` with a fixed seed, so every run
# sees the same input. Runs with one thread are pinned to one core with
# taskset (PIN=0 to leave them free). Environment: BUILD (default build),
# TALENT and GENERATOR (the binaries, by default in BUILD), AS_OF
# (2025-06-30), SEED (20250630), RUNS (timed runs per row, the fastest
# shown; default 1).
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-1000000}
build=${BUILD:-build}
talent=${TALENT:-$build/talent}
generator=${GENERATOR:-$build/bench/talent_bench}
as_of=${AS_OF:-2025-06-30}
seed=${SEED:-20250630}
runs=${RUNS:-1}
gnu_time=/usr/bin/time
for tool in "$talent" "$generator" "$gnu_time"; do
  [ -x "$tool" ] || { echo "batch.sh: $tool is missing (build first; GNU time is Debian's 'time')" >&2; exit 2; }
done
pin=()
if [ "${PIN:-1}" = 1 ] && command -v taskset > /dev/null && [ "$(nproc)" -ge 2 ]; then pin=(taskset -c 1); fi

# Lines, bytes and SHA-256 of standard input, in one pass.
count_and_hash='
import hashlib, sys
h, lines, size = hashlib.sha256(), 0, 0
for block in iter(lambda: sys.stdin.buffer.read(1 << 20), b""):
    h.update(block); lines += block.count(b"\n"); size += len(block)
print(lines, size, h.hexdigest())'

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
input=$work/records.jsonl
"$generator" --emit "$records" --seed "$seed" --as-of "$as_of" > "$input"
echo "talent batch: $records records ($(stat -c %s "$input") bytes of JSON Lines), as of $as_of, seed $seed, $(nproc) cores"
printf '%-8s %-8s %-8s %9s %12s %10s %12s\n' engine threads reasons "wall s" records/s "peak RSS" "output/rec"

for threads in 1 2; do
  for reasons in none compact full; do
    command=("$talent" batch --as-of "$as_of" --threads "$threads" --reasons "$reasons" "$input")
    [ "$threads" = 1 ] && command=("${pin[@]}" "${command[@]}")
    best=""
    for ((run = 0; run < runs; run++)); do
      status=0
      "$gnu_time" -f "%e %M" -o "$work/time" "${command[@]}" > /dev/null || status=$?
      [ "$status" -le 1 ] || { echo "batch.sh: talent batch exited $status" >&2; exit 1; }
      read -r wall rss < "$work/time"
      if [ -z "$best" ] || awk -v a="$wall" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then best="$wall $rss"; fi
    done
    read -r wall rss <<< "$best"
    # Checked apart from the timing: one line per record, and with two
    # threads the bytes of one (compared by their SHA-256).
    read -r lines bytes digest < <("$talent" batch --as-of "$as_of" --threads "$threads" --reasons "$reasons" "$input" |
      python3 -c "$count_and_hash") || true
    [ "$lines" = "$records" ] || { echo "batch.sh: $records records gave $lines lines" >&2; exit 1; }
    if [ "$threads" = 1 ]; then
      echo "$digest" > "$work/one-thread-$reasons"
    elif [ "$digest" != "$(cat "$work/one-thread-$reasons")" ]; then
      echo "batch.sh: --threads $threads differs from --threads 1 (reasons $reasons)" >&2
      exit 1
    fi
    awk -v t="$threads" -v r="$reasons" -v w="$wall" -v m="$rss" -v n="$records" -v b="$bytes" 'BEGIN {
      rate = w > 0 ? n / w : 0
      printf "%-8s %-8s %-8s %9.2f %12.0f %7.1f MiB %10.0f B\n", "talent", t, r, w, rate, m / 1024, b / n }'
  done
done
