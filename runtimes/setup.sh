#!/usr/bin/env bash
# Makes a Debian 12 or Ubuntu machine ready for junit-sandbox, as root. Idempotent: a second
# run checks everything and changes nothing, in seconds.
#
#   1. installs Docker Engine, containerd, gVisor (runsc) and the host tools the probes use
#      (with a C compiler: the HOST baseline builds its probe binary);
#   2. registers runsc, and the test-only fault runtimes (runtimes/faults/), with the daemon by
#      merging into /etc/docker/daemon.json;
#   3. starts dockerd when none answers (coping with a stale pid file or socket);
#   4. makes the base image available (pull, or build it offline with debootstrap);
#   5. builds the probe image;
#   6. prints each known runtime, whether the daemon has it, and whether a container ran under it.
#
# Environment: JUNIT_SANDBOX_DOCKERD_LOG (default /var/log/junit-sandbox-dockerd.log).
set -euo pipefail

RUNTIMES_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROBE_DIR=$RUNTIMES_DIR/probe
BASE_IMAGE=debian:bookworm-slim
DAEMON_JSON=/etc/docker/daemon.json
DOCKERD_LOG=${JUNIT_SANDBOX_DOCKERD_LOG:-/var/log/junit-sandbox-dockerd.log}
# The Debian build of gVisor cannot set up its own sandbox network on current kernels
# ("cannot run with network enabled in root network namespace"): it needs the host network.
RUNSC_ARGS='["--network=host"]'
# Test-only OCI runtimes that hang or fail (runtimes/faults/), for the library's fault tests.
# Installed outside the checkout, so that the daemon's configuration does not point into it.
FAULTS_DIR=/usr/local/lib/junit-sandbox/faults
FAULT_RUNTIMES=("junit-sandbox-fault-hang hang-runtime.sh" "junit-sandbox-fault-broken broken-runtime.sh")

log() { printf '[setup] %s\n' "$*"; }
die() {
  printf '[setup] error: %s\n' "$*" >&2
  exit 1
}

require_root() {
  [[ $(id -u) -eq 0 ]] || die "run as root (sudo bash $0): it installs packages and starts dockerd"
}

