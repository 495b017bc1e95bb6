package dev.junitsandbox.assertj;

import static dev.junitsandbox.assertj.SandboxAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Measurements;
import java.time.Duration;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Every check on a statistic passes when it holds and fails with its message when not. */
class StatisticAssertTests {

  private static final String HOST =
      "syscall.getpid on host: p50=100 ns p90=120 ns p99=120 ns max=120 ns mean=107 ns (3 samples)";
  private static final String RUNC =
      "syscall.getpid on runc: p50=150 ns p90=160 ns p99=160 ns max=160 ns mean=150 ns (3 samples)";
  private static final String RUNSC =
      "syscall.getpid on runsc: p50=19.0 us p90=25.0 us p99=25.0 us max=25.0 us mean=21.0 us (3 samples)";

  private final Measurement host = Measurements.getpid("host", 100, 100, 120);
  private final Measurement runc = Measurements.getpid("runc", 140, 150, 160);
  private final Measurement runsc = Measurements.getpid("runsc", 19_000, 19_000, 25_000);

  @Test
  void theActualValueIsTheStatisticInNanoseconds() {
    assertThatCode(
            () -> {
              assertThat(runc).p50().isEqualTo(150L).isBetween(140.0, 160.0);
              assertThat(runsc).mean().isCloseTo(21_000.0, withinPercentage(1));
            })
        .doesNotThrowAnyException();
  }

  @Test
  void anAssertionOfAssertJFailsOnTheValueNotOnTheMeasurement() {
    assertThatThrownBy(() -> assertThat(runc).p50().isEqualTo(19_000L))
        .isInstanceOf(AssertionError.class)
        .hasMessage(String.format("%nexpected: 19000.0%n but was: 150.0"));
  }

  @Test
  void isWithinFactorOfPassesAtOrBelowTheFactor() {
    assertThatCode(
            () -> {
              assertThat(runc).p50().isWithinFactorOf(2.0, host);
              assertThat(runc).p50().isWithinFactorOf(1.5, host);
              assertThat(host).p50().isWithinFactorOf(1.0, runc);
            })
        .doesNotThrowAnyException();
  }

  @Test
  void isWithinFactorOfFailsBeyondTheFactorShowingBothDistributionsAndTheRatio() {
    assertThatThrownBy(() -> assertThat(runsc).p50().isWithinFactorOf(2.0, host))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            String.format(
                "%nExpecting p50 of:%n  %s%nto be within 2.0x of host:%n  %s%n"
                    + "but ratio was 190.07",
                RUNSC, HOST));
  }

  @Test
  void isMoreThanFactorOfPassesBeyondTheFactor() {
    assertThatCode(() -> assertThat(runsc).p50().isMoreThanFactorOf(2.0, host))
        .doesNotThrowAnyException();
  }

  @Test
  void isMoreThanFactorOfFailsAtOrBelowTheFactor() {
    assertThatThrownBy(() -> assertThat(runc).p99().isMoreThanFactorOf(2.0, host))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            String.format(
                "%nExpecting p99 of:%n  %s%nto be more than 2.0x of host:%n  %s%n"
                    + "but ratio was 1.33",
                RUNC, HOST));
    assertThatThrownBy(() -> assertThat(runc).p50().isMoreThanFactorOf(1.5, host))
        .hasMessageContaining("but ratio was 1.50");
  }

  @Test
  void isAtMostPassesAtOrBelowTheLimit() {
    assertThatCode(() -> assertThat(runc).max().isAtMost(Duration.ofNanos(160)))
        .doesNotThrowAnyException();
  }

  @Test
  void isAtMostFailsAboveTheLimit() {
    assertThatThrownBy(() -> assertThat(runsc).mean().isAtMost(Duration.ofNanos(10_000)))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            String.format(
                "%nExpecting mean of:%n  %s%nto be at most:%n  10.0 us%nbut was 21.0 us", RUNSC));
  }

  @Test
  void isAtLeastPassesAtOrAboveTheLimit() {
    assertThatCode(() -> assertThat(runc).max().isAtLeast(Duration.ofNanos(160)))
        .doesNotThrowAnyException();
  }

  @Test
  void isAtLeastFailsBelowTheLimit() {
    assertThatThrownBy(() -> assertThat(host).p90().isAtLeast(Duration.ofMillis(2)))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            String.format(
                "%nExpecting p90 of:%n  %s%nto be at least:%n  2.00 ms%nbut was 120 ns", HOST));
  }

  @Test
  void refusesAFactorThatCannotDecide() {
    assertThatThrownBy(() -> assertThat(runc).p50().isWithinFactorOf(0.5, host))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The factor must be a finite number of at least 1.0, but was 0.5");
    assertThatThrownBy(
            () -> assertThat(runc).p50().isMoreThanFactorOf(Double.POSITIVE_INFINITY, host))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The factor must be a finite number of at least 1.0, but was Infinity");
  }

  @Test
  void refusesALimitThatIsNoDuration() {
    assertThatThrownBy(() -> assertThat(runc).p50().isAtMost(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The limit to compare p50 with must be a non-negative duration, but was null");
    assertThatThrownBy(() -> assertThat(runc).p99().isAtLeast(Duration.ofNanos(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "The limit to compare p99 with must be a non-negative duration,"
                + " but was PT-0.000000001S");
  }

  @Test
  void refusesAMissingReference() {
    assertThatThrownBy(() -> assertThat(runc).p50().isWithinFactorOf(2.0, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The reference measurement must not be null; pass e.g. sandbox.host(probe)");
  }

  @Test
  void refusesAReferenceOfAnotherProbe() {
    Histogram histogram = Measurement.newNanosHistogram();
    histogram.recordValue(400);
    Measurement stat =
        new Measurement("syscall.stat", "host", "latency per call", Map.of(), histogram);

    assertThatThrownBy(() -> assertThat(runc).p50().isWithinFactorOf(2.0, stat))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot compare syscall.getpid{calls=10000} with syscall.stat{}: they measure"
                + " different probes or parameters; measure the reference with the same probe"
                + " object");
  }

  @Test
  void refusesAReferenceWithoutLatencies() {
    Measurement figuresOnly =
        Measurement.builder("syscall.getpid", "host", Map.of("calls", "10000"))
            .figure("callsPerSecond", "1/s", 5e6, Figure.Better.HIGHER)
            .build();

    assertThatThrownBy(() -> assertThat(runc).p50().isMoreThanFactorOf(2.0, figuresOnly))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot compare p50 with a reference that holds no latency distribution; compare"
                + " figures with figure(name). The reference: syscall.getpid on host:"
                + " callsPerSecond=5000000 1/s");
  }
}
