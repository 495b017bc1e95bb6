package dev.junitsandbox.assertj;

import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Statistic;
import java.time.Duration;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Messages for a figure on the wrong side of a fixed limit. */
public final class ShouldCompareToLimit extends BasicErrorMessageFactory {

  private ShouldCompareToLimit(
      Measurement actual, Statistic statistic, String relation, Duration limit) {
    super(
        "%nExpecting %s of:%n  %s%nto be %s:%n  %s%nbut was %s",
        unquotedString(statistic.label()),
        unquotedString(actual.summary()),
        unquotedString(relation),
        unquotedString(Statistic.formatNanos(limit.toNanos())),
        unquotedString(Statistic.formatNanos(actual.nanos(statistic))));
  }

  public static ErrorMessageFactory shouldBeAtMost(
      Measurement actual, Statistic statistic, Duration limit) {
    return new ShouldCompareToLimit(actual, statistic, "at most", limit);
  }

  public static ErrorMessageFactory shouldBeAtLeast(
      Measurement actual, Statistic statistic, Duration limit) {
    return new ShouldCompareToLimit(actual, statistic, "at least", limit);
  }
}
