package dev.junitsandbox.compare;

import dev.junitsandbox.measure.Figure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Trials made from given values, in the balanced order, for tests that need no sandbox. */
public final class Trials {

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private Trials() {}

  /**
   * The trials of a comparison of {@code a} (on runtime "runc") with {@code b} (on "host"), one
   * figure "p50" in ns per trial, in the balanced order; both sides have the same count.
   */
  public static List<Trial> p50(double[] a, double[] b) {
    List<Side> order = Comparison.balancedOrder(a.length);
    List<Trial> trials = new ArrayList<>();
    int nextA = 0;
    int nextB = 0;
    for (int i = 0; i < order.size(); i++) {
      Side side = order.get(i);
      double value = side == Side.A ? a[nextA++] : b[nextB++];
      trials.add(
          new Trial(
              side,
              side == Side.A ? "runc" : "host",
              i,
              START.plusSeconds(i),
              List.of(Figure.of("p50", "ns", value, Figure.Better.LOWER))));
    }
    return trials;
  }

  /** The comparison of {@code a} on runc with {@code b} on the host, under {@code rule}. */
  public static Comparison comparison(double[] a, double[] b, ComparisonRule rule) {
    return Comparison.of(
        "syscall.getpid", java.util.Map.of("iterations", "100"), "runc", "host", rule, p50(a, b));
  }
}
