#!/usr/bin/env bash
# Macro benchmark (bench/README.md "Macro: the load tester against a fresh engine"): starts the embedded engine in Release
# with rate limits out of the way, then in the same run measures
#   1. a plain Kestrel endpoint (GET /health) as fast as the load tester can send it,
#   2. an endpoint that makes one grain call (GET /api/v1/instruments/BTC-USD),
#   3. the load tester's trading run (ACCOUNTS bots, DURATION, unpaced unless RATE is set),
#   4. GET /health again (the machine may have changed under us),
# and prints the order rate as a ratio of each baseline. Never run in CI.
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
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/bench/macro/results/$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"

# shellcheck source=../lib/engine.sh
. "$ROOT/bench/lib/engine.sh"
build_release
start_engine
trap stop_engine EXIT
wait_ready

echo "== baseline: GET /health"
tester --baseline http --duration "$BASELINE_SECONDS" --concurrency 64 --out "$OUT/health-before.json"
echo "== baseline: GET /api/v1/instruments/BTC-USD (one grain call)"
tester --baseline quote --duration "$BASELINE_SECONDS" --concurrency 64 --out "$OUT/quote.json"
echo "== load test: $ACCOUNTS accounts, $DURATION, rate $RATE, $STRATEGY, $PLAN"
tester --accounts "$ACCOUNTS" --duration "$DURATION" --order-rate "$RATE" --strategy "$STRATEGY" --plan "$PLAN" \
  --users $(( (ACCOUNTS + 99) / 100 )) --concurrency "$CONCURRENCY" --pid "$ENGINE" --seed 1 --out "$OUT/load.json"
echo "== baseline again: GET /health"
tester --baseline http --duration "$BASELINE_SECONDS" --concurrency 64 --out "$OUT/health-after.json"

ORDERS=$(json_field "$OUT/load.json" ordersPerSecond)
HEALTH1=$(json_field "$OUT/health-before.json" requestsPerSecond)
HEALTH2=$(json_field "$OUT/health-after.json" requestsPerSecond)
QUOTE=$(json_field "$OUT/quote.json" requestsPerSecond)
echo
echo "| figure | per second | order rate as % of it |"
echo "| --- | --- | --- |"
echo "| orders (load test) | $ORDERS | |"
awk -v o="$ORDERS" -v h="$HEALTH1" 'BEGIN { printf "| GET /health before | %s | %.2f %% |\n", h, 100*o/h }'
awk -v o="$ORDERS" -v h="$HEALTH2" 'BEGIN { printf "| GET /health after | %s | %.2f %% |\n", h, 100*o/h }'
awk -v o="$ORDERS" -v q="$QUOTE" 'BEGIN { printf "| GET one quote (HTTP + 1 grain call) | %s | %.2f %% |\n", q, 100*o/q }'
echo "commit $(git -C "$ROOT" rev-parse --short HEAD), $(nproc) cores, results in $OUT"
