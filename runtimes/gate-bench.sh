#!/usr/bin/env bash
# The gate bench (issue 13), both ways to gate, each run in a JVM of its own through the JUnit
# launcher as `mvn verify` makes it (example-tests' dev.junitsandbox.gatebench):
#   stored baseline: GateBenchSuite (cpu events/s and getpid p50 on the host and runc, runc's
#                container startup), ROUNDS rounds, gated against the baseline the previous
#                baseline run saved (-Djunit.sandbox.gate.baseline=...);
#   side by side:    SideBySideSuite (cpu events/s, startup), runc against runc through the same
#                wrapper never slowed (junit-sandbox-fault-steady), TRIALS trials a side, judged by
#                Gate.judge.
# Each of the COUNT iterations makes both kinds of run twice:
#   sensitivity: runc slowed by SLOWDOWN (junit-sandbox-fault-slow, runtimes/faults/slow-runtime.sh):
#                a CPU quota of 1 - SLOWDOWN on every container (cpu's events/s) and a pause of
#                SLOWDOWN x the baseline's runc startup median before every runc create (startup).
#                Target: a regression in 19 of 20 runs.
#   A/A:         the same without the slowdown; nothing changed, so every regression or improvement
#                is a false verdict. Target: no regression. The A/A stored-baseline run saves the
#                baseline the next iteration is gated against.
# Runc's id is mapped to junit-sandbox-fault-slow in every run, its slowdown off in the A/A runs, so
# the kinds of run differ only by the slowdown, not by the wrapper's own fork and exec; the side-by-
# side reference goes through the same wrapper, so both sides of a comparison pay its cost.
# As root. Knobs, from the environment:
#   COUNT     iterations (default 5; the issue's figure is 20)
#   ROUNDS    rounds per matrix, the stored-baseline gate's trials (default 6, the gate's minimum,
#             as in docs/gate.md)
#   SLOWDOWN  the injected regression, a fraction (default 0.10)
#   GATES     which ways to gate: baseline, side-by-side or both (default both)
#   TRIALS    trials a side of each side-by-side comparison (default 6)
#   LAUNCHES  container launches per startup trial, both ways to gate (default 2)
#   BASELINE_SUITE  the stored-baseline suite (default GateBenchSuite; IoGateBenchSuite has the
#             disk, file, network and HTTP figures, for A/A runs: it has no slowdown to inject)
#   KINDS     which runs: aa, sensitivity or both (default both)
#   SIDE_BY_SIDE  the side-by-side suite, or one of its tests (default SideBySideSuite; e.g.
#             SideBySideSuite#startup)
# One iteration took about 2 minutes on 2 busy cores (a stored-baseline run 24 s, a side-by-side
# run 33 s).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

COUNT=${COUNT:-5}
ROUNDS=${ROUNDS:-6}
SLOWDOWN=${SLOWDOWN:-0.10}
GATES=${GATES:-baseline,side-by-side}
TRIALS=${TRIALS:-6}
LAUNCHES=${LAUNCHES:-2}
BASELINE_SUITE=${BASELINE_SUITE:-GateBenchSuite}
KINDS=${KINDS:-aa,sensitivity}
SIDE_BY_SIDE=${SIDE_BY_SIDE:-SideBySideSuite}
OUT=$PWD/example-tests/target/gate-bench
SLOW=junit-sandbox-fault-slow
CONF=/run/junit-sandbox/slow-runtime.conf

# a stored-baseline sensitivity run is gated against the baseline the A/A run before it saved
if [[ ,$GATES, == *,baseline,* && ,$KINDS, != *,aa,* ]]; then
  echo "gate bench: KINDS=$KINDS without aa cannot gate against a stored baseline: the A/A runs save the baselines; add aa to KINDS or set GATES=side-by-side" >&2
  exit 2
fi
bash runtimes/setup.sh
rm -rf "$OUT"
mkdir -p "$OUT" "$(dirname "$CONF")"
rm -f "$CONF"
trap 'rm -f "$CONF"' EXIT
mvn -q -B -ntp -pl example-tests -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$OUT/classpath.txt" -Dmdep.includeScope=test
classpath=$PWD/example-tests/target/test-classes:$(cat "$OUT/classpath.txt")

