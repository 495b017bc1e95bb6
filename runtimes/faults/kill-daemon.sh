#!/usr/bin/env bash
# Kills dockerd (SIGKILL) while a junit-sandbox probe runs in a runc sandbox, restarts it as
# runtimes/setup.sh does, and shows what the user sees and what is left: the test
# DaemonKillTests, which the default build skips because it takes the daemon away from everything
# else on the machine for a few seconds. Run as root from anywhere, after runtimes/setup.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
[[ $(id -u) -eq 0 ]] || { echo "run as root: it kills and restarts dockerd" >&2; exit 1; }
mvn -B -ntp -pl junit-sandbox-extension verify -Djunit-sandbox-tests.kill-daemon=true \
  -Dtest=DaemonKillTests -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | tee /tmp/junit-sandbox-kill-daemon.log |
  grep -E '^\[kill-daemon\]|^\[setup\]|Tests run:|FAIL|BUILD' || true
echo "--- afterwards"
echo "labelled containers: $(docker ps -aq --filter label=dev.junitsandbox | wc -l) (other runs' included)"
echo "dockerd: $(pgrep -x dockerd || echo none), containerd: $(pgrep -x containerd || echo none)"
grep -q 'BUILD SUCCESS' /tmp/junit-sandbox-kill-daemon.log
