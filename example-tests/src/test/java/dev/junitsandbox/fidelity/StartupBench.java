package dev.junitsandbox.fidelity;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.ContainerRuntime.RUNSC;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.builtin.Probes;
import dev.junitsandbox.probe.builtin.StartupProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Startup by hand against the startup probe. By hand is what a person times at the shell: {@code
 * docker run --rm --runtime <rt> <probe image> echo ready}, with bash's clock ({@code
 * $EPOCHREALTIME}, like {@code date +%s%N} without a fork) read before the command and when the
 * line {@code ready} comes out of the pipe, and again when the command has ended. On the host the
 * command is {@code /bin/echo ready}.
 *
 * <p>By hand and the probe alternate in {@value #BLOCKS} blocks of {@value #ROUNDS_PER_BLOCK}
 * launches (each after one warm-up launch); the probe's blocks are pooled into one distribution.
 *
 * <p>Comparable: by hand to {@code ready} against the probe's launch-to-ready p50. By hand also
 * counts the docker CLI's own start (a Go binary), its attach and its API round trips, which the
 * probe, already connected, does not; the whole {@code docker run --rm} further waits for the exit
 * and the removal. That row is shown for reference, not as a fidelity target. On the host the shell
 * forks and execs where the probe goes through the JVM's {@code ProcessBuilder}.
 */
class StartupBench {

  private static final int BLOCKS = 4;
  private static final int ROUNDS_PER_BLOCK = 5;
  private static final StartupProbe STARTUP = Probes.startup().rounds(ROUNDS_PER_BLOCK).warmup(1);

  // $EPOCHREALTIME is read without a fork (a $(date +%s%N) would add one to each reading)
  private static final String CONTAINER_SCRIPT =
      """
      img=$1; rt=$2; n=$3; prefix=$4
      us() { echo "${1//[.,]/}"; }
      for i in 1 2; do
        s=$EPOCHREALTIME; docker version --format '{{.Server.Version}}' > /dev/null; e=$EPOCHREALTIME
        echo "cli $(( $(us "$e") - $(us "$s") ))"
      done
      docker run --rm --name "${prefix}warmup" --label dev.junitsandbox=probe --runtime "$rt" \
        "$img" echo ready > /dev/null
      for i in $(seq "$n"); do
        s=$EPOCHREALTIME
        docker run --rm --name "$prefix$i" --label dev.junitsandbox=probe --runtime "$rt" \
          "$img" echo ready \
          | { read -r line; r=$EPOCHREALTIME; cat > /dev/null; echo "$line $(( $(us "$r") - $(us "$s") ))"; }
        e=$EPOCHREALTIME
        echo "total $(( $(us "$e") - $(us "$s") ))"
      done
      """;

  private static final String HOST_SCRIPT =
      """
      n=$1
      us() { echo "${1//[.,]/}"; }
      /bin/echo ready > /dev/null
      for i in $(seq "$n"); do
        s=$EPOCHREALTIME
        /bin/echo ready \
          | { read -r line; r=$EPOCHREALTIME; cat > /dev/null; echo "$line $(( $(us "$r") - $(us "$s") ))"; }
        e=$EPOCHREALTIME
        echo "total $(( $(us "$e") - $(us "$s") ))"
      done
      """;

  @Runtimes({HOST, RUNC, RUNSC})
  void launchToReady(Sandbox sandbox) {
    String runtime = sandbox.runtime().id();
    List<Double> toReady = new ArrayList<>();
    List<Double> whole = new ArrayList<>();
    List<Double> cli = new ArrayList<>();
    Histogram probeNanos = Measurement.newNanosHistogram();
    // alternating blocks, so that the load of a shared machine, which drifts over a minute, falls
    // on both sides alike
    for (int block = 1; block <= BLOCKS; block++) {
      String output = byHand(sandbox, block);
      for (String line : output.strip().split("\n")) {
        String[] fields = line.strip().split(" ");
        double millis = Long.parseLong(fields[1]) / 1000.0;
        switch (fields[0]) {
          case "ready" -> toReady.add(millis);
          case "total" -> whole.add(millis);
          case "cli" -> cli.add(millis);
          default -> throw new IllegalStateException("by hand printed an unexpected line: " + line);
        }
      }
      probeNanos.add(sandbox.measure(STARTUP).histogram());
    }
    if (toReady.size() != BLOCKS * ROUNDS_PER_BLOCK || whole.size() != toReady.size()) {
      throw new IllegalStateException(
          "by hand: expected " + BLOCKS * ROUNDS_PER_BLOCK + " rounds, got " + toReady);
    }

    double probeP50 = probeNanos.getValueAtPercentile(50) / 1e6;
    String what =
        sandbox.runtime().isHost()
            ? "startup: /bin/echo by bash vs ProcessBuilder"
            : "startup: docker run to 'ready' vs probe launch-to-ready";
    FidelityTable.add(what, runtime, "p50 (ms)", ByHand.p50(toReady), probeP50);
    if (!sandbox.runtime().isHost()) {
      FidelityTable.add(
          "startup: whole docker run --rm (reference: + CLI, wait, removal)",
          runtime,
          "p50 (ms)",
          ByHand.p50(whole),
          probeP50);
      System.out.printf(
          Locale.ROOT,
          "%s: one docker CLI round trip (docker version), p50 %.1f ms of %s%n",
          runtime,
          ByHand.p50(cli),
          cli);
    }
    System.out.printf(
        Locale.ROOT,
        "%s by hand to ready (ms): %s%n%s probe p50 %.1f ms, p90 %.1f ms%n",
        runtime,
        toReady,
        runtime,
        probeP50,
        probeNanos.getValueAtPercentile(90) / 1e6);
  }

  private static String byHand(Sandbox sandbox, int block) {
    String rounds = Integer.toString(ROUNDS_PER_BLOCK);
    if (sandbox.runtime().isHost()) {
      return ByHand.bash(Duration.ofMinutes(1), HOST_SCRIPT, rounds);
    }
    String prefix = "fidelity-startup-" + ProcessHandle.current().pid() + "-" + block + "-";
    try {
      return ByHand.bash(
          Duration.ofMinutes(2),
          CONTAINER_SCRIPT,
          ByHand.probeImage(),
          sandbox.runtime().dockerName().orElseThrow(),
          rounds,
          prefix);
    } finally {
      ByHand.removeContainersNamed(prefix);
    }
  }
}
