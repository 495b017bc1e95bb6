package dev.junitsandbox.gate;

/**
 * What a gate concluded about one figure of the candidate against its reference, in the figure's
 * own better direction (lower latency, higher throughput).
 */
public enum GateVerdict {
  /** Significantly worse, by more than the tolerance: the gate fails. */
  REGRESSION,
  /** Significantly better, by more than the tolerance: passes; a new baseline may be saved. */
  IMPROVEMENT,
  /**
   * No change beyond the tolerance: the interval lies inside the tolerance band, or the difference
   * is significant but smaller than the tolerance.
   */
  NO_CHANGE,
  /**
   * The trials cannot tell (too few, too noisy, or no comparable reference): neither a pass nor a
   * failure; more trials, or a baseline from the same machine, may decide it.
   */
  INCONCLUSIVE;

  /**
   * A short mark for tables, after benchstat: {@code "-"} regression, {@code "+"} improvement,
   * {@code "="} no change, {@code "~"} inconclusive.
   */
  public String mark() {
    return switch (this) {
      case REGRESSION -> "-";
      case IMPROVEMENT -> "+";
      case NO_CHANGE -> "=";
      case INCONCLUSIVE -> "~";
    };
  }
}
