# shellcheck shell=bash
# Elasticsearch 8.8.2: one real node on 127.0.0.1, embedded in a small Java launcher
# (services/elasticsearch/) built from Maven Central jars, since the distribution tarball cannot be
# downloaded here. Core features only: no analysis-common, painless, ingest processors or x-pack.
# Sourced by scripts/services; everything lives in $SERVICES_HOME/elasticsearch (path.home).
#
#   ELASTICSEARCH_PORT            HTTP port (9200)
#   ELASTICSEARCH_TRANSPORT_PORT  node-to-node port (9300), bound on 127.0.0.1 as well
#   ELASTICSEARCH_JAVA_OPTS       extra JVM flags, appended (e.g. -Xmx2g)

ELASTICSEARCH_PORT="${ELASTICSEARCH_PORT:-9200}"
ELASTICSEARCH_TRANSPORT_PORT="${ELASTICSEARCH_TRANSPORT_PORT:-9300}"

elasticsearch_url() { printf 'http://%s:%s\n' "$SERVICES_HOST" "$ELASTICSEARCH_PORT"; }

elasticsearch_env() { printf 'export ELASTICSEARCH_URL=%s\n' "$(elasticsearch_url)"; }

elasticsearch_logfile() { printf '%s\n' "$SERVICES_HOME/elasticsearch/elasticsearch.log"; }

# Ready = the cluster health API answers 200 with status green or yellow (red: a shard is missing).
elasticsearch_ready() {
  local body
  body=$(curl -fs --max-time 5 "$(elasticsearch_url)/_cluster/health") || return 1
  [[ $body == *'"status":"green"'* || $body == *'"status":"yellow"'* ]]
}

# svc_wait's check while starting: ready, or fail at once (log tail on the real stderr, fd 4) if the JVM died.
_elasticsearch_ready_or_died() {
  elasticsearch_ready && return 0
  if ! svc_pid_running "$SERVICES_HOME/elasticsearch/elasticsearch.pid"; then
    tail -n 40 "$(elasticsearch_logfile)" >&4
    svc_die elasticsearch "the JVM exited during startup (log: $(elasticsearch_logfile))" 2>&4
  fi
  return 1
}

elasticsearch_up() {
  if elasticsearch_ready; then
    svc_log elasticsearch "already up at $(elasticsearch_url)"
    return 0
  fi
  command -v curl >/dev/null || svc_apt_install curl
  command -v javac >/dev/null || svc_apt_install openjdk-17-jdk-headless
  local dir log pidfile java
  dir=$(svc_dir elasticsearch)
  log="$dir/elasticsearch.log"
  pidfile="$dir/elasticsearch.pid"

  if svc_pid_running "$pidfile"; then
    svc_log elasticsearch "already starting (pid $(cat "$pidfile")); waiting"
  else
    if svc_tcp_open "$SERVICES_HOST" "$ELASTICSEARCH_PORT"; then
      svc_die elasticsearch "port $ELASTICSEARCH_PORT is taken by something that is not a healthy Elasticsearch"
    fi
    svc_maven_fetch elasticsearch "$ROOT/services/elasticsearch" "$dir/lib"
    svc_javac elasticsearch "$ROOT/services/elasticsearch/src" "$dir/lib" "$dir/classes"
    mkdir -p "$dir/config" "$dir/tmp"
    cp "$ROOT/services/elasticsearch/log4j2.properties" "$dir/config/log4j2.properties"
    # Run with the JDK that compiled the launcher (tested: Debian 17; Temurin 25 boots too, warning that
    # the COMPAT locale provider is gone).
    java="$(dirname "$(readlink -f "$(command -v javac)")")/java"

    # The flags the distribution's jvm.options would give, minus what needs its launcher.
    local -a jvm=(
      -Xms512m -Xmx1g -Xss1m -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -XX:-OmitStackTraceInFastThrow
      -Djava.io.tmpdir="$dir/tmp" -Djava.awt.headless=true -Dfile.encoding=UTF-8 -Djna.nosys=true
      -Djava.locale.providers=SPI,COMPAT
      -Des.networkaddress.cache.ttl=60 -Des.networkaddress.cache.negative.ttl=10
      -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true -Dio.netty.recycler.maxCapacityPerThread=0
      -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true -Dlog4j2.formatMsgNoLookups=true
    )
    # shellcheck disable=SC2206 # ELASTICSEARCH_JAVA_OPTS is a list of flags on purpose
    jvm+=(${ELASTICSEARCH_JAVA_OPTS:-})

    svc_log elasticsearch "starting on $(elasticsearch_url) (log: $log)"
    rm -f "$pidfile"
    # setsid: the node outlives this script and the terminal's Ctrl-C; the pid written is java's (exec).
    ELASTICSEARCH_PORT="$ELASTICSEARCH_PORT" ELASTICSEARCH_TRANSPORT_PORT="$ELASTICSEARCH_TRANSPORT_PORT" \
      setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$pidfile" \
      "$java" "${jvm[@]}" -cp "$dir/lib/*:$dir/classes" ElasticsearchLauncher "$dir" \
      </dev/null >"$log" 2>&1 &
    for _ in $(seq 1 50); do [ -s "$pidfile" ] && break; sleep 0.1; done
  fi

  local started=$SECONDS
  exec 4>&2
  svc_wait elasticsearch 180 "$log" _elasticsearch_ready_or_died
  exec 4>&-
  svc_log elasticsearch "ready at $(elasticsearch_url) after $((SECONDS - started))s (pid $(cat "$pidfile"))"
}

elasticsearch_down() {
  svc_stop_pidfile elasticsearch "$SERVICES_HOME/elasticsearch/elasticsearch.pid"
}
