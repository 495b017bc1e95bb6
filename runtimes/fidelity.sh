#!/usr/bin/env bash
# The fidelity benchmark: runs each workload tool by hand in the same container configuration as
# its probe, then the probe, side by side in one run, and prints how far apart their figures are
# (target: within 5% for throughputs and p50 latencies). As root; takes about FIDELITY_MINUTES.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash runtimes/setup.sh
rm -f example-tests/target/fidelity/fidelity.md
mvn -B -ntp verify -pl example-tests -am \
  -Dtest='dev.junitsandbox.fidelity.**' -Dsurefire.failIfNoSpecifiedTests=false

printf '\nFidelity, %s, %s, %s cores:\n\n' "$(date -u +%Y-%m-%d)" "$(uname -r)" "$(nproc)"
cat example-tests/target/fidelity/fidelity.md
