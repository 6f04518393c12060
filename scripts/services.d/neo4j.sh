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
# (it would commit the whole initial heap up front), with a heap sized for a test machine
# (NEO4J_HEAP_MB, default 768). The page cache (NEO4J_PAGE_CACHE_MB, default 64) is read by the launcher.
_NEO4J_JVM_OPTS=(
  -Xms256m "-Xmx${NEO4J_HEAP_MB:-768}m"
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

# Processes of this SERVICES_HOME's Neo4j: java with the launcher's classpath and home under $SERVICES_HOME/neo4j.
neo4j_pids() { svc_pids_of neo4j java; }
_neo4j_ours_running() { [ -n "$(neo4j_pids)" ]; }
# A server starting counts as alive from the moment svc_spawn wrote its pid (it is bash for an instant, then java).
_neo4j_alive() { svc_pid_running "$(_neo4j_pidfile)" || _neo4j_ours_running; }

# The ports it listens on: Bolt, and HTTP when NEO4J_HTTP_PORT is set.
_neo4j_ports() { printf '%s\n' "$(_neo4j_port)" ${NEO4J_HTTP_PORT:+"$NEO4J_HTTP_PORT"}; }

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

neo4j_up() {
  local home port log pidfile started=$SECONDS
  home=$(svc_dir neo4j)
  port=$(_neo4j_port)
  log=$(neo4j_logfile)
  pidfile=$(_neo4j_pidfile)

  if _neo4j_ours_running; then
    # Ours, started before: answering, or still opening its store. Never a second one.
    svc_wait_up neo4j 120 "$log" _neo4j_alive neo4j_ready
    svc_adopt_pidfile neo4j "$pidfile" "$port" java
    svc_log neo4j "already running on $(neo4j_url) (pid $(cat "$pidfile" 2>/dev/null))"
    return 0
  fi
  if svc_tcp_open "$SERVICES_HOST" "$port"; then
    svc_foreign_answer neo4j "$port" "a server"
    return 0
  fi
  local mb
  for mb in "${NEO4J_HEAP_MB:-768}" "${NEO4J_PAGE_CACHE_MB:-64}"; do
    [[ $mb =~ ^[1-9][0-9]*$ ]] || svc_die neo4j "NEO4J_HEAP_MB and NEO4J_PAGE_CACHE_MB are whole MiB (got '$mb')"
  done
  command -v javac >/dev/null || svc_apt_install openjdk-17-jdk-headless
  svc_maven_fetch neo4j "$ROOT/services/neo4j" "$home/lib"
  svc_javac neo4j "$ROOT/services/neo4j/src" "$home/lib" "$home/classes"
  # The old neo4j-harness launcher left random 32-hex-digit folders in data/ after a kill: not a store.
  find "$home/data" -mindepth 1 -maxdepth 1 -type d -regextype posix-extended \
    -regex '.*/[0-9a-f]{32}' -exec rm -rf {} + 2>/dev/null || true
  svc_log neo4j "starting on $(neo4j_url) (store: $home/data)"
  svc_spawn "$pidfile" "$log" java "${_NEO4J_JVM_OPTS[@]}" -cp "$home/classes:$home/lib/*" Neo4jLauncher "$home" "$port"
  svc_wait_up neo4j 120 "$log" _neo4j_alive neo4j_ready
  svc_adopt_pidfile neo4j "$pidfile" "$port" java
  svc_log neo4j "ready on $(neo4j_url) after $((SECONDS - started))s (pid $(cat "$pidfile"))"
}

# SIGTERM is a clean shutdown (the launcher's hook stops the database); KILL only after 30 s.
# shellcheck disable=SC2046 # one port per word
neo4j_down() { svc_stop neo4j "$(_neo4j_pidfile)" java $(_neo4j_ports); }
