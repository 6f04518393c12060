# InfluxDB 1.x from Debian's packages (v1 HTTP API: /query with InfluxQL, /write with line protocol).
INFLUX_PORT="${INFLUX_PORT:-8086}"
INFLUX_RPC_PORT="${INFLUX_RPC_PORT:-8088}"
INFLUX_DATABASE="${INFLUX_DATABASE:-openalex}"

influxdb_url() { printf 'http://%s:%s' "$SERVICES_HOST" "$INFLUX_PORT"; }
influxdb_logfile() { printf '%s/influxdb/influxdb.log' "$SERVICES_HOME"; }
influxdb_env() { printf 'export INFLUX_URL=%s\nexport INFLUX_DATABASE=%s\n' "$(influxdb_url)" "$INFLUX_DATABASE"; }
influxdb_ready() { curl -fsS -o /dev/null --max-time 5 "$(influxdb_url)/ping" 2>/dev/null; }

_influxdb_pidfile() { printf '%s/influxdb/influxdb.pid' "$SERVICES_HOME"; }
# Processes of this SERVICES_HOME's InfluxDB (its command line names the config under $SERVICES_HOME/influxdb).
influxdb_pids() { svc_pids_of influxdb influxd; }
_influxdb_alive() { svc_pid_running "$(_influxdb_pidfile)" || [ -n "$(influxdb_pids)" ]; }

_influxdb_config() {
  local dir=$1
  cat <<CONF
reporting-disabled = true
bind-address = "$SERVICES_HOST:$INFLUX_RPC_PORT"
[meta]
  dir = "$dir/meta"
[data]
  dir = "$dir/data"
  wal-dir = "$dir/wal"
  query-log-enabled = false
  # One series per subject (author or topic): about one per work in OpenAlex, so past InfluxDB's defaults at
  # 100,000 values of subject_id (max-values-per-tag) and 1,000,000 series; the series index on disk (tsi1), not
  # in memory, so the heap does not grow with them.
  index-version = "tsi1"
  max-values-per-tag = 0
  max-series-per-database = 0
[http]
  enabled = true
  bind-address = "$SERVICES_HOST:$INFLUX_PORT"
  auth-enabled = false
  log-enabled = false
[monitor]
  store-enabled = false
CONF
}

_influxdb_create_database() {
  curl -fsS -o /dev/null -XPOST "$(influxdb_url)/query" --data-urlencode "q=CREATE DATABASE \"$INFLUX_DATABASE\"" ||
    svc_die influxdb "could not create database $INFLUX_DATABASE"
}

influxdb_up() {
  local dir pidfile
  command -v influxd >/dev/null || svc_apt_install influxdb
  command -v curl >/dev/null || svc_apt_install curl
  dir=$(svc_dir influxdb)
  pidfile=$(_influxdb_pidfile)
  if [ -n "$(influxdb_pids)" ]; then
    # Ours, started before: answering, or still opening its shards (that takes a while). Never a second one.
    svc_wait_up influxdb 60 "$(influxdb_logfile)" _influxdb_alive influxdb_ready
    svc_adopt_pidfile influxdb "$pidfile" "$INFLUX_PORT" influxd
    _influxdb_create_database
    svc_log influxdb "already running at $(influxdb_url) (pid $(cat "$pidfile" 2>/dev/null))"
    return 0
  fi
  if influxdb_ready; then
    svc_foreign_answer influxdb "$INFLUX_PORT" "an InfluxDB"
    return 0
  fi
  svc_tcp_open "$SERVICES_HOST" "$INFLUX_PORT" && svc_die influxdb "port $INFLUX_PORT is taken by something that is not InfluxDB"
  svc_tcp_open "$SERVICES_HOST" "$INFLUX_RPC_PORT" && svc_die influxdb "its RPC port $INFLUX_RPC_PORT (INFLUX_RPC_PORT) is taken"
  _influxdb_config "$dir" >"$dir/influxdb.conf"
  svc_log influxdb "starting on $SERVICES_HOST:$INFLUX_PORT"
  svc_spawn "$pidfile" "$(influxdb_logfile)" influxd -config "$dir/influxdb.conf"
  svc_wait_up influxdb 60 "$(influxdb_logfile)" _influxdb_alive influxdb_ready
  svc_adopt_pidfile influxdb "$pidfile" "$INFLUX_PORT" influxd
  _influxdb_create_database
  svc_log influxdb "ready at $(influxdb_url) (database $INFLUX_DATABASE, pid $(cat "$pidfile"))"
}

influxdb_down() { svc_stop influxdb "$(_influxdb_pidfile)" influxd "$INFLUX_PORT" "$INFLUX_RPC_PORT"; }
