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
#   9. Incus (optional: where it cannot be had, the table says why and the rest goes on): installs
#      it where the distribution offers it (Debian 12: bookworm-backports, through a private sources
#      list), starts incusd when none answers, creates a storage pool (btrfs on a loop file where
#      the kernel has btrfs, else dir), a bridge with an explicit
#      IPv4 range (no IPv6, no NAT) and a profile, and imports the probe image's root file system as
#      an Incus image (again only when the probe image changed);
#  10. prints each known runtime, whether the daemon has it, and whether a container ran under it
#      (bounded: a runtime that hangs is killed and reported, not waited for), and Incus's row.
#
# Environment: JUNIT_SANDBOX_DOCKERD_LOG (default /var/log/junit-sandbox-dockerd.log),
# JUNIT_SANDBOX_SMOKE_SECONDS (default 30: how long a smoke container may take),
# JUNIT_SANDBOX_INCUSD_LOG (default /var/log/junit-sandbox-incusd.log),
# JUNIT_SANDBOX_INCUS_SUBNET (default 10.213.47.1/24: the bridge's address and range),
# JUNIT_SANDBOX_INCUS_POOL_SIZE (default 20GiB: the sparse loop file of the btrfs storage pool).
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
# Incus: the names the library looks for (IncusHost.java, IncusInstance.java). The bridge's range is
# private and explicit (Incus cannot pick one by itself here); it must not overlap Docker's
# 172.17.0.0/16 or any route of the machine, which setup checks.
INCUS_SUITE=bookworm-backports
INCUS_SOCKET=/var/lib/incus/unix.socket
INCUSD_LOG=${JUNIT_SANDBOX_INCUSD_LOG:-/var/log/junit-sandbox-incusd.log}
INCUS_SUBNET=${JUNIT_SANDBOX_INCUS_SUBNET:-10.213.47.1/24}
INCUS_POOL=junit-sandbox
INCUS_POOL_SIZE=${JUNIT_SANDBOX_INCUS_POOL_SIZE:-20GiB}
INCUS_NETWORK=junitsandbox0
INCUS_PROFILE=junit-sandbox
INCUS_IMAGE=junit-sandbox-probe
INCUS_INIT=/usr/local/sbin/junit-sandbox-init
# what setup adds to the probe image's files for Incus (init script, /etc/hosts): a change to it
# is a new recipe, which makes setup import the image again
INCUS_IMAGE_RECIPE=2
# why Incus cannot be used here, for the table; empty when it can
INCUS_PROBLEM=''

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
}

print_runtime_notes() {
  printf '\nHOST runs the probe binary as a plain process: always available.\n'
  printf 'A runtime without a constant runs by its docker name: @Runtimes(names = "runsc-20221219").\n'
}

# ---- Incus (optional) ----------------------------------------------------------------------------

