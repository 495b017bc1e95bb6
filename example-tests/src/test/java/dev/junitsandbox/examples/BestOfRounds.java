package dev.junitsandbox.examples;

import dev.junitsandbox.Sandbox;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.Probe;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The best round of a figure in the sandbox and on the host, measured in alternating rounds.
 *
 * <p>On a machine shared with other work a CPU-bound figure measures the share of the CPU the
 * workload got as much as the runtime: one round can lose a fifth of its events to a burst of load
 * elsewhere. Alternating sandbox and host lets such a burst hit both sides alike, and the best
 * round of each side is the one that ran with the least interference. Every round is in the report.
 *
 * @param inSandbox the sandbox's round with the highest figure
 * @param onHost the host's round with the highest figure
 */
record BestOfRounds(Measurement inSandbox, Measurement onHost) {

  /**
   * Runs {@code probe} {@code rounds} times in the sandbox and on the host, alternating, and keeps
   * the round with the highest {@code figure} on each side.
   */
  static BestOfRounds measure(Sandbox sandbox, Probe probe, String figure, int rounds) {
    List<Measurement> inSandbox = new ArrayList<>();
    List<Measurement> onHost = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      inSandbox.add(sandbox.measure(probe));
      onHost.add(sandbox.host(probe));
    }
    Comparator<Measurement> byFigure = Comparator.comparingDouble(m -> m.figure(figure).value());
    return new BestOfRounds(
        inSandbox.stream().max(byFigure).orElseThrow(),
        onHost.stream().max(byFigure).orElseThrow());
  }
}
