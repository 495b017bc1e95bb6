#!/usr/bin/env bash
# The main job: makes the machine ready (setup.sh), runs the example study in example-tests
# and prints each runtime's figures and where the report is. As root.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash runtimes/setup.sh
# only the example study: -am builds the extension first, -Dtest keeps its own tests out
mvn -B -ntp verify -pl example-tests -am \
  -Dtest='dev.junitsandbox.examples.**' -Dsurefire.failIfNoSpecifiedTests=false

REPORTS=example-tests/target/sandbox-reports
printf '\n%-40s %-8s %-16s %12s %12s\n' "test" "runtime" "probe" "p50" "p50 / host"
find "$REPORTS" -name invocation.json | sort | while read -r report; do
  jq -r '. as $r | .measurements[] | select(.runtime == $r.runtime.id) | . as $m
    | [$r.test.method, .runtime, .probe, (.p50 | tostring) + " ns",
       ([$r.ratiosToHost[] | select(.probe == $m.probe) | .p50][0] // "" | tostring)] | @tsv' "$report"
done | while IFS=$'\t' read -r method runtime probe p50 ratio; do
  [[ -n $ratio ]] && ratio=$(printf '%.2f' "$ratio")
  printf '%-40s %-8s %-16s %12s %12s\n' "$method" "$runtime" "$probe" "$p50" "$ratio"
done
printf '\nReport: %s/ (one invocation.json and .hgrm files per test and runtime)\n' "$(pwd)/$REPORTS"
