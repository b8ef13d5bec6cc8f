#!/usr/bin/env bash
# Macro benchmark (bench/README.md "Macro: the load tester against a fresh engine"): starts the embedded engine in Release
# with rate limits out of the way, then in the same run measures
#   1. a plain Kestrel endpoint (GET /health) as fast as the load tester can send it,
#   2. an endpoint that makes one grain call (GET /api/v1/instruments/BTC-USD),
#   3. a trivial grain call through the silo gateway (IPingGrain.Ping, as an Orleans client),
#   4. a one-way grain fan-out (IPingGrain.FanOut to FANOUT_WIDTH grains: deliveries/s),
#   5. the load tester's trading run over REST (ACCOUNTS bots, DURATION, unpaced unless RATE is set),
#   6. the same trading run over grains (as an Orleans client through the gateway; fresh accounts),
#   7. GET /health and the grain call again (the machine may have changed under us),
# and prints each order rate as a ratio of its baselines. VIA=http or VIA=grains runs only that trading run (the
# second run of "both" shares the engine with the first one's accounts, which still hold positions). Never run in CI.
#
#   bench/macro/run.sh [accounts=1000] [duration=20s] [rate=0] [strategy=random] [plan=paper]
set -euo pipefail
ACCOUNTS=${1:-1000}
DURATION=${2:-20s}
RATE=${3:-0}
STRATEGY=${4:-random}
PLAN=${5:-paper}
BASELINE_SECONDS=${BASELINE_SECONDS:-10s}
CONCURRENCY=${CONCURRENCY:-256}
PORT=${PORT:-5180}
VIA=${VIA:-both}
FANOUT_WIDTH=${FANOUT_WIDTH:-1000}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/bench/macro/results/$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"

# shellcheck source=../lib/engine.sh
. "$ROOT/bench/lib/engine.sh"
build_release
start_engine
trap stop_engine EXIT
wait_ready

GATEWAY="127.0.0.1:$GATEWAY_PORT"
grains() { dotnet "$TESTER" --target "$GATEWAY" "$@"; }
LOAD=(--accounts "$ACCOUNTS" --duration "$DURATION" --order-rate "$RATE" --strategy "$STRATEGY" --plan "$PLAN"
  --users $(( (ACCOUNTS + 99) / 100 )) --concurrency "$CONCURRENCY" --pid "$ENGINE" --seed 1)

echo "== baseline: GET /health"
tester --baseline http --duration "$BASELINE_SECONDS" --concurrency 64 --out "$OUT/health-before.json"
echo "== baseline: GET /api/v1/instruments/BTC-USD (one grain call)"
tester --baseline quote --duration "$BASELINE_SECONDS" --concurrency 64 --out "$OUT/quote.json"
echo "== baseline: IPingGrain.Ping through the gateway $GATEWAY"
grains --baseline grain-call --duration "$BASELINE_SECONDS" --concurrency 64 --out "$OUT/ping-before.json"
echo "== baseline: one-way fan-out to $FANOUT_WIDTH grains"
grains --baseline fanout --accounts "$FANOUT_WIDTH" --duration "$BASELINE_SECONDS" --concurrency 16 --out "$OUT/fanout.json"
if [ "$VIA" != grains ]; then
  echo "== load test over REST: $ACCOUNTS accounts, $DURATION, rate $RATE, $STRATEGY, $PLAN"
  tester "${LOAD[@]}" --out "$OUT/load-http.json"
fi
if [ "$VIA" != http ]; then
  echo "== load test over grains: $ACCOUNTS accounts, $DURATION, rate $RATE, $STRATEGY, $PLAN"
  grains --via grains --api "$TARGET" "${LOAD[@]}" --out "$OUT/load-grains.json"
fi
echo "== baselines again: GET /health, IPingGrain.Ping"
tester --baseline http --duration "$BASELINE_SECONDS" --concurrency 64 --out "$OUT/health-after.json"
grains --baseline grain-call --duration "$BASELINE_SECONDS" --concurrency 64 --out "$OUT/ping-after.json"

HEALTH1=$(json_field "$OUT/health-before.json" requestsPerSecond)
HEALTH2=$(json_field "$OUT/health-after.json" requestsPerSecond)
QUOTE=$(json_field "$OUT/quote.json" requestsPerSecond)
PING1=$(json_field "$OUT/ping-before.json" requestsPerSecond)
PING2=$(json_field "$OUT/ping-after.json" requestsPerSecond)
FANOUT=$(json_field "$OUT/fanout.json" deliveriesPerSecond)
row() { awk -v o="$2" -v b="$3" -v n="$1" 'BEGIN { printf "| %s | %s | %.2f %% |\n", n, b, 100*o/b }'; }
echo
echo "| figure | per second | order rate as % of it |"
echo "| --- | --- | --- |"
# report TITLE FILE [NAME BASELINE]...: a load test's order rate, then its ratio to each baseline.
report() {
  local title=$1 file=$2 orders
  shift 2
  [ -f "$file" ] || return 0
  orders=$(json_field "$file" ordersPerSecond)
  echo "| $title | $orders | |"
  while [ $# -ge 2 ]; do row "$1" "$orders" "$2"; shift 2; done
}
report "orders over REST (load test)" "$OUT/load-http.json" \
  "GET /health before" "$HEALTH1" "GET /health after" "$HEALTH2" "GET one quote (HTTP + 1 grain call)" "$QUOTE"
report "orders over grains (load test)" "$OUT/load-grains.json" \
  "IPingGrain.Ping before (grain calls)" "$PING1" "IPingGrain.Ping after (grain calls)" "$PING2" \
  "one-way fan-out to $FANOUT_WIDTH grains (deliveries)" "$FANOUT"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commit $(git -C "$ROOT" rev-parse --short HEAD), $(nproc) cores, results in $OUT"
