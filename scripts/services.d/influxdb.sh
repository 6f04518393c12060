# InfluxDB 1.x from Debian's packages (v1 HTTP API: /query with InfluxQL, /write with line protocol).
INFLUX_PORT="${INFLUX_PORT:-8086}"
INFLUX_DATABASE="${INFLUX_DATABASE:-openalex}"

influxdb_url() { printf 'http://%s:%s' "$SERVICES_HOST" "$INFLUX_PORT"; }
influxdb_logfile() { printf '%s/influxdb/influxdb.log' "$SERVICES_HOME"; }
influxdb_env() { printf 'export INFLUX_URL=%s\nexport INFLUX_DATABASE=%s\n' "$(influxdb_url)" "$INFLUX_DATABASE"; }
influxdb_ready() { curl -fsS -o /dev/null "$(influxdb_url)/ping" 2>/dev/null; }

_influxdb_config() {
  local dir=$1
  cat <<CONF
reporting-disabled = true
bind-address = "$SERVICES_HOST:${INFLUX_RPC_PORT:-8088}"
[meta]
  dir = "$dir/meta"
[data]
  dir = "$dir/data"
  wal-dir = "$dir/wal"
  query-log-enabled = false
[http]
  enabled = true
  bind-address = "$SERVICES_HOST:$INFLUX_PORT"
  auth-enabled = false
  log-enabled = false
[monitor]
  store-enabled = false
CONF
}

influxdb_up() {
  local dir
  if influxdb_ready; then svc_log influxdb "already answering on $SERVICES_HOST:$INFLUX_PORT"; return 0; fi
  svc_tcp_open "$SERVICES_HOST" "$INFLUX_PORT" && svc_die influxdb "port $INFLUX_PORT is taken by something that is not InfluxDB"
  command -v influxd >/dev/null || svc_apt_install influxdb
  command -v curl >/dev/null || svc_apt_install curl
  dir=$(svc_dir influxdb)
  _influxdb_config "$dir" >"$dir/influxdb.conf"
  svc_log influxdb "starting on $SERVICES_HOST:$INFLUX_PORT"
  nohup influxd -config "$dir/influxdb.conf" >"$(influxdb_logfile)" 2>&1 &
  echo $! >"$dir/influxdb.pid"
  svc_wait influxdb 60 "$(influxdb_logfile)" influxdb_ready
  curl -fsS -o /dev/null -XPOST "$(influxdb_url)/query" --data-urlencode "q=CREATE DATABASE \"$INFLUX_DATABASE\"" ||
    svc_die influxdb "could not create database $INFLUX_DATABASE"
  svc_log influxdb "ready at $(influxdb_url) (database $INFLUX_DATABASE)"
}

influxdb_down() { svc_stop_pidfile influxdb "$SERVICES_HOME/influxdb/influxdb.pid"; }
