#!/usr/bin/env bash
# The main job: makes the machine ready (setup.sh), runs the example study in example-tests
# and says where the report is. The run summary table (headline figure per runtime and its
# ratio to the host) is printed by the library at the end of the Maven output. As root.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash runtimes/setup.sh
started=$SECONDS
# only the example study: -am builds the extension first, -Dtest keeps its own tests out;
# arguments go on to Maven, e.g. -Dstudy.preset=li2021 for Li et al.'s parameters (docs/metrics.md)
mvn -B -ntp verify -pl example-tests -am \
  -Dtest='dev.junitsandbox.examples.**' -Dsurefire.failIfNoSpecifiedTests=false "$@"

REPORTS=example-tests/target/sandbox-reports
printf '\nStudy finished in %d min %d s.\n' $(((SECONDS - started) / 60)) $(((SECONDS - started) % 60))
printf 'Open the report: %s/index.html\n' "$(pwd)/$REPORTS"
printf 'Data behind it: %s/results.json (schema: docs/report-schema.md)\n' "$(pwd)/$REPORTS"
