package dev.junitsandbox.assertj;

import static dev.junitsandbox.assertj.SandboxAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Measurements;
import org.junit.jupiter.api.Test;

/** Every check on a figure passes when it holds and fails with its message when not. */
class FigureAssertTests {

  private static final String HOST = "http on host: requestsPerSecond=30000 req/s";
  private static final String RUNC = "http on runc: requestsPerSecond=28000 req/s";
  private static final String RUNSC = "http on runsc: requestsPerSecond=450 req/s";

  private final Measurement host = Measurements.http("host", 30_000);
  private final Measurement runc = Measurements.http("runc", 28_000);
  private final Measurement runsc = Measurements.http("runsc", 450);

  @Test
  void theActualValueIsTheFigureInItsUnit() {
    assertThatCode(
            () ->
                assertThat(runc)
                    .figure("requestsPerSecond")
                    .isEqualTo(28_000.0)
                    .isGreaterThan(27_999.5))
        .doesNotThrowAnyException();
  }

  @Test
  void anAssertionOfAssertJFailsOnTheValueNotOnTheMeasurement() {
    assertThatThrownBy(() -> assertThat(runsc).figure("requestsPerSecond").isEqualTo(28_000))
        .isInstanceOf(AssertionError.class)
        .hasMessage(String.format("%nexpected: 28000.0%n but was: 450.0"));
  }

  @Test
  void isWithinPercentOfPassesInEitherDirection() {
    assertThatCode(
            () -> {
              assertThat(runc).figure("requestsPerSecond").isWithinPercentOf(10, host);
              assertThat(host).figure("requestsPerSecond").isWithinPercentOf(10, runc);
            })
        .doesNotThrowAnyException();
  }

  @Test
  void isWithinPercentOfFailsBeyondThePercentageShowingBothMeasurementsAndTheRatio() {
    assertThatThrownBy(
            () -> assertThat(runsc).figure("requestsPerSecond").isWithinPercentOf(10, runc))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            String.format(
                "%nExpecting requestsPerSecond of:%n  %s%nto be within 10%% of runc:%n  %s%n"
                    + "but ratio was 0.02",
                RUNSC, RUNC));
  }

  @Test
  void isAtLeastFractionOfPassesAtOrAboveTheFraction() {
    assertThatCode(
            () -> assertThat(runc).figure("requestsPerSecond").isAtLeastFractionOf(0.5, host))
        .doesNotThrowAnyException();
  }

  @Test
  void isAtLeastFractionOfFailsBelowTheFraction() {
    assertThatThrownBy(
            () -> assertThat(runsc).figure("requestsPerSecond").isAtLeastFractionOf(0.25, host))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            String.format(
                "%nExpecting requestsPerSecond of:%n  %s%nto be at least 0.25x of host:%n  %s%n"
                    + "but ratio was 0.02",
                RUNSC, HOST));
  }

  @Test
  void isBelowFractionOfPassesBelowTheFraction() {
    assertThatCode(() -> assertThat(runsc).figure("requestsPerSecond").isBelowFractionOf(0.5, runc))
        .doesNotThrowAnyException();
  }

  @Test
  void isBelowFractionOfFailsAtOrAboveTheFraction() {
    assertThatThrownBy(
            () -> assertThat(runc).figure("requestsPerSecond").isBelowFractionOf(0.5, host))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            String.format(
                "%nExpecting requestsPerSecond of:%n  %s%nto be below 0.5x of host:%n  %s%n"
                    + "but ratio was 0.93",
                RUNC, HOST));
  }

  @Test
  void isAtLeastAndIsAtMostPassWithinTheLimitsInclusive() {
    assertThatCode(
            () -> assertThat(runc).figure("requestsPerSecond").isAtLeast(28_000).isAtMost(28_000))
        .doesNotThrowAnyException();
  }

  @Test
  void isAtLeastFailsBelowTheLimitInTheFiguresUnit() {
    assertThatThrownBy(() -> assertThat(runsc).figure("requestsPerSecond").isAtLeast(1_000))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            String.format(
                "%nExpecting requestsPerSecond of:%n  %s%nto be at least 1000 req/s%n"
                    + "but was 450 req/s",
                RUNSC));
  }

  @Test
  void isAtMostFailsAboveTheLimitInTheFiguresUnit() {
    assertThatThrownBy(() -> assertThat(runc).figure("requestsPerSecond").isAtMost(0))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            String.format(
                "%nExpecting requestsPerSecond of:%n  %s%nto be at most 0 req/s%n"
                    + "but was 28000 req/s",
                RUNC));
  }

  @Test
  void refusesBoundsThatCannotDecide() {
    assertThatThrownBy(
            () -> assertThat(runc).figure("requestsPerSecond").isWithinPercentOf(150, host))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("percent must be from 0 to 100, but was 150.0");
    assertThatThrownBy(
            () -> assertThat(runc).figure("requestsPerSecond").isBelowFractionOf(0, host))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The fraction must be a finite number above 0, but was 0.0");
    assertThatThrownBy(
            () ->
                assertThat(runc).figure("requestsPerSecond").isAtLeastFractionOf(Double.NaN, host))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The fraction must be a finite number above 0, but was NaN");
    assertThatThrownBy(() -> assertThat(runc).figure("requestsPerSecond").isAtLeast(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "The limit to compare requestsPerSecond with must be a finite number, but was NaN");
    assertThatThrownBy(
            () -> assertThat(runc).figure("requestsPerSecond").isAtMost(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "The limit to compare requestsPerSecond with must be a finite number,"
                + " but was Infinity");
  }

  @Test
  void refusesAReferenceOfAnotherProbe() {
    assertThatThrownBy(
            () ->
                assertThat(runc)
                    .figure("requestsPerSecond")
                    .isWithinPercentOf(10, Measurements.getpid("host", 100)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot compare http{connections=64} with syscall.getpid{calls=10000}: they measure"
                + " different probes or parameters; measure the reference with the same probe"
                + " object");
    assertThatThrownBy(
            () -> assertThat(runc).figure("requestsPerSecond").isAtLeastFractionOf(0.5, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The reference measurement must not be null; pass e.g. sandbox.host(probe)");
  }
}