# run <name> <suite> [-D...]: one run; its report in $OUT/<name>/, its console in $OUT/<name>.log
run() {
  local name=$1 suite=$2
  shift 2
  # the machine's 1-minute load before each run: the bench's conditions, printed with the results
  cut -d' ' -f1 /proc/loadavg >>"$OUT/loads.txt"
  TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost \
    java -cp "$classpath" \
    -Djunit.sandbox.runtime.runc.docker-name="$SLOW" \
    -Djunit.sandbox.reports.dir="$OUT/$name" \
    -Dgate.bench.launches="$LAUNCHES" \
    "$@" dev.junitsandbox.gatebench.GateBenchRun "$suite" >"$OUT/$name.log" 2>&1
  [[ -f $OUT/$name/results.json ]] || {
    tail -n 30 "$OUT/$name.log"
    echo "gate bench: run $name wrote no results.json (its console: $OUT/$name.log)" >&2
    exit 1
  }
}

# baseline_verdicts <kind> <i> <name>: the run's gate verdicts, a TSV line each, into
# $OUT/verdicts.tsv
baseline_verdicts() {
  local results=$OUT/$3/results.json
  if jq -e '.gate.problem != null or (.gate.figures | length) == 0' "$results" >/dev/null; then
    echo "gate bench: run $3 was not gated: $(jq -r '.gate.problem // "no gated figure"' "$results")" >&2
    exit 1
  fi
  jq -r --arg kind "$1" --arg i "$2" '.gate.figures[] | [$kind, $i, .test, .runtime, .figure,
      (.mode // "-"), .verdict, (.ratio // "-"), (.p // "-")] | @tsv' "$results" >>"$OUT/verdicts.tsv"
}

# side_by_side_verdicts <kind> <i> <name>: the same for the gate's judgements of comparisons
side_by_side_verdicts() {
  local results=$OUT/$3/results.json
  if ! jq -e '[.invocations[].comparisons[] | select(.gate != null)] | length > 0' "$results" >/dev/null; then
    echo "gate bench: run $3 judged no comparison (its console: $OUT/$3.log)" >&2
    exit 1
  fi
  jq -r --arg kind "$1" --arg i "$2" '.invocations[] | (.testClass | split(".") | last) as $class
      | .testMethod as $method | .comparisons[] | select(.gate != null) | .a as $a | .b as $b
      | .gate.figures[] | select(.name == "eventsPerSecond" or .name == "launchToReady")
      | [$kind, $i, $class + "." + $method + "()", $a + " vs " + $b, .name, "side by side",
         .verdict, .ratio, .p] | @tsv' "$results" >>"$OUT/verdicts.tsv"
}

# startup_median_ms <results.json>: runc's startup median, from the stored-baseline suite's series
# or else from a side-by-side run's reference (runc through the steady wrapper)
startup_median_ms() {
  jq -e -r 'first((.trialSeries[] | select(.runtime == "runc" and .unit == "ms"
      and (.group | startswith("GateBenchSuite.startup"))) | .median),
    (.invocations[].comparisons[] | .figures[] | select(.name == "launchToReady") | .medianB))' "$1"
}

has() { [[ ,$GATES, == *,$1,* ]]; }
runs() { [[ ,$KINDS, == *,$1,* ]]; }
started=$(date +%s)
# a first run, not counted: the first run after the build launched containers some 12% more slowly
# than the runs after it in two trials of this bench, which would make the first A/A comparison
# one of a cold baseline with a warm rerun
if has baseline; then
  run warm-up "$BASELINE_SUITE" -Djunit.sandbox.rounds=2
  run baseline-0 "$BASELINE_SUITE" -Djunit.sandbox.rounds="$ROUNDS" \
    -Djunit.sandbox.gate.save-baseline="$OUT/baseline-0.json"
  reference=$OUT/baseline-0.json
else
  run warm-up "$SIDE_BY_SIDE" -Dgate.bench.trials="$TRIALS"
  reference=$OUT/warm-up/results.json
