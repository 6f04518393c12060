# Redis from Debian's packages, loopback only, append-only file under .services/redis.
REDIS_PORT="${REDIS_PORT:-6379}"

redis_url() { printf 'redis://%s:%s' "$SERVICES_HOST" "$REDIS_PORT"; }
redis_logfile() { printf '%s/redis/redis.log' "$SERVICES_HOME"; }
redis_env() { printf 'export REDIS_URL=%s\n' "$(redis_url)"; }
redis_ready() { [ "$(redis-cli -h "$SERVICES_HOST" -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; }

redis_up() {
  local dir
  if redis_ready; then svc_log redis "already answering on $SERVICES_HOST:$REDIS_PORT"; return 0; fi
  svc_tcp_open "$SERVICES_HOST" "$REDIS_PORT" && svc_die redis "port $REDIS_PORT is taken by something that is not Redis"
  command -v redis-server >/dev/null || svc_apt_install redis-server
  dir=$(svc_dir redis)
  svc_log redis "starting on $SERVICES_HOST:$REDIS_PORT"
  redis-server --bind "$SERVICES_HOST" --port "$REDIS_PORT" --protected-mode yes \
    --dir "$dir" --appendonly yes --save "" --daemonize yes \
    --pidfile "$dir/redis.pid" --logfile "$(redis_logfile)" ||
    svc_die redis "redis-server did not start"
  svc_wait redis 30 "$(redis_logfile)" redis_ready
  svc_log redis "ready at $(redis_url)"
}

redis_down() { svc_stop_pidfile redis "$SERVICES_HOME/redis/redis.pid"; }
