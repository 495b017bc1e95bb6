package dev.junitsandbox.gate;

import dev.junitsandbox.compare.Comparison;
import dev.junitsandbox.compare.ComparisonRule;
import dev.junitsandbox.compare.Side;
import dev.junitsandbox.compare.Trial;
import dev.junitsandbox.measure.Figure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Comparisons of known trial values for gate tests that need no sandbox: side A, the candidate, on
 * "runsc"; side B, the reference, on "runsc-20221219"; in the balanced order.
 */
public final class GateFixtures {

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  /** Eight values around 1000 with a spread of ±1.5%: separable only from a shifted copy. */
  public static final double[] STEADY = {985, 990, 995, 1000, 1000, 1005, 1010, 1015};

  private GateFixtures() {}

  /** {@code values} times {@code factor}. */
  public static double[] times(double[] values, double factor) {
    double[] scaled = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      scaled[i] = values[i] * factor;
    }
    return scaled;
  }

  /**
   * The comparison of the candidate's {@code p50}, {@code p99} (both in ns, lower better) and
   * {@code requestsPerSecond} (higher better) with the reference's; each array holds one side's
   * values in its run order, both sides the same count.
   */
  public static Comparison comparison(
      double[] p50A, double[] p50B, double[] p99A, double[] p99B, double[] rpsA, double[] rpsB) {
    List<Side> order = Comparison.balancedOrder(p50A.length);
    List<Trial> trials = new ArrayList<>();
    int nextA = 0;
    int nextB = 0;
    for (int i = 0; i < order.size(); i++) {
      Side side = order.get(i);
      int k = side == Side.A ? nextA++ : nextB++;
      boolean a = side == Side.A;
      trials.add(
          new Trial(
              side,
              a ? "runsc" : "runsc-20221219",
              i,
              START.plusSeconds(i),
              List.of(
                  Figure.of("p50", "ns", (a ? p50A : p50B)[k], Figure.Better.LOWER),
                  Figure.of("p99", "ns", (a ? p99A : p99B)[k], Figure.Better.LOWER),
                  Figure.of(
                      "requestsPerSecond", "req/s", (a ? rpsA : rpsB)[k], Figure.Better.HIGHER))));
    }
    return Comparison.of(
        "syscall.getpid",
        Map.of("iterations", "10000"),
        "runsc",
        "runsc-20221219",
        ComparisonRule.defaults(),
        trials);
  }

  /** Every figure of both sides the same steady values: nothing changed. */
  public static Comparison unchanged() {
    return comparison(STEADY, STEADY, STEADY, STEADY, STEADY, STEADY);
  }

  /** p50 twice the reference's (a regression), the rest unchanged. */
  public static Comparison p50Doubled() {
    return comparison(times(STEADY, 2), STEADY, STEADY, STEADY, STEADY, STEADY);
  }

  /** requests per second 30% higher (an improvement), the rest unchanged. */
  public static Comparison fasterRequests() {
    return comparison(STEADY, STEADY, STEADY, STEADY, times(STEADY, 1.3), STEADY);
  }

  /**
   * p99 doubled in some trials only, so the sides overlap and the trials cannot tell; the rest
   * unchanged.
   */
  public static Comparison noisyP99() {
    double[] noisy = {985, 2000, 995, 2010, 1000, 1990, 1010, 2015};
    return comparison(STEADY, STEADY, noisy, STEADY, STEADY, STEADY);
  }
}
