#!/usr/bin/env bash
# Start or stop a Docker daemon for the container tests, idempotently.
#
#   scripts/docker_daemon.sh start   # no-op if a daemon already answers; else start one
#   scripts/docker_daemon.sh stop    # stop ONLY a daemon this script started (by its PID)
#   scripts/docker_daemon.sh status
#
# The daemon runs without a bridge, iptables or masquerading: the sandbox this project is built in
# has no network namespace tooling, and the tests only use `--network none` / `--network host`.
# State (PID file, log) lives in $BOOTY_CACHE (default: <repo>/.cache, git-ignored).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${BOOTY_CACHE:-$repo/.cache}"
pidfile="$cache/dockerd.pid"
logfile="$cache/dockerd.log"

daemon_answers() { docker info >/dev/null 2>&1; }

our_pid() {
  # Prints the PID of the daemon we started, if it is still alive.
  [[ -f "$pidfile" ]] || return 1
  local pid
  pid="$(cat "$pidfile")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

start() {
  if daemon_answers; then
    echo "docker_daemon: a daemon is already running; using it"
    return 0
  fi
  command -v dockerd >/dev/null || { echo "docker_daemon: dockerd not installed (apt-get install docker.io)" >&2; return 1; }
  mkdir -p "$cache"
  # setsid: the daemon must not die with the shell that started it, nor receive its Ctrl-C.
  setsid dockerd --bridge=none --iptables=false --ip-masq=false >"$logfile" 2>&1 </dev/null &
  echo $! >"$pidfile"
  for _ in $(seq 1 120); do
    if daemon_answers; then
      echo "docker_daemon: started dockerd (pid $(cat "$pidfile"), log $logfile)"
      return 0
    fi
    if ! our_pid >/dev/null; then
      echo "docker_daemon: dockerd exited during start-up; last log lines:" >&2
      tail -n 20 "$logfile" >&2 || true
      rm -f "$pidfile"
      return 1
    fi
    sleep 0.5
  done
  echo "docker_daemon: dockerd did not answer within 60 s; see $logfile" >&2
  return 1
}

stop() {
  local pid
  if ! pid="$(our_pid)"; then
    rm -f "$pidfile"
    echo "docker_daemon: no daemon started by this script is running"
    return 0
  fi
  kill -TERM "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; echo "docker_daemon: stopped dockerd (pid $pid)"; return 0; }
    sleep 0.5
  done
  echo "docker_daemon: dockerd (pid $pid) ignored SIGTERM for 30 s; sending SIGKILL" >&2
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status)
    if pid="$(our_pid)"; then echo "running (started by this script, pid $pid)"
    elif daemon_answers; then echo "running (not started by this script)"
    else echo "not running"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
