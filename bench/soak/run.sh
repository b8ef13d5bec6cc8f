#!/usr/bin/env bash
# Soak (bench/README.md "Soak and memory", issue 12 "What it must show"): N paper accounts each holding a position in
# one of several 24/7 symbols, ticks flowing for MINUTES, the engine's memory sampled every SAMPLE_SECONDS. It ends
# with the counts that must be zero (stream enqueue failures, lost feed ticks, HTTP 5xx) and the resident memory after
# warm-up (first, last, least-squares slope), then a verdict line. Stops by itself; kills only the pids it started.
#
#   bench/soak/run.sh [accounts=20000] [minutes=10] [symbols=BTC-USD,ETH-USD,SOL-USD]
#
# Phases, on one fresh engine:
#   open    the load tester opens ACCOUNTS paper accounts (one user per 100) and every bot sends exactly one market
#           order, spread over OPEN_SECONDS (its rate is ACCOUNTS / OPEN_SECONDS, its duration OPEN_SECONDS): every
#           account then holds a position in one of the symbols.
#   soak    MINUTES of ticks. Meanwhile a second load-tester run trades TRAFFIC_ACCOUNTS more accounts at TRAFFIC_RATE
#           orders/s (random market orders, SignalR sample on) so the order path and the streams to clients are in use.
#           The first WARMUP_MINUTES of the soak are warm-up; the memory verdict reads the samples after it.
# PLAN=<plan id> (e.g. classic-2step-100k) buys that many assessments instead (the simulated payment) and opens the
# positions on their first phase's accounts, whose rules then judge the ticks (default: paper).
# Settings (environment): OPEN_SECONDS (default max(60, ACCOUNTS/250)), TRAFFIC_ACCOUNTS=200, TRAFFIC_RATE=20,
# WARMUP_MINUTES (default 2, or a fifth of MINUTES when shorter), SAMPLE_SECONDS=10, MAX_SLOPE_MB_PER_MIN=2, PORT.
# Results in bench/soak/results/<time>/: samples.csv, engine.log, open.json, traffic.json, metrics-end.txt, summary.txt.
# Exit code: 0 when the verdict is PASS, 1 when it is FAIL, other codes when the run itself could not be made.
set -euo pipefail
ACCOUNTS=${1:-20000}
MINUTES=${2:-10}
SYMBOLS=${3:-BTC-USD,ETH-USD,SOL-USD}
OPEN_SECONDS=${OPEN_SECONDS:-$(( ACCOUNTS / 250 > 60 ? ACCOUNTS / 250 : 60 ))}
TRAFFIC_ACCOUNTS=${TRAFFIC_ACCOUNTS:-200}
TRAFFIC_RATE=${TRAFFIC_RATE:-20}
WARMUP_MINUTES=${WARMUP_MINUTES:-$(awk -v m="$MINUTES" 'BEGIN { w = m / 5; print (w < 2 ? w : 2) }')}
SAMPLE_SECONDS=${SAMPLE_SECONDS:-10}
MAX_SLOPE_MB_PER_MIN=${MAX_SLOPE_MB_PER_MIN:-2}
PLAN=${PLAN:-paper}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/bench/soak/results/$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"

# shellcheck source=../lib/engine.sh
. "$ROOT/bench/lib/engine.sh"

SAMPLER=
TRAFFIC=
cleanup() {
  for pid in $TRAFFIC $SAMPLER; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  stop_engine
}
trap cleanup EXIT

build_release
start_engine
wait_ready
T0=$(date +%s)

