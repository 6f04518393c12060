# PostgreSQL from Debian's packages, as its own cluster under .services/postgres (trust auth, loopback only).
POSTGRES_PORT="${POSTGRES_PORT:-5432}"
POSTGRES_DB="${POSTGRES_DB:-openalex}"

postgres_url() { printf 'postgres://postgres@%s:%s/%s' "$SERVICES_HOST" "$POSTGRES_PORT" "$POSTGRES_DB"; }
postgres_logfile() { printf '%s/postgres/postgres.log' "$SERVICES_HOME"; }
postgres_env() { printf 'export DATABASE_URL=%s\n' "$(postgres_url)"; }
postgres_ready() { svc_tcp_open "$SERVICES_HOST" "$POSTGRES_PORT" && _pg_as "$(_pg_bin)/pg_isready" -q -h "$SERVICES_HOST" -p "$POSTGRES_PORT"; }

_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# PostgreSQL refuses to run as root: when we are root, run its tools as the postgres user.
_pg_as() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

postgres_up() {
  local dir data log bin
  if postgres_ready; then svc_log postgres "already answering on $SERVICES_HOST:$POSTGRES_PORT"; return 0; fi
  svc_tcp_open "$SERVICES_HOST" "$POSTGRES_PORT" && svc_die postgres "port $POSTGRES_PORT is taken by something that is not PostgreSQL"
  [ -n "$(_pg_bin)" ] || svc_apt_install postgresql
  bin=$(_pg_bin)
  [ -x "$bin/initdb" ] || svc_die postgres "no initdb found under /usr/lib/postgresql"
  dir=$(svc_dir postgres) data="$dir/data" log=$(postgres_logfile)
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  if [ ! -f "$data/PG_VERSION" ]; then
    svc_log postgres "initialising a cluster in $data"
    _pg_as "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; svc_die postgres "initdb failed"; }
  fi
  : >"$log" && [ "$(id -u)" -eq 0 ] && chown postgres: "$log"
  svc_log postgres "starting on $SERVICES_HOST:$POSTGRES_PORT"
  _pg_as "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 start \
    -o "-c listen_addresses=$SERVICES_HOST -p $POSTGRES_PORT -k $dir -c fsync=off -c max_connections=200" >/dev/null ||
    { tail -n 30 "$log" >&2; svc_die postgres "pg_ctl could not start the server"; }
  # The pid file lives in the data dir; copy it where `down` looks for what we started.
  head -n 1 "$data/postmaster.pid" >"$dir/postgres.pid"
  svc_wait postgres 60 "$log" postgres_ready
  if ! _pg_as "$bin/psql" -h "$SERVICES_HOST" -p "$POSTGRES_PORT" -U postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$POSTGRES_DB'" postgres | grep -q 1; then
    _pg_as "$bin/createdb" -h "$SERVICES_HOST" -p "$POSTGRES_PORT" -U postgres "$POSTGRES_DB" ||
      svc_die postgres "could not create database $POSTGRES_DB"
  fi
  svc_log postgres "ready at $(postgres_url)"
}

postgres_down() {
  local dir=$SERVICES_HOME/postgres
  if svc_pid_running "$dir/postgres.pid"; then
    _pg_as "$(_pg_bin)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null && rm -f "$dir/postgres.pid" &&
      svc_log postgres "stopped" && return 0
  fi
  svc_stop_pidfile postgres "$dir/postgres.pid"
}
