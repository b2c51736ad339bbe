#!/usr/bin/env bash
# Load test of `talent serve` with wrk on loopback: requests/s, records/s and
# the latency percentiles p50 and p99 at 1, 16 and 64 connections, for single
# records (one per request) and for lists of 100 records per request.
#
#   bench/serve.sh [SECONDS]          default 10 per row
#
# The records come from `talent_bench --emit` with a fixed seed (all of them
# valid, so every answer is a 200): 2,000 single records and 20 lists of 100,
# taken in turn by each connection. The service runs with the built-in pack,
# its request log going to a file, and no decision log unless LOG=1.
# Environment: BUILD (default build), TALENT and GENERATOR (the binaries),
# THREADS (the service's threads, default 2), WRK_THREADS (wrk's, default 1),
# REASONS (full, compact or none; default full), WHAT_IF (1: every request
# with what_if=true, each program not granted with what would grant it;
# default 0), CONNECTIONS (default
# "1 16 64"), KINDS (default "single list"), WARMUP (seconds, default 2),
# AS_OF (2025-06-30). Service and wrk share the machine's cores: on a
# 2-core machine each takes from the other.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
build=${BUILD:-build}
talent=${TALENT:-$build/talent}
generator=${GENERATOR:-$build/bench/talent_bench}
threads=${THREADS:-2}
wrk_threads=${WRK_THREADS:-1}
reasons=${REASONS:-full}
what_if=""
[ "${WHAT_IF:-0}" = 1 ] && what_if="&what_if=true"
connections=${CONNECTIONS:-"1 16 64"}
kinds=${KINDS:-"single list"}
warmup=${WARMUP:-2}
as_of=${AS_OF:-2025-06-30}
for tool in "$talent" "$generator"; do
  [ -x "$tool" ] || { echo "serve.sh: $tool is missing (build first)" >&2; exit 2; }
done
command -v wrk > /dev/null || { echo "serve.sh: wrk is missing (Debian's package wrk)" >&2; exit 2; }

work=$(mktemp -d)
service=""
cleanup() {
  [ -n "$service" ] && kill "$service" 2> /dev/null && wait "$service" 2> /dev/null
  rm -rf "$work"
}
trap cleanup EXIT

"$generator" --emit 2000 --seed 20250630 --as-of "$as_of" > "$work/single.jsonl"
python3 - "$work" <<'PY'
import sys
work = sys.argv[1]
lines = open(f"{work}/single.jsonl", encoding="utf-8").read().splitlines()
with open(f"{work}/list.jsonl", "w", encoding="utf-8") as out:
    for i in range(0, len(lines), 100):
        out.write('{"records":[' + ",".join(lines[i:i + 100]) + "]}\n")
PY

# Each connection takes the requests in turn, made once beforehand so that
# wrk spends its time sending them; done() prints one line of figures.
cat > "$work/bodies.lua" <<'LUA'
local requests, next_request = {}, 0
local path = os.getenv("TARGET")
local headers = {["Content-Type"] = "application/json"}
for line in io.lines(os.getenv("BODIES")) do requests[#requests + 1] = wrk.format("POST", path, headers, line) end
function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end
function done(summary, latency, requests)
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("FIGURES %d %.6f %d %d %d\n", summary.requests, summary.duration / 1e6,
                         latency:percentile(50), latency:percentile(99), failed))
end
LUA

log_option=()
[ "${LOG:-0}" = 1 ] && log_option=(--log "$work/decisions.jsonl")
"$talent" serve --port 0 --threads "$threads" "${log_option[@]}" 2> "$work/serve.log" &
service=$!
for _ in $(seq 100); do
  port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$work/serve.log" | sed 's/.*://' || true)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "serve.sh: talent serve did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }

echo "talent serve: $threads threads, built-in pack, reasons $reasons${what_if:+, what-if}, as of $as_of; wrk: $wrk_threads thread(s), ${seconds} s a row; $(nproc) cores shared by both"
printf '%-7s %6s %12s %12s %9s %9s %8s\n' kind conns requests/s records/s "p50 ms" "p99 ms" failed
for kind in $kinds; do
  per_request=1
  [ "$kind" = list ] && per_request=100
  for c in $connections; do
    t=$wrk_threads
    [ "$c" -lt "$t" ] && t=$c
    run() {
      BODIES="$work/$kind.jsonl" TARGET="/v1/decisions?as_of=$as_of&reasons=$reasons$what_if" \
        wrk -t"$t" -c"$c" -d"$1"s --timeout 10s --latency -s "$work/bodies.lua" "http://127.0.0.1:$port" | grep '^FIGURES'
    }
    [ "$warmup" -gt 0 ] && run "$warmup" > /dev/null
    read -r _ requests duration p50 p99 failed <<< "$(run "$seconds")"
    awk -v k="$kind" -v c="$c" -v n="$requests" -v d="$duration" -v per="$per_request" -v p50="$p50" -v p99="$p99" -v f="$failed" \
      'BEGIN { printf "%-7s %6d %12.0f %12.0f %9.2f %9.2f %8d\n", k, c, n / d, n * per / d, p50 / 1000, p99 / 1000, f }'
  done
done
kill -TERM "$service"
wait "$service" || { echo "serve.sh: talent serve did not stop cleanly" >&2; exit 1; }
service=""
requests=$(grep -c ' POST /v1/decisions' "$work/serve.log" || true)
echo "talent serve answered $requests requests, one log line each; stopped cleanly on SIGTERM"
