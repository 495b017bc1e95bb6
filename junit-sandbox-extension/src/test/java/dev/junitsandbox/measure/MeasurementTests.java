package dev.junitsandbox.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.assertj.core.data.Offset;
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

    assertThat(gvisor.ratioTo(host, Statistic.P50)).isCloseTo(190.0, Offset.offset(0.5));
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

  @Test
  void aSandboxStampsTheTimedRegionOnlyWhereTheProbeDidNot() {
    // GIVEN
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    Instant end = start.plusMillis(1_500);
    Measurement unstamped = Measurements.getpid("runc", 100);
    Measurement stamped =
        Measurement.builder("p", "runc", Map.of())
            .latency("m", unstamped.histogram())
            .timedRegion(start, end)
            .build();

    // WHEN
    Measurement filled = unstamped.withTimedRegionIfAbsent(start, end);

    // THEN the region and the histogram's timestamps, which histogram logs read
    assertThat(unstamped.startTime()).isEmpty();
    assertThat(filled.startTime()).contains(start);
    assertThat(filled.endTime()).contains(end);
    assertThat(filled.histogram().getStartTimeStamp()).isEqualTo(start.toEpochMilli());
    assertThat(filled.histogram().getEndTimeStamp()).isEqualTo(end.toEpochMilli());
    assertThat(stamped.withTimedRegionIfAbsent(end, end.plusSeconds(1))).isSameAs(stamped);
  }

  @Test
  void refusesATimedRegionThatEndsBeforeItStarts() {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");

    assertThatThrownBy(
            () ->
                Measurements.getpid("runc", 100)
                    .withTimedRegionIfAbsent(start, start.minusMillis(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "the timed region of syscall.getpid on runc must have both a start"
                + " and an end, the end not before the start");
  }

  @Test
  void keepsIntervalsFromARecorderAndSumsThem() {
    // GIVEN two intervals of HdrHistogram's Recorder, which stamps each
    Recorder recorder =
        new Recorder(Measurement.HIGHEST_TRACKABLE_NANOS, Measurement.SIGNIFICANT_DIGITS);
    recorder.recordValue(100);
    Histogram first = recorder.getIntervalHistogram();
    recorder.recordValue(300);
    recorder.recordValue(500);
    Histogram second = recorder.getIntervalHistogram();

    // WHEN
    Measurement measurement =
        Measurement.builder("p", "runc", Map.of())
            .latencyIntervals("latency per call", List.of(first, second))
            .build();

    // THEN the histogram is their sum, and the timed region spans them
    assertThat(measurement.count()).isEqualTo(3);
    assertThat(measurement.intervals()).containsExactly(first, second);
    assertThat(measurement.startTime().orElseThrow().toEpochMilli())
        .isEqualTo(first.getStartTimeStamp());
    assertThat(measurement.endTime().orElseThrow().toEpochMilli())
        .isEqualTo(second.getEndTimeStamp());
  }

  @Test
  void refusesIntervalsWithoutTimestamps() {
    Histogram unstamped = Measurements.getpid("runc", 100).histogram();

    assertThatThrownBy(
            () ->
                Measurement.builder("p", "runc", Map.of())
                    .latencyIntervals("m", List.of(unstamped)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("interval 1 of p on runc has no start and end timestamps")
        .hasMessageContaining("LatencyRecorder");
  }

  @Test
  void aProbeRecordsLatenciesWithoutTouchingHdrHistogram() {
    // GIVEN
    LatencyRecorder recorder = new LatencyRecorder();

    // WHEN
    recorder.record(Duration.ofNanos(1_500));
    recorder.recordNanos(2_500);
    recorder.cutInterval();
    recorder.recordNanos(4_000);
    Measurement measurement =
        Measurement.builder("p", "host", Map.of()).latency("latency per call", recorder).build();

    // THEN
    assertThat(measurement.count()).isEqualTo(3);
    assertThat(measurement.nanos(Statistic.MAX)).isCloseTo(4_000, Offset.offset(4.0));
    assertThat(measurement.intervals())
        .extracting(Histogram::getTotalCount)
        .containsExactly(2L, 1L);
    assertThat(measurement.startTime()).isPresent();
  }

  @Test
  void correctsForCoordinatedOmissionWhenGivenTheExpectedInterval() {
    LatencyRecorder recorder = new LatencyRecorder();

    // a 1 ms stall of a load meant to send every 100 us also stands for the 9 requests it held up
    recorder.recordNanos(1_000_000, 100_000);

    Measurement measurement =
        Measurement.builder("p", "host", Map.of()).latency("m", recorder).build();
    assertThat(measurement.count()).isEqualTo(10);
  }

  @Test
  void refusesLatenciesOutsideTheRangeNamingTheUnit() {
    LatencyRecorder recorder = new LatencyRecorder();

    assertThatThrownBy(() -> recorder.recordNanos(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was -1 ns; record nanoseconds");
  }

  @Test
  void refusesAHistogramHoldingLatenciesBeyondTheHourNamingTheProbeTheValueAndTheRange() {
    // GIVEN a histogram of the probe's own making, with room for two hours
    Histogram wide = new Histogram(Duration.ofHours(10).toNanos(), 3);
    wide.recordValue(Duration.ofHours(2).toNanos());
    Measurement.Builder builder = Measurement.builder("slow.probe", "runc", Map.of());

    // WHEN / THEN
    assertThatThrownBy(() -> builder.latency("m", wide))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the histogram of slow.probe on runc holds latencies up to 72")
        .hasMessageContaining("from 0 to 3600000000000 ns (one hour)");
    assertThatThrownBy(() -> new Measurement("slow.probe", "runc", "m", Map.of(), wide))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holds latencies up to 72");
  }

  @Test
  void refusesIntervalsHoldingLatenciesBeyondTheHour() {
    Histogram wide = new Histogram(Duration.ofHours(10).toNanos(), 3);
    wide.recordValue(Duration.ofHours(2).toNanos());
    wide.setStartTimeStamp(1_000);
    wide.setEndTimeStamp(2_000);

    assertThatThrownBy(
            () ->
                Measurement.builder("slow.probe", "runc", Map.of())
                    .latencyIntervals("m", List.of(wide)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("interval 1 of slow.probe on runc holds latencies up to 72")
        .hasMessageContaining("from 0 to 3600000000000 ns (one hour)");
  }

  @Test
  void holdsALatencyOfExactlyOneHour() {
    LatencyRecorder recorder = new LatencyRecorder();
    recorder.recordNanos(Measurement.HIGHEST_TRACKABLE_NANOS);

    Measurement measurement =
        Measurement.builder("p", "host", Map.of()).latency("m", recorder).build();

    assertThat(measurement.histogram().getMaxValue())
        .isGreaterThanOrEqualTo(Measurement.HIGHEST_TRACKABLE_NANOS);
    assertThatThrownBy(() -> recorder.recordNanos(Measurement.HIGHEST_TRACKABLE_NANOS + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from 0 to 3600000000000 ns (one hour), but was 3600000000001 ns");
  }
}