# One CSV row every SAMPLE_SECONDS from now to the end: resident memory from /proc, the rest from /metrics.
# gc_heap_mb is the managed heap after the last GC (dotnet_gc_last_collection_heap_size_bytes, all generations).
sample_loop() {
  local scrape="$OUT/.scrape"
  echo "t_s,phase,rss_mb,gc_heap_mb,gc_committed_mb,allocated_mb,gc_collections,accounts_active,quotes_applied,ticks_published,tick_publish_failures,load1"
  while kill -0 "$ENGINE" 2>/dev/null; do
    local now rss phase
    now=$(date +%s)
    rss=$(awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$ENGINE/status" 2>/dev/null || echo "")
    curl -s --max-time 5 "$TARGET/metrics" >"$scrape" 2>/dev/null || : >"$scrape"
    phase=$(cat "$OUT/.phase" 2>/dev/null || echo start)
    printf '%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n' "$(( now - T0 ))" "$phase" "$rss" \
      "$(metric_sum "$scrape" dotnet_gc_last_collection_heap_size_bytes | awk '{ printf "%.1f", $1 / 1048576 }')" \
      "$(metric_sum "$scrape" dotnet_gc_last_collection_memory_committed_size_bytes | awk '{ printf "%.1f", $1 / 1048576 }')" \
      "$(metric_sum "$scrape" dotnet_gc_heap_total_allocated_bytes_total | awk '{ printf "%.0f", $1 / 1048576 }')" \
      "$(metric_sum "$scrape" dotnet_gc_collections_total)" \
      "$(metric_sum "$scrape" crucible_accounts_active)" \
      "$(metric_sum "$scrape" crucible_quotes_applied_total)" \
      "$(metric_sum "$scrape" crucible_ticks_published_total)" \
      "$(metric_sum "$scrape" crucible_ticks_publish_failures_total)" \
      "$(cut -d' ' -f1 /proc/loadavg)"
    sleep "$SAMPLE_SECONDS"
  done
}
echo open >"$OUT/.phase"
sample_loop >"$OUT/samples.csv" &
SAMPLER=$!

RATE=$(awk -v a="$ACCOUNTS" -v s="$OPEN_SECONDS" 'BEGIN { printf "%.3f", a / s }')
echo "== open: $ACCOUNTS accounts ($PLAN), one market order each over ${OPEN_SECONDS}s ($RATE orders/s) on $SYMBOLS"
tester --accounts "$ACCOUNTS" --plan "$PLAN" --duration "${OPEN_SECONDS}s" --order-rate "$RATE" --strategy random --symbols "$SYMBOLS" \
  --users $(( (ACCOUNTS + 99) / 100 )) --signalr-clients 0 --pid "$ENGINE" --seed 1 --out "$OUT/open.json" >"$OUT/open.log" 2>&1 \
  || { echo "the opening run failed (exit $?): see $OUT/open.log" >&2; tail -5 "$OUT/open.log" >&2; exit 3; }
grep -v '^\[' "$OUT/open.log" | tail -n 40

echo soak >"$OUT/.phase"
SOAK_T=$(( $(date +%s) - T0 ))
echo "== soak: ${MINUTES} min of ticks; meanwhile $TRAFFIC_ACCOUNTS more accounts trade at $TRAFFIC_RATE orders/s (warm-up ${WARMUP_MINUTES} min)"
tester --accounts "$TRAFFIC_ACCOUNTS" --duration "$(awk -v m="$MINUTES" 'BEGIN { printf "%d", m * 60 }')s" --order-rate "$TRAFFIC_RATE" \
  --strategy random --symbols "$SYMBOLS" --users $(( (TRAFFIC_ACCOUNTS + 99) / 100 )) --pid "$ENGINE" --seed 2 --quiet \
  --out "$OUT/traffic.json" >"$OUT/traffic.log" 2>&1 &
TRAFFIC=$!
END=$(( T0 + SOAK_T + $(awk -v m="$MINUTES" 'BEGIN { printf "%d", m * 60 }') ))
while [ "$(date +%s)" -lt "$END" ]; do
  kill -0 "$ENGINE" 2>/dev/null || { echo "the engine exited during the soak: see $OUT/engine.log" >&2; exit 3; }
  tail -n 1 "$OUT/samples.csv" | awk -F, '{ printf "  [%5ss] rss %s MiB, gc heap %s MiB, accounts %s, quotes applied %s, load %s\n", $1, $3, $4, $8, $9, $12 }'
  sleep 30
done
# The traffic run stops sending at its duration and waits for its last answers (at most 60 s each).
for _ in $(seq 1 90); do kill -0 "$TRAFFIC" 2>/dev/null || break; sleep 1; done
TRAFFIC_RC=0
wait "$TRAFFIC" || TRAFFIC_RC=$?
TRAFFIC=
echo end >"$OUT/.phase"
sleep 1
curl -s --max-time 10 "$TARGET/metrics" >"$OUT/metrics-end.txt" || true
kill "$SAMPLER" 2>/dev/null || true
wait "$SAMPLER" 2>/dev/null || true
SAMPLER=
rm -f "$OUT/.phase" "$OUT/.scrape"

# The counts that must be zero, each from its own source.
ENQUEUE_FAILURES=$(grep -c "Can not enqueue" "$OUT/engine.log" || true)
IGNORED=$(grep -c "Caught and ignored exception" "$OUT/engine.log" || true)
TICK_FAILURES=$(metric_sum "$OUT/metrics-end.txt" crucible_ticks_publish_failures_total)
EVENT_FAILURES=$(metric_sum "$OUT/metrics-end.txt" crucible_account_events_publish_failures_total)
ENGINE_5XX=$(awk '/^http_server_request_duration_seconds_count\{/ && /http_response_status_code="5/ { s += $NF } END { printf "%.0f\n", s }' "$OUT/metrics-end.txt")

set +e
python3 - "$OUT" "$SOAK_T" "$WARMUP_MINUTES" "$MAX_SLOPE_MB_PER_MIN" "$ENQUEUE_FAILURES" "$IGNORED" "$TICK_FAILURES" \
  "$EVENT_FAILURES" "$ENGINE_5XX" "$TRAFFIC_RC" "$ACCOUNTS" <<'PY' | tee "$OUT/summary.txt"
import csv, json, os, sys
out, soak_t, warmup, max_slope = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
enqueue, ignored, tick_fail, event_fail, engine_5xx, traffic_rc, accounts = (int(float(a or 0)) for a in sys.argv[5:12])

def load(name):
    try:
        with open(os.path.join(out, name)) as f: return json.load(f)
    except (OSError, ValueError): return None
opened, traffic = load("open.json"), load("traffic.json")
tester_5xx = tester_errors = 0
for run in (opened, traffic):
    if run is None: continue
    tester_errors += run.get("errors", 0)
    tester_5xx += sum(v for k, v in run.get("rejectedByCode", {}).items() if k.startswith("http_5"))

rows = [r for r in csv.DictReader(open(os.path.join(out, "samples.csv"))) if r["rss_mb"]]
def f(r, k):
    try: return float(r[k])
    except ValueError: return None
steady = [r for r in rows if r["phase"] == "soak" and int(r["t_s"]) >= soak_t + warmup * 60]

def slope(points):  # least squares, y per minute
    if len(points) < 3: return None
    n = len(points); mx = sum(x for x, _ in points) / n; my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / sxx * 60 if sxx else None

print(f"results: {out}")
if opened:
    print(f"open: {opened['accounts']} accounts, {opened['ordersAccepted']} orders accepted, {opened['fills']} fills "
          f"(every account holds a position when fills = accounts), set-up {opened['setupSeconds']} s")
if traffic:
    ack = traffic.get("orderAckMs", {})
    print(f"traffic: {traffic['accounts']} accounts, {traffic['ordersSent']} orders, {traffic['ordersAccepted']} accepted, "
          f"ack p50 {ack.get('p50')} ms p99 {ack.get('p99')} ms, SignalR quotes {traffic.get('signalRQuotes')}")
else:
    print(f"traffic: no results (exit {traffic_rc}; see traffic.log)")
print(f"stream enqueue failures ('Can not enqueue' in engine.log): {enqueue}")
print(f"lost feed ticks: crucible_ticks_publish_failures_total {tick_fail}, 'Caught and ignored exception' in engine.log {ignored}")
print(f"account event batches not published (crucible_account_events_publish_failures_total): {event_fail}")
print(f"HTTP 5xx: engine /metrics {engine_5xx}, load tester {tester_5xx} (tester errors incl. 401/transport: {tester_errors})")

failures = []
if enqueue: failures.append("enqueue failures")
if tick_fail or ignored: failures.append("lost ticks")
if engine_5xx or tester_5xx or tester_errors: failures.append("5xx/errors")
if opened is None or opened.get("fills", 0) < accounts: failures.append("not every account holds a position")
if traffic is None: failures.append("traffic run missing")
if len(steady) < 3:
    print(f"memory: only {len(steady)} samples after warm-up; run longer")
    failures.append("too few samples")
else:
    first, last = steady[0], steady[-1]
    rss = slope([(int(r["t_s"]), f(r, "rss_mb")) for r in steady])
    heap = slope([(int(r["t_s"]), f(r, "gc_heap_mb")) for r in steady if f(r, "gc_heap_mb") is not None])
    minutes = (int(last["t_s"]) - int(first["t_s"])) / 60
    print(f"memory after warm-up ({len(steady)} samples over {minutes:.1f} min, from t={first['t_s']} s):")
    print(f"  RSS     first {f(first, 'rss_mb'):.0f} MiB, last {f(last, 'rss_mb'):.0f} MiB, max {max(f(r, 'rss_mb') for r in steady):.0f} MiB, slope {rss:+.2f} MiB/min")
    if heap is not None:
        print(f"  GC heap first {f(first, 'gc_heap_mb'):.0f} MiB, last {f(last, 'gc_heap_mb'):.0f} MiB, slope {heap:+.2f} MiB/min")
    active = f(last, "accounts_active") or accounts
    print(f"  per account holding a position: RSS {f(last, 'rss_mb') * 1048576 / active / 1024:.0f} KiB, GC heap "
          f"{(f(last, 'gc_heap_mb') or 0) * 1048576 / active / 1024:.0f} KiB ({active:.0f} account activations)")
    if rss > max_slope: failures.append(f"RSS grows {rss:+.2f} MiB/min (> {max_slope})")
loads = [f(r, "load1") for r in rows if f(r, "load1") is not None]
if loads: print(f"load average (1 min) during the run: {min(loads):.1f} - {max(loads):.1f} on {os.cpu_count()} cores")
print(("VERDICT: PASS" if not failures else "VERDICT: FAIL (" + "; ".join(failures) + ")"))
sys.exit(1 if failures else 0)
PY
RC=${PIPESTATUS[0]}
set -e
echo "commit $(git -C "$ROOT" rev-parse --short HEAD), $(nproc) cores, samples in $OUT/samples.csv"
exit "$RC"
