# Helpers shared by scripts/services and the per-store modules in scripts/services.d/.
# Sourced, never executed. Every store keeps its files under $SERVICES_HOME/<store>/ (data, log, pid, .lock).
#
# Which processes are "ours" is decided by what they are, not only by pid files (a pid file can name a process
# that died, a pid since reused, or an older start): a process of a store belongs to this SERVICES_HOME when its
# command name is the store's server (postgres, redis-server, influxd, java) and its command line names a path
# under $SERVICES_HOME/<store>/ or its working directory is there. `up`, `down` and `reset` hold the store's lock
# (svc_locked) throughout, so two commands on one store never interleave.

: "${ROOT:?ROOT must be set by scripts/services}"
# Absolute and canonical: it is compared with the paths in processes' command lines and working directories.
SERVICES_HOME="$(realpath -m "${SERVICES_HOME:-$ROOT/.services}")"
SERVICES_HOST=127.0.0.1
export SERVICES_HOME
# How long `up`, `down` or `reset` waits for another scripts/services working on the same store.
SERVICES_LOCK_TIMEOUT="${SERVICES_LOCK_TIMEOUT:-600}"

svc_log() { printf '[services] %-13s %s\n' "$1" "$2" >&2; }

# svc_die STORE MESSAGE — fail, naming the store that did not come up.
svc_die() {
  printf '[services] ERROR: %s: %s\n' "$1" "$2" >&2
  exit 1
}

# svc_warn STORE MESSAGE... — something the user must know about, loudly (the words of MESSAGE joined by spaces).
svc_warn() {
  local store=$1
  shift
  printf '[services] WARNING: %s: %s\n' "$store" "$*" >&2
}

svc_dir() { mkdir -p "$SERVICES_HOME/$1" && printf '%s' "$SERVICES_HOME/$1"; }

