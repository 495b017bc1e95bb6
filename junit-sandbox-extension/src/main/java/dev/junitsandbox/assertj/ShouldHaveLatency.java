package dev.junitsandbox.assertj;

import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message of an assertion on the latency distribution (a statistic, the count) of a
 * measurement that holds only named figures, e.g. a throughput probe's.
 */
public final class ShouldHaveLatency extends BasicErrorMessageFactory {

  /**
   * @param actual the measurement under test; it holds no latency distribution
   * @param wanted what the assertion wanted to read from the distribution, e.g. {@code "p50"}
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveLatency(Measurement actual, String wanted) {
    return new ShouldHaveLatency(actual, wanted);
  }

  private ShouldHaveLatency(Measurement actual, String wanted) {
    super(
        "%nExpecting measurement:%n  %s%nto hold a latency distribution to read its %s from%n"
            + "but it holds only the figures %s; assert on one of them with figure(name)",
        unquotedString(actual.summary()),
        unquotedString(wanted),
        unquotedString(actual.figures().stream().map(Figure::name).toList().toString()));
  }
}
