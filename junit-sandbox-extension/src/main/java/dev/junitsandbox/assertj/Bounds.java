package dev.junitsandbox.assertj;

import java.math.BigDecimal;

/** How the bounds of figure comparisons appear in messages. */
final class Bounds {

  private Bounds() {}

  /**
   * A bound as the test author wrote it ({@code 0.5}, {@code 10}), not as a double prints ({@code
   * 10.0}), so the message reads like the assertion.
   */
  static String asWritten(double bound) {
    return BigDecimal.valueOf(bound).stripTrailingZeros().toPlainString();
  }
}
