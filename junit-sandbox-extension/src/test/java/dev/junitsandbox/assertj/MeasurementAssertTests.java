package dev.junitsandbox.assertj;

import static dev.junitsandbox.assertj.SandboxAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Measurements;
import java.time.Duration;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class MeasurementAssertTests {

  private final Measurement host = Measurements.getpid("host", 100, 100, 120);
  private final Measurement runc = Measurements.getpid("runc", 140, 150, 160);
  private final Measurement runsc = Measurements.getpid("runsc", 19_000, 19_000, 25_000);

  @Test
  void passesWithinTheFactor() {
    assertThatCode(() -> assertThat(runc).p50().isWithinFactorOf(2.0, host))
        .doesNotThrowAnyException();
    assertThatCode(() -> assertThat(host).p50().isWithinFactorOf(1.0, runc))
        .doesNotThrowAnyException();
  }

  @Test
  void failsBeyondTheFactorShowingBothDistributionsAndTheRatio() {
    assertThatThrownBy(() -> assertThat(runsc).p50().isWithinFactorOf(2.0, host))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            String.format(
                "%nExpecting p50 of:%n"
                    + "  syscall.getpid on runsc: p50=19.0 us p90=25.0 us p99=25.0 us max=25.0 us mean=21.0 us (3 samples)%n"
                    + "to be within 2.0x of host:%n"
                    + "  syscall.getpid on host: p50=100 ns p90=120 ns p99=120 ns max=120 ns mean=107 ns (3 samples)%n"
                    + "but ratio was 190.07"));
  }

  @Test
  void documentsAKnownCostWithMoreThanFactor() {
    assertThatCode(() -> assertThat(runsc).p50().isMoreThanFactorOf(2.0, host))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> assertThat(runc).p99().isMoreThanFactorOf(2.0, host))
        .hasMessageContaining("to be more than 2.0x of host")
        .hasMessageContaining("but ratio was 1.33");
  }

  @Test
  void comparesWithFixedLimits() {
    assertThatCode(
            () ->
                assertThat(runc)
                    .max()
                    .isAtMost(Duration.ofNanos(160))
                    .isAtLeast(Duration.ofNanos(150)))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> assertThat(runsc).mean().isAtMost(Duration.ofNanos(10_000)))
        .hasMessage(
            String.format(
                "%nExpecting mean of:%n"
                    + "  syscall.getpid on runsc: p50=19.0 us p90=25.0 us p99=25.0 us max=25.0 us mean=21.0 us (3 samples)%n"
                    + "to be at most:%n  10.0 us%nbut was 21.0 us"));
  }

  @Test
  void rejectsAFactorBelowOne() {
    assertThatThrownBy(() -> assertThat(runc).p50().isWithinFactorOf(0.5, host))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The factor must be a finite number of at least 1.0, but was 0.5");
  }

  @Test
  void rejectsComparingDifferentProbes() {
    Histogram histogram = Measurement.newNanosHistogram();
    histogram.recordValue(400);
    Measurement stat =
        new Measurement("syscall.stat", "host", "latency per call", Map.of(), histogram);

    assertThatThrownBy(() -> assertThat(runc).p50().isWithinFactorOf(2.0, stat))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Cannot compare syscall.getpid{calls=10000} with syscall.stat{}");
  }

  @Test
  void checksTheSampleCount() {
    assertThatCode(() -> assertThat(runc).hasCount(3)).doesNotThrowAnyException();
    assertThatThrownBy(() -> assertThat(runc).hasCount(1000))
        .hasMessageContaining("to hold 1000 values but it holds 3");
  }
}
