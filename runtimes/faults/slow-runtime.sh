#!/bin/bash
# A test-only OCI runtime that is runc made slower by a known amount: registered with the daemon as
# junit-sandbox-fault-slow by runtimes/setup.sh, for the gate's sensitivity bench
# (runtimes/gate-bench.sh), which stands for a runtime upgrade that regressed. What it adds is
# read from /run/junit-sandbox/slow-runtime.conf at each "create", lines of KEY=VALUE:
#   CPUS=0.90            a CFS quota of 0.90 CPU on the container (period 100 ms), written into its
#                        cgroup once runc has created it: a CPU-bound probe gets 90% of the time it
#                        had, as if the runtime cost 10% more CPU
#   CREATE_DELAY_MS=40   a pause before runc's create: every container starts that much later, as
#                        if the runtime's setup took longer
# Without the file (or with neither key) it is runc, plus this script's own fork and exec. Setup
# registers it a second time as junit-sandbox-fault-steady (steady-runtime.sh, a link to this file),
# which never reads the file: the bench's side-by-side reference, so that both sides pay this
# script's fork and exec and an A/A run compares the same code path on both sides. Every
# other command (start, state, kill, delete) goes to runc unchanged. Only shell builtins besides
# runc and sleep: a JSON tool's own start (jq takes some 10 ms) would slow every launch beyond the
# pause it is given.
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH
CONF=/run/junit-sandbox/slow-runtime.conf

cpus=""
delay_ms=""
if [ "${0##*/}" != steady-runtime.sh ] && [ -r "$CONF" ]; then
  while IFS='=' read -r key value; do
    case $key in
      CPUS) cpus=$value ;;
      CREATE_DELAY_MS) delay_ms=$value ;;
    esac
  done <"$CONF"
fi

creating=false
pid_file=""
previous=""
for argument in "$@"; do
  case $previous in --pid-file) pid_file=$argument ;; esac
  case $argument in
    create) creating=true ;;
    --pid-file=*) pid_file=${argument#--pid-file=} ;;
  esac
  previous=$argument
done
$creating || exec runc "$@"

if [ -n "$delay_ms" ]; then
  printf -v seconds '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000))
  sleep "$seconds"
fi
runc "$@" || exit
if [ -n "$cpus" ]; then
  # the container's cgroup, from its init process: cgroup v1's cpu controller, else v2's
  read -r pid <"$pid_file"
  v1="" v2=""
  while IFS=: read -r _ controllers path; do
    case ,$controllers, in *,cpu,*) v1=$path ;; ,,) v2=$path ;; esac
  done <"/proc/$pid/cgroup"
  printf -v quota '%.0f' "${cpus}e5"
  if [ -n "$v1" ]; then
    echo 100000 >"/sys/fs/cgroup/cpu$v1/cpu.cfs_period_us" &&
      echo "$quota" >"/sys/fs/cgroup/cpu$v1/cpu.cfs_quota_us"
  else
    echo "$quota 100000" >"/sys/fs/cgroup$v2/cpu.max"
  fi || { echo "junit-sandbox-fault-slow: cannot set CPUS=$cpus on pid $pid" >&2; exit 1; }
fi
