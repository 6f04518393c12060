# Redis from Debian's packages, loopback only, append-only file under .services/redis.
REDIS_PORT="${REDIS_PORT:-6379}"

redis_url() { printf 'redis://%s:%s' "$SERVICES_HOST" "$REDIS_PORT"; }
redis_logfile() { printf '%s/redis/redis.log' "$SERVICES_HOME"; }
redis_env() { printf 'export REDIS_URL=%s\n' "$(redis_url)"; }
redis_ready() { [ "$(redis-cli -h "$SERVICES_HOST" -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; }

_redis_pidfile() { printf '%s/redis/redis.pid' "$SERVICES_HOME"; }
# Processes of this SERVICES_HOME's Redis (redis-server rewrites its command line; its working directory is --dir).
redis_pids() { svc_pids_of redis redis-server; }
_redis_alive() { svc_pid_running "$(_redis_pidfile)" || [ -n "$(redis_pids)" ]; }

redis_up() {
  local dir pidfile
  command -v redis-server >/dev/null || svc_apt_install redis-server
  dir=$(svc_dir redis)
  pidfile=$(_redis_pidfile)
  if [ -n "$(redis_pids)" ]; then
    # Ours, started before: answering, or still loading its append-only file. Never a second one.
    svc_wait_up redis 30 "$(redis_logfile)" _redis_alive redis_ready
    svc_adopt_pidfile redis "$pidfile" "$REDIS_PORT" redis-server
    svc_log redis "already running at $(redis_url) (pid $(cat "$pidfile" 2>/dev/null))"
    return 0
  fi
  if redis_ready; then
    svc_foreign_answer redis "$REDIS_PORT" "a Redis"
    return 0
  fi
  svc_tcp_open "$SERVICES_HOST" "$REDIS_PORT" && svc_die redis "port $REDIS_PORT is taken by something that is not Redis"
  svc_log redis "starting on $SERVICES_HOST:$REDIS_PORT"
  # Not daemonized: svc_spawn runs it in its own session and records its own pid; it logs to stdout.
  svc_spawn "$pidfile" "$(redis_logfile)" redis-server --bind "$SERVICES_HOST" --port "$REDIS_PORT" --protected-mode yes \
    --dir "$dir" --appendonly yes --save "" --daemonize no --maxmemory "${REDIS_MAXMEMORY:-256mb}" --maxmemory-policy allkeys-lru
  svc_wait_up redis 30 "$(redis_logfile)" _redis_alive redis_ready
  svc_adopt_pidfile redis "$pidfile" "$REDIS_PORT" redis-server
  svc_log redis "ready at $(redis_url) (pid $(cat "$pidfile"))"
}

redis_down() { svc_stop redis "$(_redis_pidfile)" redis-server "$REDIS_PORT"; }
