#!/usr/bin/env bash
# Bytes per account (bench/README.md "Soak and memory"): on one fresh engine, the managed heap and resident memory
#   1. with no account (after a minute of ticks, so JIT, feeds and caches have warmed up),
#   2. after ACCOUNTS paper accounts are opened and left idle (no order: no position, no followed market),
#   3. after ACCOUNTS more accounts each take one market order (a position, so they follow a symbol and apply its ticks),
#      read after SETTLE seconds of ticks.
# The heap is read by dotnet-gcdump (it forces a full blocking GC, so the figure is live objects only) when it is
# installed (DOTNET_GCDUMP, default /tmp/tools/dotnet-gcdump: `dotnet tool install --tool-path /tmp/tools dotnet-gcdump`),
# else from /metrics (the heap after the last GC, which includes garbage not yet collected). Kills only its own pids.
#
#   bench/soak/footprint.sh [accounts=5000] [symbols=BTC-USD,ETH-USD,SOL-USD]
set -euo pipefail
ACCOUNTS=${1:-5000}
SYMBOLS=${2:-BTC-USD,ETH-USD,SOL-USD}
SETTLE=${SETTLE:-60}
GCDUMP=${DOTNET_GCDUMP:-/tmp/tools/dotnet-gcdump}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/bench/soak/results/footprint-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
# shellcheck source=../lib/engine.sh
. "$ROOT/bench/lib/engine.sh"
trap stop_engine EXIT
build_release
start_engine
wait_ready

# heap_and_rss LABEL: prints "LABEL heap_bytes rss_bytes accounts_active"
heap_and_rss() {
  local heap
  if [ -x "$GCDUMP" ]; then
    "$GCDUMP" collect -p "$ENGINE" -o "$OUT/$1.gcdump" >/dev/null 2>&1
    heap=$("$GCDUMP" report "$OUT/$1.gcdump" 2>/dev/null | awk '/GC Heap bytes/ { gsub(",", "", $1); print $1; exit }')
  else
    curl -s --max-time 10 "$TARGET/metrics" >"$OUT/$1.metrics"
    heap=$(metric_sum "$OUT/$1.metrics" dotnet_gc_last_collection_heap_size_bytes)
  fi
  curl -s --max-time 10 "$TARGET/metrics" >"$OUT/$1.metrics"
  echo "$1 ${heap:-0} $(awk '/^VmRSS:/ { print $2 * 1024 }' "/proc/$ENGINE/status") $(metric_sum "$OUT/$1.metrics" crucible_accounts_active)"
}

sleep 60
heap_and_rss empty | tee "$OUT/readings.txt"
echo "== $ACCOUNTS idle accounts"
# An order rate so low that no bot's first order falls inside the 1 s run: the accounts are opened, nothing more.
tester --accounts "$ACCOUNTS" --duration 1s --order-rate 0.0001 --symbols "$SYMBOLS" --users $(( (ACCOUNTS + 99) / 100 )) \
  --signalr-clients 0 --quiet --out "$OUT/idle.json" >"$OUT/idle.log" 2>&1
sleep 10
heap_and_rss idle | tee -a "$OUT/readings.txt"
echo "== $ACCOUNTS accounts holding a position, then ${SETTLE}s of ticks"
tester --accounts "$ACCOUNTS" --duration 20s --order-rate "$(( ACCOUNTS / 20 ))" --strategy random --symbols "$SYMBOLS" \
  --users $(( (ACCOUNTS + 99) / 100 )) --signalr-clients 0 --quiet --out "$OUT/active.json" >"$OUT/active.log" 2>&1
sleep "$SETTLE"
heap_and_rss active | tee -a "$OUT/readings.txt"

awk -v n="$ACCOUNTS" '
  { heap[$1] = $2; rss[$1] = $3 }
  END {
    printf "per idle account:   heap %6.1f KiB, RSS %6.1f KiB\n", (heap["idle"] - heap["empty"]) / n / 1024, (rss["idle"] - rss["empty"]) / n / 1024
    printf "per active account: heap %6.1f KiB, RSS %6.1f KiB\n", (heap["active"] - heap["idle"]) / n / 1024, (rss["active"] - rss["idle"]) / n / 1024
    printf "heap MiB: empty %.1f, idle %.1f, active %.1f; RSS MiB: %.1f, %.1f, %.1f\n", heap["empty"] / 1048576, heap["idle"] / 1048576,
      heap["active"] / 1048576, rss["empty"] / 1048576, rss["idle"] / 1048576, rss["active"] / 1048576
  }' "$OUT/readings.txt" | tee "$OUT/summary.txt"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg), commit $(git -C "$ROOT" rev-parse --short HEAD), results in $OUT"
