# Helpers shared by scripts/services and the per-store modules in scripts/services.d/.
# Sourced, never executed. Every store keeps its files under $SERVICES_HOME/<store>/
# (data, log, pid) so that `down` can stop exactly what `up` started.

: "${ROOT:?ROOT must be set by scripts/services}"
SERVICES_HOME="${SERVICES_HOME:-$ROOT/.services}"
SERVICES_HOST=127.0.0.1

svc_log() { printf '[services] %-13s %s\n' "$1" "$2" >&2; }

# svc_die STORE MESSAGE — fail, naming the store that did not come up.
svc_die() {
  printf '[services] ERROR: %s: %s\n' "$1" "$2" >&2
  exit 1
}

svc_dir() { mkdir -p "$SERVICES_HOME/$1" && printf '%s' "$SERVICES_HOME/$1"; }

# svc_tcp_open HOST PORT — true when something accepts TCP connections there.
svc_tcp_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# svc_pid_running PIDFILE — true when the pid file names a live process.
svc_pid_running() {
  [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

# svc_wait STORE TIMEOUT_S LOGFILE CHECK_CMD... — poll CHECK_CMD until it succeeds.
# On timeout, print the tail of the log and fail naming the store.
svc_wait() {
  local store=$1 timeout=$2 logfile=$3
  shift 3
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      [ -f "$logfile" ] && tail -n 40 "$logfile" >&2
      svc_die "$store" "did not become ready within ${timeout}s (log: $logfile)"
    fi
    sleep 1
  done
}

# svc_stop_pidfile STORE PIDFILE — stop the process we started (TERM, then KILL).
# A store we did not start has no pid file here and is left alone.
svc_stop_pidfile() {
  local store=$1 pidfile=$2 pid
  if ! svc_pid_running "$pidfile"; then
    rm -f "$pidfile"
    svc_log "$store" "not started by this script; nothing to stop"
    return 0
  fi
  pid=$(cat "$pidfile")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  rm -f "$pidfile"
  svc_log "$store" "stopped (pid $pid)"
}

# svc_apt_install PACKAGE... — install Debian packages that are missing.
svc_apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  svc_log apt "installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if ! $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
    $sudo apt-get update -qq >/dev/null 2>&1 || true
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
      svc_die apt "could not install ${missing[*]}"
  fi
}

# svc_maven_fetch STORE POM_DIR LIB_DIR — copy a pom's runtime dependencies into LIB_DIR once.
svc_maven_fetch() {
  local store=$1 pom_dir=$2 lib_dir=$3
  if [ -f "$lib_dir/.complete" ] && [ "$lib_dir/.complete" -nt "$pom_dir/pom.xml" ]; then
    return 0
  fi
  command -v mvn >/dev/null || svc_apt_install maven
  svc_log "$store" "fetching jars from Maven Central (first run only)"
  rm -rf "$lib_dir" && mkdir -p "$lib_dir"
  mvn -q -B -f "$pom_dir/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$lib_dir" >"$lib_dir/../maven.log" 2>&1 ||
    { tail -n 30 "$lib_dir/../maven.log" >&2; svc_die "$store" "maven could not fetch its jars"; }
  touch "$lib_dir/.complete"
}

# svc_javac STORE SRC_DIR LIB_DIR CLASSES_DIR — compile a launcher when its source changed.
svc_javac() {
  local store=$1 src=$2 lib=$3 out=$4
  if [ -d "$out" ] && [ -z "$(find "$src" -name '*.java' -newer "$out/.stamp" 2>/dev/null)" ] && [ -f "$out/.stamp" ]; then
    return 0
  fi
  rm -rf "$out" && mkdir -p "$out"
  javac -d "$out" -cp "$lib/*" $(find "$src" -name '*.java') || svc_die "$store" "launcher did not compile"
  touch "$out/.stamp"
}