incus_answers() { timeout 10 curl -sf --unix-socket "$INCUS_SOCKET" http://incus/1.0 >/dev/null 2>&1; }

# Installs Incus from the machine's own package sources, or on Debian 12 from bookworm-backports
# through a private sources list (bookworm and bookworm-backports, the mirror this host uses): the
# machine's apt configuration is not touched, and nothing else comes from backports.
install_incus() {
  # dnsmasq serves the bridge (Incus reserves each sandbox's fixed address through its DHCP
  # configuration); the incus package only recommends it
  # btrfs-progs: the storage pool is btrfs where the kernel has it (see init_incus)
  if command -v incus >/dev/null && incusd_binary >/dev/null && command -v dnsmasq >/dev/null &&
    command -v mkfs.btrfs >/dev/null; then
    log "Incus: installed ($(incus --version 2>/dev/null || echo '?'))"
    return 0
  fi
  local id='' codename='' work mirror apt=() policy=/usr/sbin/policy-rc.d created_policy=false
  # shellcheck disable=SC1091
  [[ -r /etc/os-release ]] && id=$(. /etc/os-release && echo "${ID:-}") &&
    codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  work=$(mktemp -d /var/tmp/junit-sandbox-incus-apt.XXXXXX)
  if [[ -n $(apt-cache madison incus 2>/dev/null) ]]; then
    log "Incus: installing the distribution's incus"
    apt-get update -qq
  elif [[ $id == debian && $codename == bookworm ]]; then
    mirror=$(host_debian_mirror)
    mkdir -p "$work/lists/partial"
    printf 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s %s main\n' \
      "${mirror:-http://deb.debian.org/debian}" bookworm "${mirror:-http://deb.debian.org/debian}" "$INCUS_SUITE" \
      >"$work/sources.list"
    # the package caches off too: they would be built from these lists, not the machine's
    apt=(-o "Dir::Etc::sourcelist=$work/sources.list" -o Dir::Etc::sourceparts=-
      -o "Dir::State::Lists=$work/lists" -o APT::Sandbox::User=root
      -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= -t "$INCUS_SUITE")
    log "Incus: installing incus from $INCUS_SUITE (a private sources list; the machine's stays as it is)"
    if ! apt-get "${apt[@]:0:12}" -qq update >"$work/apt.log" 2>&1; then
      INCUS_PROBLEM="could not read $INCUS_SUITE's package index ($(tail -n 1 "$work/apt.log" | cut -c1-120))"
      rm -rf "$work"
      return 1
    fi
  else
    INCUS_PROBLEM="${id:-this system} ${codename} offers no incus package that setup knows of; install Incus 6 by hand"
    rm -rf "$work"
    return 1
  fi
  # the package's own service must not start: setup starts incusd itself, with its own log
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod +x "$policy"
    created_policy=true
  fi
  if ! DEBIAN_FRONTEND=noninteractive apt-get "${apt[@]}" install -y -qq --no-install-recommends incus dnsmasq-base btrfs-progs \
    >>"$work/apt.log" 2>&1; then
    INCUS_PROBLEM="apt-get install incus failed ($(grep -m1 -E '^E:' "$work/apt.log" | cut -c1-150))"
  fi
  if $created_policy; then rm -f "$policy"; fi
  rm -rf "$work"
  [[ -z $INCUS_PROBLEM ]] || return 1
  log "Incus: installed $(incus --version 2>/dev/null || echo '?')"
}

# The daemon's binary: Debian puts it outside PATH.
incusd_binary() {
  local candidate
  for candidate in "$(command -v incusd || true)" /usr/libexec/incus/incusd /usr/lib/incus/incusd /usr/bin/incusd; do
    [[ -n $candidate && -x $candidate ]] && { echo "$candidate"; return 0; }
  done
  return 1
}

start_incusd() {
  if incus_answers; then
    log "Incus: incusd running"
    return 0
  fi
  local binary waited=0
  binary=$(incusd_binary) || { INCUS_PROBLEM="incus is installed but no incusd binary was found"; return 1; }
  if pgrep -x incusd >/dev/null; then
    INCUS_PROBLEM="an incusd process runs but does not answer on $INCUS_SOCKET; see its log, stop it and run this script again"
    return 1
  fi
  log "Incus: starting incusd (log: $INCUSD_LOG)"
  # Debian's unit runs it with its helpers (forkexec, ...) and LXC's hooks on PATH
  PATH="$(dirname "$binary"):$PATH" setsid nohup "$binary" --group root >>"$INCUSD_LOG" 2>&1 </dev/null &
  until incus_answers; do
    if ((waited++ >= 60)); then
      INCUS_PROBLEM="incusd did not answer within 60 s; last line of $INCUSD_LOG: $(tail -n 1 "$INCUSD_LOG" | cut -c1-150)"
      return 1
    fi
    sleep 1
  done
  log "Incus: incusd answering after ${waited}s"
}

# dotted quad to a number, for the overlap check
ip_number() {
  local a b c d
  IFS=. read -r a b c d <<<"$1"
  echo $(((a << 24) + (b << 16) + (c << 8) + d))
}

# Prints the routes of the machine (other than our bridge's) whose range overlaps $INCUS_SUBNET.
incus_subnet_clashes() {
  local ours=${INCUS_SUBNET%/*} bits=${INCUS_SUBNET#*/} route net len mask start end rstart rend
  mask=$(((0xFFFFFFFF << (32 - bits)) & 0xFFFFFFFF))
  start=$(($(ip_number "$ours") & mask))
  end=$((start + (1 << (32 - bits)) - 1))
  while read -r route _; do
    [[ $route == default ]] && continue
    net=${route%/*}
    len=${route#*/}
    [[ $route == "$net" ]] && len=32
    mask=$(((0xFFFFFFFF << (32 - len)) & 0xFFFFFFFF))
    rstart=$(($(ip_number "$net") & mask))
    rend=$((rstart + (1 << (32 - len)) - 1))
    ((rstart <= end && start <= rend)) && echo "$route"
  done < <(ip -4 route show | grep -v "dev $INCUS_NETWORK" || true)
}

# The dir pool, the bridge and the profile, each made once; the profile is rewritten to what the
# library expects.
init_incus() {
  local clashes address
  if ! incus storage show "$INCUS_POOL" >/dev/null 2>&1; then
    # btrfs on a loop file where the kernel has it: a container is a snapshot of the unpacked
    # image (create 0.1 s, delete 0.7 s here); with dir every container unpacks the whole image
    # (the probe image: 630 MiB, create 12 s, delete 5 s)
    modprobe btrfs 2>/dev/null || true
    if grep -qw btrfs /proc/filesystems && command -v mkfs.btrfs >/dev/null &&
      incus storage create "$INCUS_POOL" btrfs size="$INCUS_POOL_SIZE" >/dev/null 2>&1; then
      log "Incus: created the storage pool $INCUS_POOL (btrfs on a loop file of $INCUS_POOL_SIZE, sparse)"
    else
      incus storage create "$INCUS_POOL" dir >/dev/null || { INCUS_PROBLEM="could not create the dir storage pool $INCUS_POOL"; return 1; }
      log "Incus: created the dir storage pool $INCUS_POOL (no btrfs here: each container unpacks the image, seconds per launch)"
    fi
  fi
  if ! incus network show "$INCUS_NETWORK" >/dev/null 2>&1; then
    clashes=$(incus_subnet_clashes | tr '\n' ' ')
    if [[ -n $clashes ]]; then
      INCUS_PROBLEM="the bridge's range $INCUS_SUBNET overlaps routes of this machine ($clashes); pick another with JUNIT_SANDBOX_INCUS_SUBNET"
      return 1
    fi
    # explicit: Incus cannot choose a range by itself here; DHCP stays on only because Incus
    # reserves fixed addresses through it (the sandboxes set theirs themselves); traffic stays
    # between this machine and its sandboxes, so no NAT, no IPv6, no DNS
    incus network create "$INCUS_NETWORK" \
      ipv4.address="$INCUS_SUBNET" ipv4.nat=false ipv6.address=none dns.mode=none \
      ipv4.dhcp.ranges="$(incus_dhcp_range)" >/dev/null ||
      { INCUS_PROBLEM="could not create the bridge $INCUS_NETWORK ($INCUS_SUBNET)"; return 1; }
    log "Incus: created the bridge $INCUS_NETWORK ($INCUS_SUBNET, no NAT, no IPv6)"
  fi
  address=$(incus network get "$INCUS_NETWORK" ipv4.address 2>/dev/null || true)
  if [[ $address != "$INCUS_SUBNET" ]]; then
    log "Incus: the bridge $INCUS_NETWORK has ${address:-no IPv4 range}, not $INCUS_SUBNET; kept as it is"
  fi
  incus profile show "$INCUS_PROFILE" >/dev/null 2>&1 || incus profile create "$INCUS_PROFILE" >/dev/null
  # the image has no init system: its PID 1 is junit-sandbox's small init script
  incus profile edit "$INCUS_PROFILE" <<EOF_PROFILE || { INCUS_PROBLEM="could not write the profile $INCUS_PROFILE"; return 1; }
description: junit-sandbox's Incus sandboxes (runtimes/setup.sh)
config:
  raw.lxc: lxc.init.cmd = $INCUS_INIT
devices:
  root:
    type: disk
    path: /
    pool: $INCUS_POOL
  eth0:
    type: nic
    network: $INCUS_NETWORK
    name: eth0
EOF_PROFILE
}

# The first addresses of the range after the bridge's own, for DHCP: the library gives each sandbox
# a fixed address from the rest.
incus_dhcp_range() {
  local base=${INCUS_SUBNET%/*}
  echo "${base%.*}.2-${base%.*}.15"
}

# PID 1 of every Incus sandbox (lxc.init.cmd): runs the shell command line junit-sandbox gives it in
# JUNIT_SANDBOX_COMMAND, or sleeps until the container is stopped.
incus_init_script() {
  cat <<'EOF_INIT'
#!/bin/sh
# PID 1 of a junit-sandbox Incus container (lxc.init.cmd in its profile): runs the shell command
# line junit-sandbox passes in JUNIT_SANDBOX_COMMAND, or sleeps until the container is stopped.
exec /bin/sh -c "${JUNIT_SANDBOX_COMMAND:-exec sleep infinity}"
EOF_INIT
}

incus_image_property() {
  local target
  target=$(incus query "/1.0/images/aliases/$INCUS_IMAGE" 2>/dev/null | jq -r '.target // empty') || true
  [[ -n $target ]] || return 0
  incus query "/1.0/images/$target" 2>/dev/null | jq -r --arg p "$1" '.properties[$p] // empty'
}

# The probe image's root file system (docker create + docker export) plus the init script and a
# metadata.yaml, imported as $INCUS_IMAGE: both kinds of sandbox run the very same tool binaries.
# Only when the probe image changed (its id is kept in the Incus image's properties).
import_incus_image() {
  local want have work cid old
  want=$(docker image inspect -f '{{.Id}}' "$PROBE_IMAGE")
  have=$(incus_image_property junit-sandbox.probe-image-id)
  if [[ $have == "$want" && $(incus_image_property junit-sandbox.recipe) == "$INCUS_IMAGE_RECIPE" ]]; then
    log "Incus: image $INCUS_IMAGE present (from $PROBE_IMAGE)"
    return 0
  fi
  log "Incus: importing $PROBE_IMAGE's root file system as image $INCUS_IMAGE"
  work=$(mktemp -d /var/tmp/junit-sandbox-incus-image.XXXXXX)
  cid=$(docker create --label dev.junitsandbox.setup=incus-export "$PROBE_IMAGE" true)
  docker export "$cid" >"$work/rootfs.tar"
  docker rm "$cid" >/dev/null
  mkdir -p "$work/add/${INCUS_INIT%/*}"
  incus_init_script >"$work/add/$INCUS_INIT"
  chmod 0755 "$work/add/$INCUS_INIT"
  # Docker bind-mounts /etc/hosts into its containers; the exported file is empty, and without
  # "localhost" there MariaDB's mariadb-install-db refuses to run
  mkdir -p "$work/add/etc"
  printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"$work/add/etc/hosts"
  # Docker's marker file says "in a Docker container", which an Incus container is not
  tar --delete -f "$work/rootfs.tar" .dockerenv etc/hosts 2>/dev/null || true
  tar -rf "$work/rootfs.tar" -C "$work/add" "${INCUS_INIT#/}" etc/hosts
  cat >"$work/metadata.yaml" <<EOF_META
architecture: $(uname -m)
creation_date: $(date +%s)
properties:
  description: junit-sandbox probe image ($PROBE_IMAGE)
  os: debian
  release: bookworm
  junit-sandbox.probe-image: $PROBE_IMAGE
  junit-sandbox.probe-image-id: $want
  junit-sandbox.recipe: "$INCUS_IMAGE_RECIPE"
EOF_META
  tar -C "$work" -cf "$work/metadata.tar" metadata.yaml
  old=$(incus query "/1.0/images/aliases/$INCUS_IMAGE" 2>/dev/null | jq -r '.target // empty' || true)
  [[ -n $old ]] && incus image delete "$old" >/dev/null 2>&1
  if ! incus image import "$work/metadata.tar" "$work/rootfs.tar" --alias "$INCUS_IMAGE" >"$work/import.log" 2>&1; then
    INCUS_PROBLEM="importing the image failed: $(tail -n 1 "$work/import.log" | cut -c1-150)"
    rm -rf "$work"
    return 1
  fi
  rm -rf "$work"
  log "Incus: imported $INCUS_IMAGE"
}

setup_incus() {
  install_incus && start_incusd && init_incus && import_incus_image || true
  [[ -n $INCUS_PROBLEM ]] && log "Incus: not usable: $INCUS_PROBLEM (Incus is optional; the Docker runtimes are not affected)"
  return 0
}

# One short container of the image, bounded: launch, exec echo, delete; prints "ran" or "FAILED: ...".
incus_smoke_test() {
  local name=junit-sandbox-smoke-$$ out status=0
  out=$(timeout -k 5 "$SMOKE_SECONDS" sh -c "incus launch '$INCUS_IMAGE' '$name' --profile '$INCUS_PROFILE' \
    --config user.dev.junitsandbox=smoke >/dev/null && incus exec '$name' -- echo ran" 2>&1) || status=$?
  timeout 60 incus delete --force "$name" >/dev/null 2>&1 || true
  if ((status == 0)) && [[ $out == ran ]]; then
    echo ran
  elif ((status == 124 || status == 137)); then
    echo "HUNG: no answer within ${SMOKE_SECONDS}s"
  else
    echo "FAILED: $(tail -n 1 <<<"$out" | cut -c1-150)"
  fi
}

print_incus_row() {
  local smoke version
  if [[ -n $INCUS_PROBLEM ]]; then
    printf '%-13s %-27s %-18s %s\n' "INCUS" "(not a docker runtime)" "-" "not usable: $INCUS_PROBLEM"
    return
  fi
  smoke=$(incus_smoke_test)
  version=$(incus query /1.0 2>/dev/null | jq -r '"Incus \(.environment.server_version), system containers (\(.environment.driver))"' || echo Incus)
  printf '%-13s %-27s %-18s %s\n' "INCUS" "(not a docker runtime)" "$smoke" \
    "$version, bridge $INCUS_NETWORK $(incus network get "$INCUS_NETWORK" ipv4.address 2>/dev/null)"
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
  setup_incus
  print_runtime_table
  print_incus_row
  print_runtime_notes
}

# sourced by the tests, which call single functions; run when executed
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  main "$@"
fi
