# PostgreSQL from Debian's packages, as its own cluster under .services/postgres (trust auth, loopback only).
POSTGRES_PORT="${POSTGRES_PORT:-5432}"
POSTGRES_DB="${POSTGRES_DB:-openalex}"

postgres_url() { printf 'postgres://postgres@%s:%s/%s' "$SERVICES_HOST" "$POSTGRES_PORT" "$POSTGRES_DB"; }
postgres_logfile() { printf '%s/postgres/postgres.log' "$SERVICES_HOME"; }
postgres_env() { printf 'export DATABASE_URL=%s\n' "$(postgres_url)"; }
postgres_ready() { svc_tcp_open "$SERVICES_HOST" "$POSTGRES_PORT" && _pg_as "$(_pg_bin)/pg_isready" -q -h "$SERVICES_HOST" -p "$POSTGRES_PORT"; }

_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
_pg_pidfile() { printf '%s/postgres/postgres.pid' "$SERVICES_HOME"; }

# PostgreSQL refuses to run as root: when we are root, run its tools as the postgres user.
_pg_as() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Every process of this SERVICES_HOME's cluster: the postmaster (its command line names the data directory) and
# its children (their working directory is the data directory).
postgres_pids() { svc_pids_of postgres postgres; }

# The postmasters among them (a child's command line is its title, e.g. "postgres: checkpointer").
_pg_postmasters() {
  local pid
  local -a args
  for pid in $(postgres_pids); do
    mapfile -d "" args 2>/dev/null <"/proc/$pid/cmdline" || continue
    [[ "${args[*]}" == *"$SERVICES_HOME/postgres/"* ]] && printf '%s\n' "$pid"
  done
  return 0
}
_pg_alive() { [ -n "$(_pg_postmasters)" ]; }

_pg_create_database() {
  local bin=$1
  if ! _pg_as "$bin/psql" -h "$SERVICES_HOST" -p "$POSTGRES_PORT" -U postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$POSTGRES_DB'" postgres | grep -q 1; then
    _pg_as "$bin/createdb" -h "$SERVICES_HOST" -p "$POSTGRES_PORT" -U postgres "$POSTGRES_DB" ||
      svc_die postgres "could not create database $POSTGRES_DB"
  fi
}

postgres_up() {
  local dir data log bin pidfile
  [ -n "$(_pg_bin)" ] || svc_apt_install postgresql
  bin=$(_pg_bin)
  [ -x "$bin/initdb" ] || svc_die postgres "no initdb found under /usr/lib/postgresql"
  dir=$(svc_dir postgres) data="$dir/data" log=$(postgres_logfile) pidfile=$(_pg_pidfile)
  if _pg_alive; then
    # Ours, started before: answering, or still starting (recovery after a crash takes a while). Never a second one.
    svc_wait_up postgres 60 "$log" _pg_alive postgres_ready
    svc_adopt_pidfile postgres "$pidfile" "$POSTGRES_PORT" postgres
    _pg_create_database "$bin"
    svc_log postgres "already running at $(postgres_url) (pid $(cat "$pidfile" 2>/dev/null))"
    return 0
  fi
  if [ -n "$(postgres_pids)" ]; then
    # Backends of a postmaster that was killed: they hold its shared memory, so a new server would refuse to start.
    svc_log postgres "processes of a server that died are left ($(postgres_pids | tr '\n' ' ')): stopping them"
    svc_stop postgres "$pidfile" postgres
  fi
  if postgres_ready; then
    svc_foreign_answer postgres "$POSTGRES_PORT" "a PostgreSQL"
    _pg_as "$bin/psql" "$(postgres_url)" -tAc 'SELECT 1' >/dev/null 2>&1 ||
      svc_die postgres "and $(postgres_url) cannot connect to it (a packaged cluster asks for a password): stop it (e.g. pg_ctlcluster <version> main stop) or set POSTGRES_PORT"
    return 0
  fi
  svc_tcp_open "$SERVICES_HOST" "$POSTGRES_PORT" && svc_die postgres "port $POSTGRES_PORT is taken by something that is not PostgreSQL"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  if [ -f "$data/postmaster.pid" ]; then
    # Left by a server that was killed. No process of this cluster is alive (checked above), but its pid may still
    # exist, as a zombie not yet reaped or reused by another process, and the server would then refuse to start:
    # its lock files (the data directory's and the socket's) go.
    svc_log postgres "removing the lock files of a server that is gone (pid $(head -n 1 "$data/postmaster.pid"))"
    rm -f "$data/postmaster.pid" "$dir/.s.PGSQL.$POSTGRES_PORT.lock" "$dir/.s.PGSQL.$POSTGRES_PORT"
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    svc_log postgres "initialising a cluster in $data"
    _pg_as "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; svc_die postgres "initdb failed"; }
  fi
  : >"$log" && [ "$(id -u)" -eq 0 ] && chown postgres: "$log"
  svc_log postgres "starting on $SERVICES_HOST:$POSTGRES_PORT"
  # pg_ctl starts the postmaster in the background itself.
  _pg_as "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 start \
    -o "-c listen_addresses=$SERVICES_HOST -p $POSTGRES_PORT -k $dir -c fsync=off -c max_connections=200" >/dev/null ||
    { tail -n 30 "$log" >&2; svc_die postgres "pg_ctl could not start the server"; }
  # The pid file lives in the data dir; copy it where `down` and the tests look for what we started.
  head -n 1 "$data/postmaster.pid" >"$pidfile"
  svc_wait_up postgres 60 "$log" _pg_alive postgres_ready
  svc_adopt_pidfile postgres "$pidfile" "$POSTGRES_PORT" postgres
  _pg_create_database "$bin"
  svc_log postgres "ready at $(postgres_url) (pid $(cat "$pidfile"))"
}

postgres_down() {
  local dir=$SERVICES_HOME/postgres postmaster
  # A fast shutdown first (sessions ended, checkpoint written); whatever is left is stopped by svc_stop.
  postmaster=$(_pg_postmasters | tr '\n' ' ')
  if [ -n "$postmaster" ]; then
    if _pg_as "$(_pg_bin)/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1; then
      svc_log postgres "stopped (pid ${postmaster% }, fast shutdown)"
    else
      svc_log postgres "pg_ctl stop failed; stopping its processes"
    fi
  fi
  if [ -n "$postmaster" ] && [ -z "$(postgres_pids)" ]; then
    rm -f "$(_pg_pidfile)"
    svc_check_stopped postgres postgres "$POSTGRES_PORT"
  else
    svc_stop postgres "$(_pg_pidfile)" postgres "$POSTGRES_PORT"
  fi
}
