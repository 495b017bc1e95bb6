#!/usr/bin/env bash
# Makes a Debian 12 or Ubuntu machine ready for junit-sandbox, as root. Idempotent: a second
# run checks everything and changes nothing, in seconds.
#
#   1. installs Docker Engine, containerd, crun, the distribution's gVisor (runsc) and the host
#      tools the probes use (with a C compiler: the HOST baseline builds its probe binary);
#   2. installs the current gVisor build, pinned, under /opt/junit-sandbox/gvisor/<version>/;
#   3. on a hybrid cgroup host, moves the controllers left in the unified hierarchy to v1 (crun);
#   4. registers crun, the gVisor builds and the test-only fault runtimes (runtimes/faults/) with
#      the daemon by merging into /etc/docker/daemon.json;
#   5. starts dockerd when none answers (coping with a stale pid file or socket);
#   6. makes the base image available (pull, or build it offline with debootstrap);
#   7. builds the probe image;
#   8. per gVisor build, once: tries its own network stack, falls back to --network=host;
#   9. prints each known runtime, whether the daemon has it, and whether a container ran under it
#      (bounded: a runtime that hangs is killed and reported, not waited for).
#
# Environment: JUNIT_SANDBOX_DOCKERD_LOG (default /var/log/junit-sandbox-dockerd.log),
# JUNIT_SANDBOX_SMOKE_SECONDS (default 30: how long a smoke container may take).
set -euo pipefail

RUNTIMES_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROBE_DIR=$RUNTIMES_DIR/probe
BASE_IMAGE=debian:bookworm-slim
DAEMON_JSON=/etc/docker/daemon.json
DOCKERD_LOG=${JUNIT_SANDBOX_DOCKERD_LOG:-/var/log/junit-sandbox-dockerd.log}
# What setup decided and wrote, so that a second run changes nothing and never touches an entry
# of daemon.json that a user wrote.
STATE_DIR=/var/lib/junit-sandbox
# The current gVisor build that Debian 12's package sources offer (bookworm-backports). Pinned
# by version and checksum: a new build is a decision (compare it side by side with this one
# first), not something a setup run picks up. apt-get also checks it against the signed index.
GVISOR_DIR=/opt/junit-sandbox/gvisor
GVISOR_SUITE=bookworm-backports
GVISOR_PACKAGE_VERSION=0.0~20240729.0-4~bpo12+2
GVISOR_SHA256_amd64=afdde883e3876ea807e19c708d4432674a20cb10186a7a5b554d62f38ea8de46
SMOKE_SECONDS=${JUNIT_SANDBOX_SMOKE_SECONDS:-30}
# Test-only OCI runtimes that hang, fail or are slow (runtimes/faults/), for the library's fault
# tests and the gate's sensitivity bench.
# Installed outside the checkout, so that the daemon's configuration does not point into it.
FAULTS_DIR=/usr/local/lib/junit-sandbox/faults
FAULT_RUNTIMES=("junit-sandbox-fault-hang hang-runtime.sh" "junit-sandbox-fault-broken broken-runtime.sh"
  "junit-sandbox-fault-slow slow-runtime.sh" "junit-sandbox-fault-steady steady-runtime.sh")

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
  command -v crun >/dev/null || missing+=(crun)
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

# The version in a gVisor binary's `--version` line ("runsc version 0.0~20240729.0"): 20240729.
gvisor_version() { { "$1" --version 2>/dev/null || true; } | sed -nE '1s/^runsc version ([0-9.]+~)?([0-9]+).*/\2/p'; }