# svc_tcp_open HOST PORT — true when something accepts TCP connections there.
svc_tcp_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# svc_pid_running PIDFILE — true when the pid file names a live process (any process: see svc_pids_of).
svc_pid_running() {
  [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

# svc_locked STORE CMD — run `scripts/services CMD STORE` holding the store's lock ($SERVICES_HOME/STORE/.lock),
# so that two `up`s, or an `up` and a `down`, of one store never run at once: the second waits, then finds the
# store as the first left it. flock runs the command with the lock's descriptor closed (-o), so no server it
# starts can inherit the lock and hold it for its lifetime.
svc_locked() {
  local store=$1 cmd=$2 lock rc=0
  if [ "${_SVC_LOCKED:-}" = "$store" ]; then
    "store_${cmd}" "$store"
    return
  fi
  lock="$(svc_dir "$store")/.lock"
  if ! flock -n "$lock" true; then
    svc_log "$store" "waiting for another scripts/services working on it (lock $lock)"
  fi
  _SVC_LOCKED=$store flock -o -w "$SERVICES_LOCK_TIMEOUT" -E 75 "$lock" "$ROOT/scripts/services" "$cmd" "$store" || rc=$?
  [ "$rc" -eq 75 ] && svc_die "$store" "another scripts/services still holds $lock after ${SERVICES_LOCK_TIMEOUT}s"
  return "$rc"
}

# svc_is_ours PID STORE COMM — true when PID is a process of STORE under this SERVICES_HOME: its command name
# is COMM and an argument names $SERVICES_HOME/STORE (or a path under it), or its working directory is there.
svc_is_ours() {
  local pid=$1 dir="$SERVICES_HOME/$2" comm=$3 name arg cwd
  local -a args
  read -r name 2>/dev/null <"/proc/$pid/comm" || return 1
  [ "$name" = "$comm" ] || return 1
  mapfile -d "" args 2>/dev/null <"/proc/$pid/cmdline" || return 1
  for arg in "${args[@]}"; do
    [[ "$arg" == "$dir" || "$arg" == *"$dir/"* ]] && return 0
  done
  cwd=$(readlink "/proc/$pid/cwd" 2>/dev/null) || return 1
  [[ "$cwd" == "$dir" || "$cwd" == "$dir/"* ]]
}

# svc_pids_of STORE COMM — the pids of every process of STORE under this SERVICES_HOME (see svc_is_ours).
svc_pids_of() {
  local store=$1 comm=$2 entry pid
  for entry in /proc/[0-9]*; do
    pid=${entry#/proc/}
    svc_is_ours "$pid" "$store" "$comm" && printf '%s\n' "$pid"
  done
  return 0
}

# svc_port_owner PORT — the pid listening on PORT (TCP), if it can be seen (ss shows other users' sockets to root only).
svc_port_owner() {
  ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2
}

# svc_describe_pid PID — "pid N (command line)" for messages.
svc_describe_pid() {
  local -a args
  local line
  mapfile -d "" args 2>/dev/null <"/proc/$1/cmdline" || { printf 'pid %s' "$1"; return 0; }
  line="${args[*]}"
  line="${line%"${line##*[![:space:]]}"}" # servers that rewrite their title pad it with spaces
  printf 'pid %s: %.160s' "$1" "$line"
}

# svc_spawn PIDFILE LOGFILE CMD... — start CMD as a server: in its own session (it outlives this script and a
# Ctrl-C), detached from the terminal, logging to LOGFILE. PIDFILE gets the server's own pid (the shell writes its
# pid, then execs CMD) before this returns.
svc_spawn() {
  local pidfile=$1 log=$2 _
  shift 2
  rm -f "$pidfile"
  # shellcheck disable=SC2016 # $$ and "$@" belong to the inner shell
  setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$pidfile" "$@" </dev/null >"$log" 2>&1 &
  for _ in $(seq 1 50); do [ -s "$pidfile" ] && return 0; sleep 0.1; done
  svc_die "$(basename "$(dirname "$pidfile")")" "the server was launched but never wrote $pidfile"
}

# svc_adopt_pidfile STORE PIDFILE PORT COMM — after a start, or when our server already answers: the pid file
# must name the server that owns PORT. Rewrites it (saying so) when it names another pid.
svc_adopt_pidfile() {
  local store=$1 pidfile=$2 port=$3 comm=$4 owner
  owner=$(svc_port_owner "$port")
  [ -n "$owner" ] && svc_is_ours "$owner" "$store" "$comm" || return 0
  if [ "$(cat "$pidfile" 2>/dev/null)" != "$owner" ]; then
    [ -f "$pidfile" ] && svc_log "$store" "pid file named $(cat "$pidfile"), but pid $owner serves port $port: pid file updated"
    printf '%s\n' "$owner" >"$pidfile"
  fi
}

# svc_foreign_answer STORE PORT WHAT — the port answers, but no process of ours holds it. Say so loudly: `up` uses
# it as it is, and `down` and `reset` will not touch it.
svc_foreign_answer() {
  local store=$1 port=$2 what=$3 owner who="its owner is not visible to this user"
  owner=$(svc_port_owner "$port")
  [ -n "$owner" ] && who=$(svc_describe_pid "$owner")
  svc_warn "$store" "$SERVICES_HOST:$port is answered by $what that scripts/services did not start from $SERVICES_HOME" \
    "($who; often the system's own service, started when its Debian package was installed)."
  svc_warn "$store" "using it as it is: \`down\` will not stop it and \`reset\` cannot empty it. To run ours instead, stop it" \
    "(e.g. systemctl stop <service>) or choose another port, then run scripts/services up $store again."
}

# svc_stop STORE PIDFILE COMM PORT... — stop every process of STORE under this SERVICES_HOME (TERM, then KILL
# after 30 s), whatever its pid file says, then check that none is left and that the ports are closed (or held by
# a process that is not ours, which is reported and left alone). The pid file is removed.
svc_stop() {
  local store=$1 pidfile=$2 comm=$3
  shift 3
  local -a pids
  mapfile -t pids < <(svc_pids_of "$store" "$comm")
  if [ ${#pids[@]} -eq 0 ]; then
    rm -f "$pidfile"
    svc_log "$store" "nothing of $SERVICES_HOME running; nothing to stop"
  else
    kill -TERM "${pids[@]}" 2>/dev/null || true
    local deadline=$((SECONDS + 30))
    while [ "$SECONDS" -lt "$deadline" ] && [ -n "$(svc_pids_of "$store" "$comm")" ]; do sleep 0.2; done
    local -a left
    mapfile -t left < <(svc_pids_of "$store" "$comm")
    if [ ${#left[@]} -gt 0 ]; then
      svc_log "$store" "still running after 30s: killing ${left[*]}"
      kill -KILL "${left[@]}" 2>/dev/null || true
      deadline=$((SECONDS + 10))
      while [ "$SECONDS" -lt "$deadline" ] && [ -n "$(svc_pids_of "$store" "$comm")" ]; do sleep 0.2; done
    fi
    rm -f "$pidfile"
    svc_log "$store" "stopped (pid ${pids[*]})"
  fi
  svc_check_stopped "$store" "$comm" "$@"
}

# svc_check_stopped STORE COMM PORT... — fail unless no process of STORE under this SERVICES_HOME is left and each
# port is closed or held by a process that is not ours (reported, left alone).
svc_check_stopped() {
  local store=$1 comm=$2 port owner left
  shift 2
  left=$(svc_pids_of "$store" "$comm" | tr '\n' ' ')
  [ -z "$left" ] || svc_die "$store" "processes of $SERVICES_HOME/$store are still alive: $left"
  for port in "$@"; do
    local deadline=$((SECONDS + 10))
    while svc_tcp_open "$SERVICES_HOST" "$port"; do
      owner=$(svc_port_owner "$port")
      if [ -n "$owner" ] && ! svc_is_ours "$owner" "$store" "$comm"; then
        svc_log "$store" "port $port is held by $(svc_describe_pid "$owner"), which scripts/services did not start: left alone"
        break
      fi
      [ "$SECONDS" -lt "$deadline" ] || svc_die "$store" "port $port still accepts connections after stopping (${owner:+$(svc_describe_pid "$owner")})"
      sleep 0.2
    done
  done
}

# svc_wait_up STORE TIMEOUT_S LOGFILE ALIVE_CMD CHECK_CMD... — poll CHECK_CMD until it succeeds, failing at once
# (with the log's tail) when ALIVE_CMD says the server is gone, and after TIMEOUT_S naming the store. ALIVE_CMD is
# one word (a function name): it tells a server still starting from one that died during startup.
svc_wait_up() {
  local store=$1 timeout=$2 logfile=$3 alive=$4
  shift 4
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if ! "$alive"; then
      [ -f "$logfile" ] && tail -n 40 "$logfile" >&2
      svc_die "$store" "exited during startup (log: $logfile)"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      [ -f "$logfile" ] && tail -n 40 "$logfile" >&2
      svc_die "$store" "did not become ready within ${timeout}s (log: $logfile); it is still running: scripts/services down $store stops it"
    fi
    sleep 1
  done
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

# svc_apt_install PACKAGE... — install Debian packages that are missing, without letting their maintainer
# scripts start the packaged daemons (see svc_forbid_daemon_starts).
svc_apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  svc_log apt "installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  svc_forbid_daemon_starts "$sudo"
  # postgresql-common creates and starts a cluster `main` on 5432 (password auth) when postgresql is installed,
  # unless createcluster.conf says not to, which must be in place before: install postgresql-common first.
  if [[ " ${missing[*]} " == *" postgresql "* ]] && ! dpkg-query -W -f='${Status}' postgresql-common 2>/dev/null | grep -q 'install ok installed'; then
    _svc_apt_get "$sudo" postgresql-common
  fi
  [[ " ${missing[*]} " == *" postgresql "* ]] && _svc_no_main_cluster "$sudo"
  _svc_apt_get "$sudo" "${missing[@]}"
  svc_allow_daemon_starts "$sudo"
}

_svc_apt_get() {
  local sudo=$1
  shift
  local -a apt=($sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
  if ! "${apt[@]}" "$@" >/dev/null 2>&1; then
    $sudo apt-get update -qq >/dev/null 2>&1 || true
    "${apt[@]}" "$@" >/dev/null || { svc_allow_daemon_starts "$sudo"; svc_die apt "could not install $*"; }
  fi
}

# Where Debian's invoke-rc.d and deb-systemd-invoke ask whether a maintainer script may start a service (exit
# 101: no), and postgresql-common's cluster settings. Overridable only so that a test can check both.
SVC_POLICY_RC_D="${SVC_POLICY_RC_D:-/usr/sbin/policy-rc.d}"
SVC_CREATECLUSTER_CONF="${SVC_CREATECLUSTER_CONF:-/etc/postgresql-common/createcluster.conf}"
_SVC_POLICY_MARK='# scripts/services: no package daemon starts while it installs packages'

# svc_forbid_daemon_starts SUDO — make policy-rc.d forbid every start for the install (postinst scripts of
# postgresql, influxdb and redis-server would otherwise start system instances on the default ports, which `up`
# would then find in its way). An existing policy that already forbids is left as it is; another is set aside
# and put back by svc_allow_daemon_starts.
svc_forbid_daemon_starts() {
  local sudo=$1
  if [ -e "$SVC_POLICY_RC_D" ]; then
    local rc=0
    [ -x "$SVC_POLICY_RC_D" ] && { "$SVC_POLICY_RC_D" svc-probe start >/dev/null 2>&1 || rc=$?; }
    [ "$rc" -eq 101 ] && return 0
    $sudo mv "$SVC_POLICY_RC_D" "$SVC_POLICY_RC_D.scripts-services-saved"
  fi
  printf '#!/bin/sh\n%s\nexit 101\n' "$_SVC_POLICY_MARK" | $sudo tee "$SVC_POLICY_RC_D" >/dev/null
  $sudo chmod 755 "$SVC_POLICY_RC_D"
}

# svc_allow_daemon_starts SUDO — remove the policy svc_forbid_daemon_starts wrote (only that one), and put back the
# one it set aside.
svc_allow_daemon_starts() {
  local sudo=$1
  if [ -f "$SVC_POLICY_RC_D" ] && grep -qF "$_SVC_POLICY_MARK" "$SVC_POLICY_RC_D"; then
    $sudo rm -f "$SVC_POLICY_RC_D"
  fi
  if [ -e "$SVC_POLICY_RC_D.scripts-services-saved" ]; then
    $sudo mv "$SVC_POLICY_RC_D.scripts-services-saved" "$SVC_POLICY_RC_D"
  fi
}

# _svc_no_main_cluster SUDO — `create_main_cluster = false` in createcluster.conf (Debian's documented way to
# install PostgreSQL without its default cluster; the official Docker image does the same).
_svc_no_main_cluster() {
  local sudo=$1 conf=$SVC_CREATECLUSTER_CONF
  if [ -f "$conf" ] && grep -Eq '^[[:space:]]*create_main_cluster[[:space:]]*=' "$conf"; then
    $sudo sed -ri 's/^[[:space:]]*create_main_cluster[[:space:]]*=.*/create_main_cluster = false/' "$conf"
  elif [ -f "$conf" ] && grep -Eq '^[[:space:]]*#[[:space:]]*create_main_cluster' "$conf"; then
    $sudo sed -ri 's/^[[:space:]]*#[[:space:]]*create_main_cluster[[:space:]]*=.*/create_main_cluster = false/' "$conf"
  else
    $sudo mkdir -p "$(dirname "$conf")"
    printf 'create_main_cluster = false\n' | $sudo tee -a "$conf" >/dev/null
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
