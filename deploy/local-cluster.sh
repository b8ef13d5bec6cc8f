#!/usr/bin/env bash
# A durable Crucible cluster on this machine: PostgreSQL, the schema migration, 3 silos and 1 API host
# (an Orleans client) on loopback ports.
#
#   deploy/local-cluster.sh [start]   build, start everything, check it formed one cluster, then wait;
#                                     Ctrl-C (or `stop` from another shell) stops it all cleanly
#   deploy/local-cluster.sh stop      stop what a running `start` started
#   deploy/local-cluster.sh status    the membership table and the API's readiness
#
# Environment (all optional):
#   ConnectionStrings__Postgres  an existing database (Npgsql syntax: Host=…;Port=…;Username=…;Password=…;Database=…);
#                                without it a throwaway server is started from CRUCIBLE_PG_BIN, as the postgres
#                                user when run as root, with its data under $CRUCIBLE_CLUSTER_DIR/pg
#   CRUCIBLE_PG_BIN              PostgreSQL binaries (default /usr/lib/postgresql/15/bin)
#   CRUCIBLE_PG_PORT             port of the throwaway server (default 55432)
#   CRUCIBLE_CLUSTER_DIR         state, logs and PID files (default /tmp/crucible-local-cluster)
#   CRUCIBLE_API_PORT            API port (default 5000)
#   CRUCIBLE_SILO_PORT           first silo port (default 11111; silos take 11111-11113)
#   CRUCIBLE_GATEWAY_PORT        first gateway port (default 30001; gateways take 30001-30003)
#   CRUCIBLE_CONFIGURATION       build configuration (default Release)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
STATE="${CRUCIBLE_CLUSTER_DIR:-/tmp/crucible-local-cluster}"
PG_BIN="${CRUCIBLE_PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_PORT="${CRUCIBLE_PG_PORT:-55432}"
API_PORT="${CRUCIBLE_API_PORT:-5000}"
SILO_PORT="${CRUCIBLE_SILO_PORT:-11111}"
GATEWAY_PORT="${CRUCIBLE_GATEWAY_PORT:-30001}"
CONFIGURATION="${CRUCIBLE_CONFIGURATION:-Release}"
SILOS=3
SILO_DIR="$ROOT/src/Silo/bin/$CONFIGURATION/net10.0"
# The API runs from its project folder: its content root holds wwwroot (the live page) and appsettings.json.
API_DIR="$ROOT/src/Api"
PG_DATA="$STATE/pg/data"

say() { printf '==> %s\n' "$*"; }
die() { printf 'local-cluster: %s\n' "$*" >&2; exit 1; }

# PostgreSQL refuses to run as root: as root, run its tools as the postgres user.
as_pg() {
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# libpq's key=value form of an Npgsql connection string, for psql.
libpq_conninfo() {
  local cs="$1" out="" pair key value
  IFS=';' read -ra pairs <<<"$cs"
  for pair in "${pairs[@]}"; do
    [[ "$pair" == *=* ]] || continue
    key="${pair%%=*}"; value="${pair#*=}"
    case "${key,,}" in
      host|server) out+=" host=$value" ;;
      port) out+=" port=$value" ;;
      username|user|"user id"|userid) out+=" user=$value" ;;
      password) out+=" password=$value" ;;
      database|db) out+=" dbname=$value" ;;
    esac
  done
  printf '%s' "${out# }"
}

psql_cluster() {
  "$PG_BIN/psql" "$(libpq_conninfo "$CONNECTION")" -X -A -t -v ON_ERROR_STOP=1 -c "$1"
}

alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# SIGTERM (a graceful stop: the silo leaves the cluster and deactivates its grains), then wait for the exit.
stop_process() {
  local name="$1" pidfile="$STATE/$1.pid" pid
  alive "$pidfile" || { rm -f "$pidfile"; return 0; }
  pid="$(cat "$pidfile")"
  say "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 90); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; return 0; }
    sleep 1
  done
  say "$name did not stop within 90 s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

stop_all() {
  stop_process api
  for i in $(seq "$SILOS" -1 1); do stop_process "silo-$i"; done
  if [[ -f "$STATE/pg.started" ]]; then
    say "stopping PostgreSQL"
    as_pg "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m fast -w >/dev/null || true
    rm -f "$STATE/pg.started"
  fi
  rm -f "$STATE/launcher.pid"
}

start_postgres() {
  [[ -x "$PG_BIN/initdb" ]] || die "no PostgreSQL binaries at $PG_BIN (apt-get install postgresql-15, or set CRUCIBLE_PG_BIN)"
  mkdir -p "$STATE/pg"
  [[ $EUID -eq 0 ]] && chown postgres: "$STATE/pg"
  if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
    say "initialising PostgreSQL in $PG_DATA"
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -A trust -U postgres -E UTF8 --locale=C >/dev/null
    # The Orleans scripts compare times in UTC: run the server in UTC.
    as_pg tee -a "$PG_DATA/postgresql.conf" >/dev/null <<EOF

# crucible local cluster
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$STATE/pg'
timezone = 'UTC'
log_timezone = 'UTC'
EOF
  fi
  say "starting PostgreSQL on 127.0.0.1:$PG_PORT"
  as_pg "$PG_BIN/pg_ctl" start -D "$PG_DATA" -l "$STATE/pg/server.log" -w -t 60 >/dev/null
  touch "$STATE/pg.started"
  if ! "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -X -A -t -c "SELECT 1 FROM pg_database WHERE datname = 'crucible'" | grep -q 1; then
    "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -X -q -c "CREATE DATABASE crucible"
  fi
}

# Runs a built host in its own session (so a terminal's Ctrl-C reaches only this script, which then stops
# the hosts in order) with the given folder as content root (appsettings.json, wwwroot).
launch() {
  local name="$1" dir="$2" dll="$3"; shift 3
  (cd "$dir" && exec env "$@" setsid dotnet "$dll" >"$STATE/logs/$name.log" 2>&1) &
  echo $! >"$STATE/$name.pid"
  say "started $name (pid $!), log $STATE/logs/$name.log"
}

wait_for() {
  local what="$1" seconds="$2"; shift 2
  for _ in $(seq 1 "$seconds"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  die "$what did not happen within $seconds s (logs in $STATE/logs)"
}

active_silos() { psql_cluster "SELECT count(*) FROM OrleansMembershipTable WHERE Status = 3 AND DeploymentId = 'crucible'"; }
all_silos_active() { [[ "$(active_silos)" == "$SILOS" ]]; }

status() {
  say "membership (Status 3 = Active, 6 = Dead)"
  psql_cluster "SELECT SiloName, Address || ':' || Port, Status, IAmAliveTime FROM OrleansMembershipTable ORDER BY StartTime" || true
  say "GET /ready: $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$API_PORT/ready" || true)"
}

start() {
  if alive "$STATE/launcher.pid"; then die "a cluster is already running (pid $(cat "$STATE/launcher.pid")); run '$0 stop' first"; fi
  mkdir -p "$STATE/logs"
  echo $$ >"$STATE/launcher.pid"
  trap 'echo; stop_all; exit 0' INT TERM
  trap 'stop_all' EXIT

  if [[ -n "${ConnectionStrings__Postgres:-}" ]]; then
    CONNECTION="$ConnectionStrings__Postgres"
    say "using the given PostgreSQL"
  else
    start_postgres
    CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=crucible"
  fi
  echo "$CONNECTION" >"$STATE/connection"
  echo "$API_PORT" >"$STATE/api-port"

  say "building the Silo and API hosts ($CONFIGURATION)"
  dotnet build "$ROOT/src/Silo" -c "$CONFIGURATION" -v quiet -nologo >"$STATE/logs/build.log" 2>&1 || die "build failed, see $STATE/logs/build.log"
  dotnet build "$ROOT/src/Api" -c "$CONFIGURATION" -v quiet -nologo >>"$STATE/logs/build.log" 2>&1 || die "build failed, see $STATE/logs/build.log"

  say "migrating the schema"
  (cd "$SILO_DIR" && ConnectionStrings__Postgres="$CONNECTION" dotnet Crucible.Silo.dll migrate)

  for i in $(seq 1 "$SILOS"); do
    launch "silo-$i" "$SILO_DIR" Crucible.Silo.dll \
      ConnectionStrings__Postgres="$CONNECTION" Orleans__AdvertisedIP=127.0.0.1 \
      Orleans__SiloPort=$((SILO_PORT + i - 1)) Orleans__GatewayPort=$((GATEWAY_PORT + i - 1))
  done
  wait_for "$SILOS active silos in the membership table" 120 all_silos_active

  launch api "$API_DIR" "bin/$CONFIGURATION/net10.0/Crucible.Api.dll" \
    ConnectionStrings__Postgres="$CONNECTION" Urls="http://127.0.0.1:$API_PORT"
  wait_for "the API to reach the cluster (/ready)" 120 curl -sf "http://127.0.0.1:$API_PORT/ready"

  status
  say "GET /api/v1/instruments: $(curl -sf "http://127.0.0.1:$API_PORT/api/v1/instruments" | grep -o '"symbol":"[^"]*","name"' | wc -l) instruments"
  say "cluster up: $SILOS silos and the API at http://127.0.0.1:$API_PORT. Ctrl-C or '$0 stop' stops it all."

  # Wait for a signal; a host that dies on its own is reported and the rest keeps running.
  while true; do
    for name in api $(seq -f 'silo-%g' 1 "$SILOS"); do
      if [[ -f "$STATE/$name.pid" ]] && ! alive "$STATE/$name.pid"; then
        say "$name exited on its own; see $STATE/logs/$name.log"
        rm -f "$STATE/$name.pid"
      fi
    done
    sleep 2 & wait $! || true
  done
}

stop() {
  if alive "$STATE/launcher.pid"; then
    local pid; pid="$(cat "$STATE/launcher.pid")"
    say "asking the launcher (pid $pid) to stop the cluster"
    kill -TERM "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 1; done
  else
    # The launcher is gone (killed): stop what it left behind.
    stop_all
  fi
  say "stopped"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status)
    CONNECTION="$(cat "$STATE/connection" 2>/dev/null)" || die "no cluster state in $STATE"
    API_PORT="$(cat "$STATE/api-port")"
    status ;;
  *) die "usage: $0 [start|stop|status]" ;;
esac
