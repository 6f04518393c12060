# Neo4j 5.26 (community) for tests: embedded in one JVM by services/neo4j/src/Neo4jLauncher.java
# (jars from Maven Central). Bolt only, on 127.0.0.1:$NEO4J_PORT (default 7687); auth is disabled,
# so any user/password is accepted. Like a real server it keeps its graph: $SERVICES_HOME/neo4j is
# the Neo4j home, the store is in its data/ (Neo4j's debug log in logs/), and `down` (SIGTERM, a clean
# shutdown) then `up` opens the same database again; `scripts/services reset neo4j` (while it is down)
# deletes it, for an empty graph. Sourced by scripts/services, which defines the svc_* helpers.

_neo4j_port() { printf '%s' "${NEO4J_PORT:-7687}"; }
_neo4j_home() { printf '%s' "$SERVICES_HOME/neo4j"; }
_neo4j_pidfile() { printf '%s' "$(_neo4j_home)/neo4j.pid"; }

# The JVM flags of Neo4j 5's own neo4j.conf (server.jvm.additional), minus -XX:+AlwaysPreTouch
# (it would commit the whole initial heap up front), with a heap sized for a test machine.
_NEO4J_JVM_OPTS=(
  -Xms256m -Xmx768m
  -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow -XX:+DisableExplicitGC -XX:+ExitOnOutOfMemoryError
  -XX:+UnlockExperimentalVMOptions -XX:+TrustFinalNonStaticFields
  -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints -XX:FlightRecorderOptions=stackdepth=256
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --enable-native-access=ALL-UNNAMED
  -Djdk.nio.maxCachedBufferSize=1024 -Dio.netty.tryReflectionSetAccessible=true
  -Djdk.tls.ephemeralDHKeySize=2048 -Djdk.tls.rejectClientInitiatedRenegotiation=true
  -Dlog4j2.disable.jmx=true -Dlog4j.layout.jsonTemplate.maxStringLength=32768
  -Dfile.encoding=UTF-8
)

# True when the pid file names a live process that is our launcher (not a recycled pid).
_neo4j_ours_running() {
  local pidfile
  pidfile=$(_neo4j_pidfile)
  svc_pid_running "$pidfile" && grep -qa Neo4jLauncher "/proc/$(cat "$pidfile")/cmdline" 2>/dev/null
}

neo4j_url() { printf 'bolt://%s:%s\n' "$SERVICES_HOST" "$(_neo4j_port)"; }
neo4j_logfile() { printf '%s\n' "$(_neo4j_home)/neo4j.log"; }

neo4j_env() {
  echo "export NEO4J_URL=$(neo4j_url)"
  echo "export NEO4J_USER=neo4j"
  echo "export NEO4J_PASSWORD=neo4j-test" # ignored: auth is disabled
}

# Ready when Bolt accepts connections; for a server we started, also once the launcher
# has printed its READY line (the port opens a moment before the database is usable).
neo4j_ready() {
  svc_tcp_open "$SERVICES_HOST" "$(_neo4j_port)" || return 1
  if _neo4j_ours_running; then
    grep -q '^NEO4J READY ' "$(neo4j_logfile)" 2>/dev/null
  fi
}

# While starting, only "the pid is gone" means dead: right after `nohup java … &` the pid may still be the
# forked shell (its cmdline not yet the launcher's), which _neo4j_ours_running would take for a stranger.
_neo4j_ready_or_dead() { neo4j_ready || ! svc_pid_running "$(_neo4j_pidfile)"; }

neo4j_up() {
  local home port log pidfile started=$SECONDS
  home=$(svc_dir neo4j)
  port=$(_neo4j_port)
  log=$(neo4j_logfile)
  pidfile=$(_neo4j_pidfile)

  if neo4j_ready; then
    svc_log neo4j "already answering on $(neo4j_url)"
    return 0
  fi
  if ! _neo4j_ours_running; then
    rm -f "$pidfile"
    svc_maven_fetch neo4j "$ROOT/services/neo4j" "$home/lib"
    svc_javac neo4j "$ROOT/services/neo4j/src" "$home/lib" "$home/classes"
    # The old neo4j-harness launcher left random 32-hex-digit folders in data/ after a kill: not a store.
    find "$home/data" -mindepth 1 -maxdepth 1 -type d -regextype posix-extended \
      -regex '.*/[0-9a-f]{32}' -exec rm -rf {} + 2>/dev/null || true
    svc_log neo4j "starting on $(neo4j_url) (store: $home/data)"
    nohup java "${_NEO4J_JVM_OPTS[@]}" -cp "$home/classes:$home/lib/*" \
      Neo4jLauncher "$home" "$port" >"$log" 2>&1 </dev/null &
    echo $! >"$pidfile"
  fi

  svc_wait neo4j 120 "$log" _neo4j_ready_or_dead
  if ! _neo4j_ours_running; then
    tail -n 40 "$log" >&2
    rm -f "$pidfile"
    svc_die neo4j "exited during startup (log: $log)"
  fi
  svc_log neo4j "ready on $(neo4j_url) after $((SECONDS - started))s (pid $(cat "$pidfile"))"
}

neo4j_down() {
  # Forget a pid file whose pid now belongs to something else, so that is never killed.
  _neo4j_ours_running || rm -f "$(_neo4j_pidfile)"
  svc_stop_pidfile neo4j "$(_neo4j_pidfile)"
}
