package dev.junitsandbox.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class MeasurementTests {

  @Test
  void summarisesTheDistribution() {
    Measurement measurement = Measurements.getpid("runc", 100, 100, 100, 200);

    assertThat(measurement.p50Nanos()).isEqualTo(100);
    assertThat(measurement.nanos(Statistic.MAX)).isEqualTo(200);
    assertThat(measurement.meanNanos()).isEqualTo(125);
    assertThat(measurement.summary())
        .isEqualTo(
            "syscall.getpid on runc: p50=100 ns p90=200 ns p99=200 ns max=200 ns mean=125 ns (4 samples)");
  }

  @Test
  void dividesByTheReferenceForRatios() {
    Measurement gvisor = Measurements.getpid("runsc", 19_000);
    Measurement host = Measurements.getpid("host", 100);

    assertThat(gvisor.ratioTo(host, Statistic.P50))
        .isCloseTo(190.0, org.assertj.core.data.Offset.offset(0.5));
    assertThat(gvisor.ratioTo(Measurements.getpid("host", 0), Statistic.P50)).isInfinite();
  }

  @Test
  void copiesTheHistogramInAndOut() {
    Histogram histogram = Measurement.newNanosHistogram();
    histogram.recordValue(100);
    Measurement measurement = new Measurement("p", "host", "m", Map.of(), histogram);

    histogram.recordValue(5_000);
    measurement.histogram().recordValue(7_000);

    assertThat(measurement.count()).isEqualTo(1);
  }

  @Test
  void refusesAnEmptyHistogram() {
    assertThatThrownBy(
            () ->
                new Measurement(
                    "syscall.getpid", "runc", "m", Map.of(), Measurement.newNanosHistogram()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the histogram of syscall.getpid on runc is empty");
  }

  @Test
  void formatsDurationsForPeople() {
    assertThat(Statistic.formatNanos(145)).isEqualTo("145 ns");
    assertThat(Statistic.formatNanos(19_200)).isEqualTo("19.2 us");
    assertThat(Statistic.formatNanos(1_500_000)).isEqualTo("1.50 ms");
    assertThat(Statistic.formatNanos(2_000_000_000)).isEqualTo("2.00 s");
  }
}
