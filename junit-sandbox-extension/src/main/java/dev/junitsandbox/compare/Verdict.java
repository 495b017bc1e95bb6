package dev.junitsandbox.compare;

/**
 * What a comparison of one figure concluded about side A against side B, under a {@link
 * ComparisonRule}: the figure's better direction decides whether a higher ratio is better or worse.
 */
public enum Verdict {
  /** A is significantly better than B, by more than the noise of the trials can explain. */
  BETTER,
  /** A is significantly worse than B. */
  WORSE,
  /** The whole confidence interval of the ratio lies inside the tolerance band around 1. */
  EQUIVALENT,
  /**
   * Neither: the trials cannot tell (too few, or too noisy, or a difference close to the
   * tolerance). Not a pass and not a failure; more trials may decide it.
   */
  INCONCLUSIVE;

  /**
   * A short mark for tables, after benchstat: {@code "+"} better, {@code "-"} worse, {@code "="}
   * equivalent, {@code "~"} no significant difference either way.
   */
  public String mark() {
    return switch (this) {
      case BETTER -> "+";
      case WORSE -> "-";
      case EQUIVALENT -> "=";
      case INCONCLUSIVE -> "~";
    };
  }
}
