package dev.junitsandbox.assertj;

import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Statistic;

/**
 * Assertions on one statistic of a {@link Measurement}'s latencies, in nanoseconds; reach it with
 * {@code assertThat(measurement).p50()} and its siblings.
 */
public class StatisticAssert extends AbstractStatisticAssert<StatisticAssert> {

  StatisticAssert(Measurement measurement, Statistic statistic) {
    super(measurement, statistic, StatisticAssert.class);
  }
}
