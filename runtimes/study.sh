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
# one line per measurement: its headline figure (the first named figure, else the p50 latency)
# and its ratio to the host's measurement of the same probe and parameters in the same test
# method (from the HOST invocation, or from sandbox.host(...) in the same invocation)
find "$REPORTS" -name invocation.json | sort | xargs -r jq -s -r '
  [.[] | . as $r | .measurements[]
    | (if (.figures | length) > 0 then .figures[0] else null end) as $f
    | {key: "\($r.test.class)#\($r.test.method) \(.probe) \(.parameters | tojson)",
       method: $r.test.method, runtime, probe, own: (.runtime == $r.runtime.id),
       value: (if $f then $f.value else .latency.p50 end),
       label: (if $f then "\($f.value * 100 | round / 100) \($f.unit)" else "\(.latency.p50) ns p50" end)}]
  | . as $all
  | .[] | select(.own) | . as $m
  | ([$all[] | select(.runtime == "host" and .key == $m.key)][0]) as $host
  | [.method, .runtime, .probe, .label,
     (if $host == null or .runtime == "host" or $host.value == 0 then ""
      else (.value / $host.value | tostring) end)] | @tsv' |
  { printf '\n%-34s %-7s %-22s %22s %10s\n' "test" "runtime" "probe" "figure" "/ host"
    while IFS=$'\t' read -r method runtime probe figure ratio; do
      [[ -n $ratio ]] && ratio=$(printf '%.2f' "$ratio")
      printf '%-34s %-7s %-22s %22s %10s\n' "$method" "$runtime" "$probe" "$figure" "$ratio"
    done; }
printf '\nReport: %s/ (one invocation.json and .hgrm files per test and runtime)\n' "$(pwd)/$REPORTS"