fi
cpus=$(awk -v s="$SLOWDOWN" 'BEGIN { printf "%.2f", 1 - s }')
for ((i = 1; i <= COUNT; i++)); do
  # the pause: SLOWDOWN x runc's startup median in the last A/A run (the baseline, or else the
  # side-by-side reference)
  if runs sensitivity; then
    delay_ms=$(awk -v m="$(startup_median_ms "$reference")" -v s="$SLOWDOWN" 'BEGIN { printf "%d", m * s + 0.5 }')
    printf 'CPUS=%s\nCREATE_DELAY_MS=%s\n' "$cpus" "$delay_ms" >"$CONF"
    printf '%s\t%s\t%s\n' "$i" "$cpus" "$delay_ms" >>"$OUT/slowdowns.tsv"
    if has baseline; then
      run slowed-$i "$BASELINE_SUITE" -Djunit.sandbox.rounds="$ROUNDS" \
        -Djunit.sandbox.gate.baseline="$OUT/baseline-$((i - 1)).json"
      baseline_verdicts sensitivity "$i" "slowed-$i"
    fi
    if has side-by-side; then
      run slowed-side-by-side-$i "$SIDE_BY_SIDE" -Dgate.bench.trials="$TRIALS"
      side_by_side_verdicts sensitivity "$i" "slowed-side-by-side-$i"
    fi
    rm -f "$CONF"
  fi
  runs aa || continue
  if has baseline; then
    run rerun-$i "$BASELINE_SUITE" -Djunit.sandbox.rounds="$ROUNDS" \
      -Djunit.sandbox.gate.baseline="$OUT/baseline-$((i - 1)).json" \
      -Djunit.sandbox.gate.save-baseline="$OUT/baseline-$i.json"
    baseline_verdicts aa "$i" "rerun-$i"
    reference=$OUT/baseline-$i.json
  fi
  if has side-by-side; then
    run side-by-side-$i "$SIDE_BY_SIDE" -Dgate.bench.trials="$TRIALS"
    side_by_side_verdicts aa "$i" "side-by-side-$i"
    has baseline || reference=$OUT/side-by-side-$i/results.json
  fi
  printf 'gate bench: %d of %d done, %d s\n' "$i" "$COUNT" $(($(date +%s) - started))
done

printf '\nGate bench, %s, %s, %s cores, COUNT=%s ROUNDS=%s SLOWDOWN=%s GATES=%s TRIALS=%s LAUNCHES=%s BASELINE_SUITE=%s KINDS=%s SIDE_BY_SIDE=%s, %d s\n' \
  "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(uname -r)" "$(nproc)" "$COUNT" "$ROUNDS" "$SLOWDOWN" \
  "$GATES" "$TRIALS" "$LAUNCHES" "$BASELINE_SUITE" "$KINDS" "$SIDE_BY_SIDE" \
  $(($(date +%s) - started))
printf '1-minute load before the runs: %s (median %s)\n' \
  "$(sort -n "$OUT/loads.txt" | sed -n '1p;$p' | paste -sd-)" \
  "$(sort -n "$OUT/loads.txt" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')"
if [[ -f $OUT/slowdowns.tsv ]]; then
  printf 'injected: CPU quota %s; create delay %s ms (%s x runc'"'"'s startup median in the A/A run before)\n' \
    "$(cut -f2 "$OUT/slowdowns.tsv" | sort -u | paste -sd/)" \
    "$(cut -f3 "$OUT/slowdowns.tsv" | sort -n | sed -n '1p;$p' | paste -sd-)" "$SLOWDOWN"
fi
printf 'side by side: runc is the candidate (A, through the wrapper), runc-steady (the same wrapper, never slowed) the reference (B)\n\n'
awk -F'\t' '
  { key = $1 "\t" $3 " " $4 " " $5 "\t" $6
    if (!(key in n)) { order[++keys] = key; lo[key] = $8; hi[key] = $8 }
    n[key]++; count[key, $7]++
    if ($8 != "-" && $8 + 0 < lo[key] + 0) lo[key] = $8
    if ($8 != "-" && $8 + 0 > hi[key] + 0) hi[key] = $8 }
  END {
    print "| runs | figure | mode | gate runs | regression | improvement | no change | inconclusive | ratio this run/baseline |"
    print "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |"
    for (k = 1; k <= keys; k++) {
      split(order[k], f, "\t")
      printf "| %s | %s | %s | %d | %d | %d | %d | %d | %.3f-%.3f |\n", f[1], f[2], f[3], n[order[k]],
        count[order[k], "REGRESSION"], count[order[k], "IMPROVEMENT"], count[order[k], "NO_CHANGE"],
        count[order[k], "INCONCLUSIVE"], lo[order[k]], hi[order[k]]
    } }' <(sort -t$'\t' -k1,1 -s "$OUT/verdicts.tsv") | tee "$OUT/gate-bench.md"
printf '\nEvery verdict: %s (kind, run, test, runtime, figure, mode, verdict, ratio, p)\n' "$OUT/verdicts.tsv"