install_packages() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v containerd >/dev/null || missing+=(containerd)
  command -v runsc >/dev/null || missing+=(runsc)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  command -v jq >/dev/null || missing+=(jq)
  command -v iptables >/dev/null || missing+=(iptables)
  command -v curl >/dev/null || missing+=(curl)
  # the workload tools, for the HOST baseline and as clients of the servers in the sandbox;
  # the same Debian packages as in the probe image, so both sides run the same versions
  command -v fio >/dev/null || missing+=(fio)
  command -v sysbench >/dev/null || missing+=(sysbench)
  command -v iperf3 >/dev/null || missing+=(iperf3)
  command -v wrk >/dev/null || missing+=(wrk)
  command -v nginx >/dev/null || missing+=(nginx-light)
  command -v mariadbd >/dev/null || missing+=(mariadb-server)
  # the HOST baseline builds its probe binary from runtimes/probe/sandbox-probe.c with the
  # host's C compiler, statically as in the probe image (libc6-dev has the static C library)
  command -v cc >/dev/null || missing+=(gcc)
  [[ -e /usr/lib/$(uname -m)-linux-gnu/libc.a ]] || missing+=(libc6-dev)
  # the HTML report's browser test renders the page in headless Chromium
  command -v chromium >/dev/null || missing+=(chromium)
  if ((${#missing[@]} == 0)); then
    log "packages: all present"
    return
  fi
  log "packages: installing ${missing[*]}"
  apt-get update -qq
  # the probes start nginx and MariaDB themselves, on loopback, only while they measure: a
  # policy-rc.d that refuses keeps the packages' own services from starting at install time
  local policy=/usr/sbin/policy-rc.d created_policy=false
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod +x "$policy"
    created_policy=true
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  if $created_policy; then rm -f "$policy"; fi
}

# Adds the runtimes junit-sandbox needs to daemon.json without touching anything a user put
# there: an existing "runsc" entry is kept as it is. Prints "changed" when it wrote the file.
register_runtimes() {
  local runsc_path current merged
  runsc_path=$(command -v runsc || true)
  mkdir -p "$(dirname "$DAEMON_JSON")"
  current='{}'
  if [[ -s $DAEMON_JSON ]]; then
    current=$(cat "$DAEMON_JSON")
    jq -e 'type == "object"' <<<"$current" >/dev/null 2>&1 ||
      die "$DAEMON_JSON is not a JSON object; fix or move it, then run this script again"
  fi
  merged=$current
  if [[ -z $runsc_path ]]; then
    log "daemon.json: runsc is not installed, not registering it"
  else
    merged=$(jq --arg path "$runsc_path" --argjson args "$RUNSC_ARGS" \
      '.runtimes = (.runtimes // {}) | .runtimes.runsc = (.runtimes.runsc // {path: $path, runtimeArgs: $args})' \
      <<<"$merged")
  fi
  merged=$(register_fault_runtimes "$merged")
  if [[ $(jq -S . <<<"$merged") == "$(jq -S . <<<"$current")" ]]; then
    log "daemon.json: runsc and the fault runtimes already registered"
    return
  fi
  [[ -s $DAEMON_JSON ]] && cp "$DAEMON_JSON" "$DAEMON_JSON.before-junit-sandbox"
  printf '%s\n' "$merged" >"$DAEMON_JSON.tmp"
  mv "$DAEMON_JSON.tmp" "$DAEMON_JSON"
  log "daemon.json: registered runsc ($runsc_path, runtimeArgs $RUNSC_ARGS) and the fault runtimes"
  DAEMON_JSON_CHANGED=1
}

# Installs the fault scripts under $FAULTS_DIR (only when they changed) and prints $1 with their
# entries merged in; their names are ours, so our entry always wins over an older one.
register_fault_runtimes() {
  local json=$1 entry name script
  mkdir -p "$FAULTS_DIR"
  for entry in "${FAULT_RUNTIMES[@]}"; do
    read -r name script <<<"$entry"
    if ! cmp -s "$RUNTIMES_DIR/faults/$script" "$FAULTS_DIR/$script"; then
      install -m 0755 "$RUNTIMES_DIR/faults/$script" "$FAULTS_DIR/$script"
      log "fault runtimes: installed $FAULTS_DIR/$script" >&2
    fi
    json=$(jq --arg name "$name" --arg path "$FAULTS_DIR/$script" \
      '.runtimes = (.runtimes // {}) | .runtimes[$name] = {path: $path}' <<<"$json")
  done
  printf '%s\n' "$json"
}

daemon_answers() { timeout 10 docker info >/dev/null 2>&1; }

# A session that ended without stopping dockerd leaves its pid file and containerd's socket;
# a new dockerd refuses to start while they name a process that no longer exists.
remove_stale_daemon_files() {
  local pidfile pid
  for pidfile in /var/run/docker.pid /var/run/docker/containerd/containerd.pid; do
    [[ -f $pidfile ]] || continue
    pid=$(cat "$pidfile" 2>/dev/null || true)
    if [[ -z $pid ]] || ! kill -0 "$pid" 2>/dev/null; then
      log "dockerd: removing stale $pidfile"
      rm -f "$pidfile"
    fi
  done
  if ! pgrep -x containerd >/dev/null; then
    rm -f /var/run/docker/containerd/containerd.sock /var/run/docker/containerd/containerd-debug.sock
  fi
  if ! pgrep -x dockerd >/dev/null; then
    rm -f /var/run/docker.sock
  fi
}

start_daemon() {
  # a dockerd that runs but does not answer may be starting up, or still exiting: give it time
  local waited=0
  while pgrep -x dockerd >/dev/null && ! daemon_answers; do
    ((waited++ < 30)) ||
      die "a dockerd process runs but has not answered 'docker info' for 30 s; see its log, stop it and run this script again"
    sleep 1
  done
  if daemon_answers; then
    if [[ ${DAEMON_JSON_CHANGED:-0} == 1 ]]; then
      log "dockerd: reloading its configuration"
      pkill -HUP -x dockerd
      sleep 1
    fi
    log "dockerd: running"
    return
  fi
  remove_stale_daemon_files
  log "dockerd: starting (log: $DOCKERD_LOG)"
  setsid nohup dockerd >>"$DOCKERD_LOG" 2>&1 </dev/null &
  waited=0
  until daemon_answers; do
    ((waited++ < 60)) || die "dockerd did not answer within 60 s; last lines of $DOCKERD_LOG:
$(tail -n 20 "$DOCKERD_LOG")"
    sleep 1
  done
  log "dockerd: answering after ${waited}s ($(docker version --format '{{.Server.Version}}, API {{.Server.APIVersion}}'))"
}

image_present() { docker image inspect "$1" >/dev/null 2>&1; }

# The Debian mirror this host already uses, so debootstrap goes where apt goes.
host_debian_mirror() {
  grep -rhoE '(URIs:|deb)[[:space:]]+https?://[^[:space:]]+/debian/?([[:space:]]|$)' \
    /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null |
    grep -oE 'https?://[^[:space:]]+' | head -n 1 || true
}

ensure_base_image() {
  if image_present "$BASE_IMAGE"; then
    log "base image: $BASE_IMAGE present"
    return
  fi
  log "base image: trying to pull $BASE_IMAGE"
  if timeout 60 docker pull -q "$BASE_IMAGE" >/dev/null 2>&1; then
    log "base image: pulled"
    return
  fi
  log "base image: no registry answered; building $BASE_IMAGE with debootstrap (about a minute)"
  local root mirror
  root=$(mktemp -d /var/tmp/junit-sandbox-rootfs.XXXXXX)
  mirror=$(host_debian_mirror)
  # shellcheck disable=SC2064 # expand now: the trap must remove this very directory
  trap "rm -rf '$root'" EXIT
  debootstrap --variant=minbase bookworm "$root" ${mirror:+"$mirror"} >/dev/null ||
    die "debootstrap failed; is a Debian mirror reachable?"
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin
  tar -C "$root" -c . | docker import --change 'CMD ["bash"]' - "$BASE_IMAGE" >/dev/null
  rm -rf "$root"
  trap - EXIT
  log "base image: built $BASE_IMAGE offline"
}

# Must match ProbeImage.java: sha256 over each file's name, a NUL byte and its content, in
# file-name order; the first 12 hex digits tag the image, so a changed source means a new image.
probe_image_tag() {
  local hash
  hash=$(cd "$PROBE_DIR" && for f in $(LC_ALL=C ls); do
    printf '%s\0' "$f"
    cat "$f"
  done | sha256sum | cut -c1-12)
  printf 'junit-sandbox/probe:%s' "$hash"
}

build_probe_image() {
  PROBE_IMAGE=$(probe_image_tag)
  if image_present "$PROBE_IMAGE"; then
    log "probe image: $PROBE_IMAGE present"
    remove_stale_probe_images
    return
  fi
  log "probe image: building $PROBE_IMAGE"
  local build_log
  build_log=$(mktemp)
  # the classic builder works on every engine version, BuildKit is not installed with docker.io
  if ! DOCKER_BUILDKIT=0 docker build --force-rm -t "$PROBE_IMAGE" "$PROBE_DIR" >"$build_log" 2>&1; then
    tail -n 30 "$build_log" >&2
    rm -f "$build_log"
    die "building the probe image failed (output above); retry with: docker build $PROBE_DIR"
  fi
  rm -f "$build_log"
  remove_stale_probe_images
}

# Each change of the probe sources makes a new tag; older ones are never used again.
remove_stale_probe_images() {
  local image
  for image in $(docker images junit-sandbox/probe --format '{{.Repository}}:{{.Tag}}'); do
    [[ $image == "$PROBE_IMAGE" ]] && continue
    docker rmi "$image" >/dev/null 2>&1 && log "probe image: removed stale $image"
  done
  return 0
}

# Containers of a killed test JVM are removed by the library itself when the next test run
# starts: they carry the owning JVM (label dev.junitsandbox.owner), so it removes only those whose
# JVM is dead and never a build that is still running. Here only containers of versions before
# those labels are removed: they have the old label and no owner to ask.
remove_leftover_containers() {
  local leftovers
  leftovers=$(docker ps -a --filter label=dev.junitsandbox \
    --format '{{.ID}} {{.Label "dev.junitsandbox.owner"}}' | awk 'NF == 1 { print $1 }')
  if [[ -n $leftovers ]]; then
    log "containers: removing $(wc -w <<<"$leftovers") left over by an interrupted run of an older version"
    docker rm -f $leftovers >/dev/null
  fi
}

# name of the runtime in junit-sandbox, docker runtime name it looks for by default
KNOWN_RUNTIMES=(
  "RUNC runc" "CRUN crun" "RUNSC runsc" "RUNSC_KVM runsc-kvm"
  "KATA_QEMU kata-qemu" "KATA_FC kata-fc" "KATA_CLH kata-clh"
)

smoke_test() {
  local docker_name=$1 container="junit-sandbox-smoke-$1-$$"
  if timeout 90 docker run --rm --name "$container" --runtime "$docker_name" "$PROBE_IMAGE" \
    sandbox-probe syscall getpid 1000 10 0 >/dev/null 2>&1; then
    echo "ran"
  else
    docker rm -f "$container" >/dev/null 2>&1 || true
    echo "FAILED"
  fi
}

print_runtime_table() {
  local registered entry id name
  registered=$(docker info --format '{{range $name, $_ := .Runtimes}}{{$name}} {{end}}')
  printf '\n%-10s %-31s %-11s %s\n' "runtime" "docker name" "registered" "smoke container"
  for entry in "${KNOWN_RUNTIMES[@]}"; do
    read -r id name <<<"$entry"
    if [[ " $registered " == *" $name "* ]]; then
      printf '%-10s %-31s %-11s %s\n' "$id" "$name" "yes" "$(smoke_test "$name")"
    else
      printf '%-10s %-31s %-11s %s\n' "$id" "$name" "no" "-"
    fi
  done
  for name in $registered; do
    [[ " ${KNOWN_RUNTIMES[*]} " == *" $name "* ]] && continue
    if [[ $name == junit-sandbox-fault-* ]]; then
      # they hang or fail by design: a smoke container would only wait for the timeout
      printf '%-10s %-31s %-11s %s\n' "(test)" "$name" "yes" "- (fault runtime, tests only)"
      continue
    fi
    printf '%-10s %-31s %-11s %s\n' "(other)" "$name" "yes" "$(smoke_test "$name")"
  done
  printf '\nHOST runs the probe binary as a plain process: always available.\n'
}

main() {
  require_root
  install_packages
  register_runtimes
  start_daemon
  ensure_base_image
  remove_leftover_containers
  build_probe_image
  print_runtime_table
}

# sourced by the tests, which call single functions; run when executed
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  main "$@"
fi
