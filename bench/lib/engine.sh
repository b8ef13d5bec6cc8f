# Shared pieces of the macro scripts (bench/macro/run.sh, bench/soak/run.sh). Source it after setting ROOT and OUT:
#   build_release; start_engine [extra engine options...]; wait_ready; ... ; stop_engine (also on EXIT).
# start_engine sets ENGINE (the engine's pid: the subshell execs dotnet, so it is the process itself), PORT, GATEWAY_PORT
# and TARGET.
# Only that pid is ever killed.

# SKIP_BUILD=1 uses the Release build already there (a second run of the same commit starts in seconds).
build_release() {
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    echo "building Release ..."
    dotnet build -c Release "$ROOT/src/Api/Api.csproj" -v q -nologo >/dev/null
    dotnet build -c Release "$ROOT/src/LoadTest/LoadTest.csproj" -v q -nologo >/dev/null
  fi
  API_DIR="$ROOT/src/Api/bin/Release/net10.0"
  TESTER="$ROOT/src/LoadTest/bin/Release/net10.0/Crucible.LoadTest.dll"
  [ -f "$API_DIR/Crucible.Api.dll" ] && [ -f "$TESTER" ] || { echo "no Release build under $ROOT/src (run without SKIP_BUILD)" >&2; return 1; }
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# The embedded engine in Release with rate limits raised (the run measures the engine, not the limiter:
# docs/load-testing.md "Engine settings"), logging at Warning into $OUT/engine.log. Extra arguments go to the engine.
start_engine() {
  PORT=${PORT:-$(free_port)}
  local silo_port
  silo_port=$(free_port)
  GATEWAY_PORT=$(free_port)
  echo "starting the embedded engine on http://127.0.0.1:$PORT (log: $OUT/engine.log)"
  (cd "$API_DIR" && exec dotnet Crucible.Api.dll \
    --Urls "http://127.0.0.1:$PORT" --Orleans:SiloPort="$silo_port" --Orleans:GatewayPort="$GATEWAY_PORT" \
    --Crucible:RateLimits:Trading:PermitLimit=100000000 --Crucible:RateLimits:Auth:PermitLimit=100000000 \
    --Logging:LogLevel:Default=Warning "$@" >"$OUT/engine.log" 2>&1) &
  ENGINE=$!
  TARGET="http://127.0.0.1:$PORT"
}

stop_engine() {
  if [ -n "${ENGINE:-}" ]; then
    kill "$ENGINE" 2>/dev/null || true
    wait "$ENGINE" 2>/dev/null || true
    ENGINE=
  fi
}

wait_ready() {
  for _ in $(seq 1 120); do
    if curl -sf "$TARGET/ready" >/dev/null; then return 0; fi
    kill -0 "$ENGINE" 2>/dev/null || break
    sleep 1
  done
  echo "engine not ready; see $OUT/engine.log" >&2
  return 1
}

tester() { dotnet "$TESTER" --target "$TARGET" "$@"; }

# A number from the load tester's JSON: json_field FILE name (the first occurrence).
json_field() { grep -o "\"$2\": *[0-9.]*" "$1" | head -1 | sed 's/.*: *//'; }

# The sum of a Prometheus series over its labels from a scrape file: metric_sum FILE name.
metric_sum() { awk -v n="$2" '$1 == n || index($1, n "{") == 1 { s += $NF } END { printf "%.0f\n", s }' "$1"; }