# Fetches the pinned gVisor build from the distribution's backports through a private sources
# list (the machine's apt configuration stays as it is) and unpacks its static binary.
install_current_gvisor() {
  local version=${GVISOR_PACKAGE_VERSION#0.0~}
  version=${version%%.*}
  local dir=$GVISOR_DIR/$version
  if [[ -x $dir/runsc && $(gvisor_version "$dir/runsc") == "$version" ]]; then
    log "gVisor: $version present ($dir/runsc)"
    return
  fi
  local id='' codename=''
  # shellcheck disable=SC1091
  [[ -r /etc/os-release ]] && id=$(. /etc/os-release && echo "${ID:-}") &&
    codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  if [[ $id != debian || $codename != bookworm ]]; then
    log "gVisor: no pinned current build for ${id:-this system} ${codename}; only the distribution's runsc is registered"
    return
  fi
  local arch work mirror deb sha want
  arch=$(dpkg --print-architecture)
  work=$(mktemp -d /var/tmp/junit-sandbox-gvisor.XXXXXX)
  mirror=$(host_debian_mirror)
  mkdir -p "$work/lists/partial"
  printf 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s %s main\n' \
    "${mirror:-http://deb.debian.org/debian}" "$GVISOR_SUITE" >"$work/sources.list"
  local apt=(-o "Dir::Etc::sourcelist=$work/sources.list" -o Dir::Etc::sourceparts=-
    -o "Dir::State::Lists=$work/lists" -o APT::Sandbox::User=root)
  log "gVisor: fetching runsc $GVISOR_PACKAGE_VERSION from $GVISOR_SUITE"
  if ! apt-get "${apt[@]}" -qq update >"$work/apt.log" 2>&1 ||
    ! (cd "$work" && apt-get "${apt[@]}" -qq download "runsc=$GVISOR_PACKAGE_VERSION") >>"$work/apt.log" 2>&1; then
    cat "$work/apt.log" >&2
    rm -rf "$work"
    die "could not download runsc $GVISOR_PACKAGE_VERSION from $GVISOR_SUITE (apt output above); is the Debian mirror reachable?"
  fi
  deb=$(ls "$work"/runsc_*.deb)
  want=GVISOR_SHA256_$arch
  sha=$(sha256sum "$deb" | cut -d' ' -f1)
  if [[ -n ${!want:-} && $sha != "${!want}" ]]; then
    rm -rf "$work"
    die "runsc $GVISOR_PACKAGE_VERSION ($arch) has sha256 $sha, pinned ${!want}; the package changed under the same version: check it before changing the pin in $0"
  fi
  [[ -n ${!want:-} ]] || log "gVisor: no pinned checksum for $arch; relying on apt's signed index"
  dpkg-deb -x "$deb" "$work/root"
  install -D -m 0755 "$work/root/usr/bin/runsc" "$dir/runsc"
  rm -rf "$work"
  log "gVisor: installed $version at $dir/runsc ($(gvisor_version "$dir/runsc"))"
}

# Prints nothing when this machine can run KVM guests, else what was checked and found.
kvm_unusable_reason() {
  if [[ ! -e /dev/kvm ]]; then
    echo "no KVM here: /dev/kvm does not exist"
  elif ! grep -qwE 'vmx|svm' /proc/cpuinfo; then
    echo "no KVM here: /dev/kvm exists but the CPU shows no vmx or svm flag in /proc/cpuinfo"
  elif ! { : <>/dev/kvm; } 2>/dev/null; then
    echo "no KVM here: /dev/kvm cannot be opened for reading and writing"
  fi
}

# crun refuses a hybrid cgroup host (v1 hierarchies plus a unified one at
# /sys/fs/cgroup/unified) while the unified hierarchy still holds controllers: "cgroups in hybrid
# mode not supported, drop all controllers from cgroupv2". Mounting a v1 hierarchy for such a
# controller moves it out of the unified one. Hosts that are pure v1 or pure v2 are not touched.
prepare_cgroups_for_crun() {
  local unified=/sys/fs/cgroup/unified controller moved=()
  command -v crun >/dev/null || return 0
  [[ -r $unified/cgroup.controllers ]] || return 0
  for controller in $(cat "$unified/cgroup.controllers"); do
    mkdir -p "/sys/fs/cgroup/$controller"
    mount -t cgroup -o "$controller" cgroup "/sys/fs/cgroup/$controller" ||
      die "could not mount a v1 hierarchy for the $controller controller at /sys/fs/cgroup/$controller; crun cannot run on this hybrid host until the unified hierarchy holds no controllers"
    moved+=("$controller")
  done
  if ((${#moved[@]})); then
    log "cgroups: hybrid host: moved ${moved[*]} from the unified (v2) hierarchy to v1 at /sys/fs/cgroup/, because crun refuses a hybrid host whose unified hierarchy holds controllers (lasts until reboot; setup does it again)"
  fi
}

# The network mode decided for a gVisor build, from an earlier run: "sandbox", "host" or nothing.
network_mode() { cat "$STATE_DIR/gvisor-network-$1" 2>/dev/null || true; }

# runtimeArgs for a gVisor build: its own network stack unless it failed here (see
# decide_gvisor_networks), then the host's.
gvisor_args() {
  local version=$1
  shift
  if [[ $(network_mode "$version") == host ]]; then set -- "$@" --network=host; fi
  if (($# == 0)); then echo '[]'; else printf '%s\n' "$@" | jq -cRs 'split("\n") | map(select(. != ""))'; fi
}

# The entries junit-sandbox registers, as a JSON object of daemon.json runtimes.
wanted_runtimes() {
  local json='{}' current='' current_version='' distro distro_version kvm entry name script
  current=$(ls "$GVISOR_DIR"/*/runsc 2>/dev/null | sort | tail -n 1 || true)
  [[ -n $current ]] && current_version=$(gvisor_version "$current")
  distro=$(command -v runsc || true)
  distro_version=$([[ -n $distro ]] && gvisor_version "$distro" || true)
  kvm=$(kvm_unusable_reason)
  add() { json=$(jq --arg name "$1" --arg path "$2" --argjson args "$3" \
    '.[$name] = ({path: $path} + (if $args == [] then {} else {runtimeArgs: $args} end))' <<<"$json"); }
  if [[ -n $current_version ]]; then
    add runsc "$current" "$(gvisor_args "$current_version")"
    add runsc-ptrace "$current" "$(gvisor_args "$current_version" --platform=ptrace)"
    # gVisor's KVM platform never starts a container without usable KVM: it spins
    [[ -z $kvm ]] && add runsc-kvm "$current" "$(gvisor_args "$current_version" --platform=kvm)"
  fi
  if [[ -n $distro_version ]]; then
    # the distribution's build beside the current one, under a name that carries its version;
    # where no current build could be installed it is also plain "runsc"
    add "runsc-$distro_version" "$distro" "$(gvisor_args "$distro_version")"
    [[ -z $current_version ]] && add runsc "$distro" "$(gvisor_args "$distro_version")"
  fi
  if command -v crun >/dev/null; then add crun "$(command -v crun)" '[]'; fi
  # test-only runtimes that hang or fail (runtimes/faults/), installed outside the checkout so
  # that the daemon's configuration does not point into it
  mkdir -p "$FAULTS_DIR"
  for entry in "${FAULT_RUNTIMES[@]}"; do
    read -r name script <<<"$entry"
    if ! cmp -s "$RUNTIMES_DIR/faults/$script" "$FAULTS_DIR/$script"; then
      install -m 0755 "$RUNTIMES_DIR/faults/$script" "$FAULTS_DIR/$script"
      log "fault runtimes: installed $FAULTS_DIR/$script" >&2
    fi
    add "$name" "$FAULTS_DIR/$script" '[]'
  done
  printf '%s\n' "$json"
}

# Merges the wanted runtimes into daemon.json. An entry is ours to write when daemon.json lacks
# it, or has exactly what setup wrote last time ($STATE_DIR/daemon-runtimes.json), or what older
# versions of this script wrote; any other entry is a user's and is kept as it is. Entries setup
# wrote that are no longer wanted (e.g. runsc-kvm once KVM is gone) are removed.
register_runtimes() {
  local current wanted previous merged kept
  mkdir -p "$(dirname "$DAEMON_JSON")" "$STATE_DIR"
  current='{}'
  if [[ -s $DAEMON_JSON ]]; then
    current=$(cat "$DAEMON_JSON")
    jq -e 'type == "object"' <<<"$current" >/dev/null 2>&1 ||
      die "$DAEMON_JSON is not a JSON object; fix or move it, then run this script again"
  fi
  wanted=$(wanted_runtimes)
  previous=$(cat "$STATE_DIR/daemon-runtimes.json" 2>/dev/null || echo '{}')
  # what versions before the state file wrote
  local legacy='{"runsc": {"path": "/usr/bin/runsc", "runtimeArgs": ["--network=host"]}}'
  local ours='def ours($n): .runtimes[$n] == null or .runtimes[$n] == $prev[$n] or .runtimes[$n] == $legacy[$n] or ($n | startswith("junit-sandbox-fault-"));'
  merged=$(jq --argjson want "$wanted" --argjson prev "$previous" --argjson legacy "$legacy" "$ours"'
    .runtimes = (.runtimes // {})
    | reduce ($prev | keys[]) as $n (.;
        if $want[$n] == null and .runtimes[$n] == $prev[$n] then del(.runtimes[$n]) else . end)
    | reduce ($want | to_entries[]) as $e (.; if ours($e.key) then .runtimes[$e.key] = $e.value else . end)' \
    <<<"$current")
  kept=$(jq -r --argjson want "$wanted" --argjson prev "$previous" --argjson legacy "$legacy" "$ours"'
    [$want | keys[] as $n | select(($current | ours($n)) | not) | $n] | join(" ")' \
    --argjson current "$current" -n)
  [[ -n $kept ]] && log "daemon.json: kept your own entries for $kept (not written by this script)"
  jq --argjson merged "$merged" -n '$merged.runtimes' |
    jq --argjson want "$wanted" 'with_entries(select(.value == $want[.key]))' \
      >"$STATE_DIR/daemon-runtimes.json.tmp"
  mv "$STATE_DIR/daemon-runtimes.json.tmp" "$STATE_DIR/daemon-runtimes.json"
  if [[ $(jq -S . <<<"$merged") == "$(jq -S . <<<"$current")" ]]; then
    log "daemon.json: runtimes already registered ($(jq -r '.runtimes | keys | join(", ")' <<<"$merged"))"
    return
  fi
  [[ -s $DAEMON_JSON ]] && cp "$DAEMON_JSON" "$DAEMON_JSON.before-junit-sandbox"
  printf '%s\n' "$merged" >"$DAEMON_JSON.tmp"
  mv "$DAEMON_JSON.tmp" "$DAEMON_JSON"
  log "daemon.json: registered $(jq -r --argjson old "$current" '.runtimes | to_entries | map(select(.value != $old.runtimes[.key])) | map(.key + " (" + .value.path + (if .value.runtimeArgs then " " + (.value.runtimeArgs | join(" ")) else "" end) + ")") | join(", ")' <<<"$merged")"
  DAEMON_JSON_CHANGED=1
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
  "RUNC runc" "CRUN crun" "RUNSC runsc" "RUNSC_PTRACE runsc-ptrace" "RUNSC_KVM runsc-kvm"
  "KATA_QEMU kata-qemu" "KATA_FC kata-fc" "KATA_CLH kata-clh"
)

# Kills what is left of a container whose runtime hangs or failed half-way, and removes it.
# Its containerd shim is the subreaper of everything the runtime started, so the shim's tree is
# all of it; gVisor's sandbox process also names the container id on its command line.
descendants() {
  local child
  for child in $(pgrep -P "$1" || true); do
    echo "$child"
    descendants "$child"
  done
}

reap_container() {
  local id=$1 pids shim
  pids=$(pgrep -f -- "$id" || true)
  for shim in $(pgrep -f -- "containerd-shim.*-id $id" || true); do
    pids+=" $shim $(descendants "$shim")"
  done
  pids=$(tr ' ' '\n' <<<"$pids" | grep -E '^[0-9]+$' | grep -vx "$$" | sort -u | tr '\n' ' ' || true)
  [[ -n ${pids// /} ]] && kill -9 $pids 2>/dev/null
  timeout 30 docker rm -f "$id" >/dev/null 2>&1 || true
  [[ -n ${pids// /} ]] && echo "killed $(wc -w <<<"$pids") host processes"
  return 0
}

# Runs one short container under a runtime, bounded: prints "ran", "FAILED: <why>" or
# "HUNG: ...", and leaves nothing behind either way.
smoke_test() {
  local docker_name=$1 cidfile out status id reaped
  cidfile=$(mktemp -u /tmp/junit-sandbox-smoke.XXXXXX)
  if out=$(timeout -k 5 "$SMOKE_SECONDS" docker run --rm --cidfile "$cidfile" --runtime "$docker_name" \
    --label dev.junitsandbox.setup=smoke "$PROBE_IMAGE" sandbox-probe syscall getpid 1000 10 0 2>&1 >/dev/null); then
    status=0
  else
    status=$?
  fi
  id=$(cat "$cidfile" 2>/dev/null || true)
  rm -f "$cidfile"
  if ((status == 0)); then
    echo "ran"
    return
  fi
  reaped=''
  [[ -n $id ]] && reaped=$(reap_container "$id")
  if ((status == 124 || status == 137)); then
    echo "HUNG: no result within ${SMOKE_SECONDS}s${reaped:+; $reaped}"
  else
    echo "FAILED: $({ grep -m1 -oE '(error|Error)[^"]*' <<<"$out" || head -n1 <<<"$out"; } | cut -c1-150)${reaped:+; $reaped}"
  fi
}

# Once per gVisor build: runs a container with its own network stack; where that fails, records
# "host" so that it is registered with --network=host from then on. Network figures depend on
# which one runs, so the table and the report say it.
decide_gvisor_networks() {
  local changed=0 name path version result
  for name in $(jq -r '.runtimes | to_entries[] | select(.key | startswith("runsc")) | select(.key != "runsc-kvm") | .key' "$DAEMON_JSON"); do
    path=$(jq -r --arg n "$name" '.runtimes[$n].path' "$DAEMON_JSON")
    version=$(gvisor_version "$path")
    [[ -n $version && -z $(network_mode "$version") ]] || continue
    # only an entry setup wrote without a --network flag tells us about the build's own stack
    jq -e --arg n "$name" '.[$n] != null and ((.[$n].runtimeArgs // []) | any(startswith("--network")) | not)' \
      "$STATE_DIR/daemon-runtimes.json" >/dev/null || continue
    result=$(smoke_test "$name")
    if [[ $result == ran ]]; then
      echo sandbox >"$STATE_DIR/gvisor-network-$version"
      log "gVisor $version: its own network stack works here"
    else
      echo host >"$STATE_DIR/gvisor-network-$version"
      log "gVisor $version: its own network stack failed here ($result); registering it with --network=host"
      changed=1
    fi
  done
  if ((changed)); then
    register_runtimes
    log "dockerd: reloading its configuration"
    pkill -HUP -x dockerd
    sleep 1
  fi
}

# version, platform and network of a registered runtime, for the table
describe_registered() {
  local name=$1 path args version platform network
  # as the daemon has it: runc is built in, the others come from daemon.json
  path=$(jq -r --arg n "$name" '.[$n].path // empty' <<<"$REGISTERED_JSON")
  [[ -n $path ]] || return 0
  args=$(jq -r --arg n "$name" '(.[$n].runtimeArgs // []) | join(" ")' <<<"$REGISTERED_JSON")
  version=$(gvisor_version "$path")
  if [[ -n $version ]]; then
    platform=$(grep -oE -- '--platform=[a-z]+' <<<"$args" | cut -d= -f2 || true)
    platform=${platform:-$({ "$path" flags 2>&1 || true; } | sed -nE '/^ *-platform /{n;s/.*\(default "([a-z]+)"\).*/\1/p}')}
    network=$(grep -oE -- '--network=[a-z]+' <<<"$args" | cut -d= -f2 || true)
    echo "gVisor $version, platform ${platform:-?}, network ${network:-sandbox}"
  else
    { "$path" --version 2>/dev/null || true; } | head -n 1 | cut -c1-50
  fi
}

# Why a known runtime is not registered, and whether it could run here if it were.
not_registered_reason() {
  local id=$1 kvm
  kvm=$(kvm_unusable_reason)
  case $id in
    RUNSC_KVM) echo "not registered: ${kvm:-gVisor not installed}" ;;
    KATA_*) echo "not installed${kvm:+; even installed it could not run: $kvm}" ;;
    *) echo "not installed" ;;
  esac
}

print_runtime_table() {
  local registered entry id name
  REGISTERED_JSON=$(docker info --format '{{json .Runtimes}}')
  registered=$(jq -r 'keys | join(" ")' <<<"$REGISTERED_JSON")
  printf '\n%-13s %-27s %-18s %s\n' "runtime" "docker name" "smoke container" "what it is"
  for entry in "${KNOWN_RUNTIMES[@]}"; do
    read -r id name <<<"$entry"
    if [[ " $registered " == *" $name "* ]]; then
      printf '%-13s %-27s %-18s %s\n' "$id" "$name" "$(smoke_test "$name")" "$(describe_registered "$name")"
    else
      printf '%-13s %-27s %-18s %s\n' "$id" "$name" "-" "$(not_registered_reason "$id")"
    fi
  done
  for name in $registered; do
    [[ " ${KNOWN_RUNTIMES[*]} " == *" $name "* ]] && continue
    case $name in
      # they hang or fail by design: a smoke container would only wait for the timeout
      junit-sandbox-fault-*) printf '%-13s %-27s %-18s %s\n' "(test)" "$name" "-" "fault runtime, for the library's tests" ;;
      # the daemon's own names for runc
      io.containerd.*) ;;
      *) printf '%-13s %-27s %-18s %s\n' "(by name)" "$name" "$(smoke_test "$name")" "$(describe_registered "$name")" ;;
    esac
  done
  printf '\nHOST runs the probe binary as a plain process: always available.\n'
  printf 'A runtime without a constant runs by its docker name: @Runtimes(names = "runsc-20221219").\n'
}

main() {
  require_root
  install_packages
  install_current_gvisor
  prepare_cgroups_for_crun
  register_runtimes
  start_daemon
  ensure_base_image
  remove_leftover_containers
  build_probe_image
  decide_gvisor_networks
  print_runtime_table
}

# sourced by the tests, which call single functions; run when executed
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  main "$@"
fi
