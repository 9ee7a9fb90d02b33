#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests (decision record 0019): Debian's server binaries, a data folder under
# /tmp, 127.0.0.1 on a free port, trust authentication (nothing but this machine can reach it), fsync off (test data).
# Source it, then:  pg_cluster_start  (exports FIFTYOPS_TEST_POSTGRES="Host=127.0.0.1;Port=…;Username=postgres")
#                   pg_cluster_stop
# Running as root, the server runs as the `postgres` user (initdb refuses root).
pg_cluster_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$bin" ] && [ -x "$bin/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; return 1; }
  echo "$bin"
}

pg_free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

pg_cluster_start() {
  local bin port run=""
  bin=$(pg_cluster_bin) || return 1
  port=$(pg_free_port) || { echo "no free port" >&2; return 1; }
  PG_CLUSTER_DIR=$(mktemp -d /tmp/fifty-ops-pg.XXXXXX)
  chmod 755 "$PG_CLUSTER_DIR"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$PG_CLUSTER_DIR"
    run="runuser -u postgres --"
  fi
  PG_CLUSTER_RUN="$run"
  PG_CLUSTER_BINDIR="$bin"
  $run "$bin/initdb" -D "$PG_CLUSTER_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$PG_CLUSTER_DIR/initdb.log" 2>&1 \
    || { cat "$PG_CLUSTER_DIR/initdb.log" >&2; return 1; }
  $run "$bin/pg_ctl" -D "$PG_CLUSTER_DIR/data" -l "$PG_CLUSTER_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_CLUSTER_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" \
    start >/dev/null || { cat "$PG_CLUSTER_DIR/server.log" >&2; return 1; }
  export FIFTYOPS_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres"
  export FIFTYOPS_PG_BIN="$bin"
  echo "PostgreSQL test cluster on 127.0.0.1:$port ($PG_CLUSTER_DIR)"
}

pg_cluster_stop() {
  [ -n "${PG_CLUSTER_DIR:-}" ] || return 0
  $PG_CLUSTER_RUN "$PG_CLUSTER_BINDIR/pg_ctl" -D "$PG_CLUSTER_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_CLUSTER_DIR"
  PG_CLUSTER_DIR=""
}
