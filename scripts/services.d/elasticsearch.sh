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

_elasticsearch_pidfile() { printf '%s\n' "$SERVICES_HOME/elasticsearch/elasticsearch.pid"; }
# Processes of this SERVICES_HOME's node: java with path.home, tmpdir and classpath under $SERVICES_HOME/elasticsearch.
elasticsearch_pids() { svc_pids_of elasticsearch java; }
_elasticsearch_alive() { svc_pid_running "$(_elasticsearch_pidfile)" || [ -n "$(elasticsearch_pids)" ]; }

elasticsearch_up() {
  local dir log pidfile java started=$SECONDS
  dir=$(svc_dir elasticsearch)
  log="$dir/elasticsearch.log"
  pidfile=$(_elasticsearch_pidfile)

  if [ -n "$(elasticsearch_pids)" ]; then
    # Ours, started before: answering, or still starting (recovering its shards). Never a second one.
    svc_wait_up elasticsearch 180 "$log" _elasticsearch_alive elasticsearch_ready
    svc_adopt_pidfile elasticsearch "$pidfile" "$ELASTICSEARCH_PORT" java
    svc_log elasticsearch "already running at $(elasticsearch_url) (pid $(cat "$pidfile" 2>/dev/null))"
    return 0
  fi
  command -v curl >/dev/null || svc_apt_install curl
  if elasticsearch_ready; then
    svc_foreign_answer elasticsearch "$ELASTICSEARCH_PORT" "an Elasticsearch"
    return 0
  fi
  if svc_tcp_open "$SERVICES_HOST" "$ELASTICSEARCH_PORT"; then
    svc_die elasticsearch "port $ELASTICSEARCH_PORT is taken by something that is not a healthy Elasticsearch"
  fi
  if svc_tcp_open "$SERVICES_HOST" "$ELASTICSEARCH_TRANSPORT_PORT"; then
    svc_die elasticsearch "its transport port $ELASTICSEARCH_TRANSPORT_PORT (ELASTICSEARCH_TRANSPORT_PORT) is taken"
  fi
  command -v javac >/dev/null || svc_apt_install openjdk-17-jdk-headless
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
  ELASTICSEARCH_PORT="$ELASTICSEARCH_PORT" ELASTICSEARCH_TRANSPORT_PORT="$ELASTICSEARCH_TRANSPORT_PORT" \
    svc_spawn "$pidfile" "$log" "$java" "${jvm[@]}" -cp "$dir/lib/*:$dir/classes" ElasticsearchLauncher "$dir"
  svc_wait_up elasticsearch 180 "$log" _elasticsearch_alive elasticsearch_ready
  svc_adopt_pidfile elasticsearch "$pidfile" "$ELASTICSEARCH_PORT" java
  svc_log elasticsearch "ready at $(elasticsearch_url) after $((SECONDS - started))s (pid $(cat "$pidfile"))"
}

elasticsearch_down() {
  svc_stop elasticsearch "$(_elasticsearch_pidfile)" java "$ELASTICSEARCH_PORT" "$ELASTICSEARCH_TRANSPORT_PORT"
}
