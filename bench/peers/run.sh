#!/usr/bin/env bash
# Decides the same generated records with talent, json-logic-js and
# @gorules/zen-engine, checks every peer's decisions against talent's record
# by record, and prints one table: wall time, records/s, CPU time and peak RSS
# per engine, with ratios against talent.
#
#   bench/peers/run.sh [N]        N records, default 1000000
#
# Builds nothing: expects build/talent (or TALENT=path). Installs the pinned
# npm packages (npm ci) when node_modules is missing. PEERS_WORK=DIR keeps the
# records and decisions in DIR instead of a temporary folder; PEERS_SEED=S
# changes the seed. Exits 1 on any mismatch.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
records=${1:-1000000}
seed=${PEERS_SEED:-20250630}
# The day a 29 February graduate of 2024 reaches the end of the rent window.
as_of=2026-02-28
talent=${TALENT:-$root/build/talent}

fail() {
  echo "bench/peers: $*" >&2
  exit 2
}

[[ $records =~ ^[1-9][0-9]*$ ]] || fail "usage: bench/peers/run.sh [N]  (N records, default 1000000)"
[[ -x $talent ]] || fail "no talent binary at $talent; build it first (cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build -j2) or set TALENT=path"
command -v node >/dev/null || fail "node is not installed (apt-get install nodejs npm)"
[[ -x /usr/bin/time ]] || fail "GNU time is not installed (apt-get install time)"
if [[ ! -d $here/node_modules ]]; then
  command -v npm >/dev/null || fail "npm is not installed (apt-get install npm)"
  echo "installing the pinned peer packages (npm ci) ..."
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

if [[ -n ${PEERS_WORK:-} ]]; then
  work=$PEERS_WORK
  mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/talent-peers.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi

echo "generating $records records (seed $seed, as of $as_of) ..."
node "$here/generate.js" --records "$records" --seed "$seed" --as-of "$as_of" > "$work/records.jsonl"

engines=(talent json-logic-js zen-engine)
# decide ENGINE COMMAND...: runs the command under GNU time, decisions to
# ENGINE.jsonl, wall seconds, peak RSS (KiB), user and system seconds to
# time-ENGINE.
decide() {
  local engine=$1
  shift
  local status=0
  echo "deciding with $engine ..."
  /usr/bin/time -f '%e %M %U %S' -o "$work/time-$engine" "$@" \
    > "$work/$engine.jsonl" 2> "$work/$engine.stderr" || status=$?
  # talent exits 1 when it rejects a record; the check below names it.
  if [[ $status -ne 0 && ! ($engine == talent && $status -eq 1) ]]; then
    cat "$work/$engine.stderr" >&2
    fail "$engine failed (exit status $status): $*"
  fi
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# One thread, as each peer runs on one: the same work per core.
decide talent "$talent" batch --no-reasons --threads 1 --as-of "$as_of" "$work/records.jsonl"
decide json-logic-js node "$here/json_logic.js" --as-of "$as_of" "$work/records.jsonl"
decide zen-engine node "$here/zen.js" --as-of "$as_of" "$work/records.jsonl"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

echo
status=0
node "$here/compare.js" "$work/talent.jsonl" \
  "json-logic-js=$work/json-logic-js.jsonl" "zen-engine=$work/zen-engine.jsonl" \
  --mismatches-dir "$work" || status=1
if [[ $status -ne 0 && -z ${PEERS_WORK:-} ]]; then
  trap - EXIT
  echo "the records and decisions are kept in $work"
fi

echo
echo "$records records, as of $as_of, $(nproc) cores, load average $load_before before and $load_after after;"
echo "talent: $talent; node $(node --version);" \
  "$(cd "$here" && node -p "const l = require('./package-lock.json').packages; \
     ['json-logic-js', '@gorules/zen-engine'].map((n) => n + ' ' + l['node_modules/' + n].version).join(', ')")"
echo
read -r talent_wall talent_rss _ < <(tail -n 1 "$work/time-talent")
printf '%-14s %9s %12s %9s %14s %12s %12s\n' engine 'wall s' 'records/s' 'CPU s' 'peak RSS MiB' 'wall/talent' 'RSS/talent'
for engine in "${engines[@]}"; do
  read -r wall rss user sys < <(tail -n 1 "$work/time-$engine")
  awk -v e="$engine" -v n="$records" -v w="$wall" -v r="$rss" -v u="$user" -v s="$sys" \
      -v tw="$talent_wall" -v tr="$talent_rss" 'BEGIN {
    printf "%-14s %9.2f %12.0f %9.2f %14.1f %12.2f %12.2f\n", e, w, (w > 0 ? n / w : 0), u + s, r / 1024,
           (tw > 0 ? w / tw : 0), (tr > 0 ? r / tr : 0)
  }'
done
exit $status
