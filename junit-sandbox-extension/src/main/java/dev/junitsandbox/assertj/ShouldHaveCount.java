package dev.junitsandbox.assertj;

import dev.junitsandbox.measure.Measurement;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message of a failed {@link AbstractMeasurementAssert#hasCount}: a latency
 * distribution holding another number of values than expected.
 */
public final class ShouldHaveCount extends BasicErrorMessageFactory {

  /**
   * @param actual the measurement under test; it holds a latency distribution
   * @param expected the number of values it should hold
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveCount(Measurement actual, long expected) {
    return new ShouldHaveCount(actual, expected);
  }

  private ShouldHaveCount(Measurement actual, long expected) {
    super(
        "%nExpecting measurement:%n  %s%nto hold %s values but it holds %s",
        unquotedString(actual.summary()),
        // as plain numbers: the representation would print a long as 1000L
        unquotedString(Long.toString(expected)),
        unquotedString(Long.toString(actual.count())));
  }
}
