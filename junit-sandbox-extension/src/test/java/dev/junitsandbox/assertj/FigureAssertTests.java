package dev.junitsandbox.assertj;

import static dev.junitsandbox.assertj.SandboxAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Measurements;
import org.junit.jupiter.api.Test;

class FigureAssertTests {

  private final Measurement host = Measurements.http("host", 30_000);
  private final Measurement runc = Measurements.http("runc", 28_000);
  private final Measurement runsc = Measurements.http("runsc", 450);

  @Test
  void passesWithinThePercentageInEitherDirection() {
    assertThatCode(
            () ->
                assertThat(runc)
                    .figure("requestsPerSecond")
                    .isWithinPercentOf(10, host)
                    .isAtLeastFractionOf(0.5, host))
        .doesNotThrowAnyException();
    assertThatCode(() -> assertThat(host).figure("requestsPerSecond").isWithinPercentOf(10, runc))
        .doesNotThrowAnyException();
  }

  @Test
  void failsBeyondThePercentageShowingBothMeasurementsAndTheRatio() {
    assertThatThrownBy(
            () -> assertThat(runsc).figure("requestsPerSecond").isWithinPercentOf(10, runc))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            String.format(
                "%nExpecting requestsPerSecond of:%n"
                    + "  http on runsc: requestsPerSecond=450 req/s%n"
                    + "to be within 10%% of runc:%n"
                    + "  http on runc: requestsPerSecond=28000 req/s%n"
                    + "but ratio was 0.02"));
  }

  @Test
  void documentsAKnownCostWithBelowFraction() {
    assertThatCode(() -> assertThat(runsc).figure("requestsPerSecond").isBelowFractionOf(0.5, runc))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () -> assertThat(runc).figure("requestsPerSecond").isBelowFractionOf(0.5, host))
        .hasMessageContaining("to be below 0.5x of host")
        .hasMessageContaining("but ratio was 0.93");
  }

  @Test
  void comparesWithFixedLimitsInTheFiguresUnit() {
    assertThatCode(
            () -> assertThat(runc).figure("requestsPerSecond").isAtLeast(1_000).isAtMost(30_000))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> assertThat(runsc).figure("requestsPerSecond").isAtLeast(1_000))
        .hasMessage(
            String.format(
                "%nExpecting requestsPerSecond of:%n  http on runsc: requestsPerSecond=450 req/s%n"
                    + "to be at least 1000 req/s%nbut was 450 req/s"));
  }

  @Test
  void refusesBadArgumentsWithTheFix() {
    assertThatThrownBy(() -> assertThat(runc).figure("gbps"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("http on runc has no figure 'gbps'; it has [requestsPerSecond]");
    assertThatThrownBy(
            () -> assertThat(runc).figure("requestsPerSecond").isWithinPercentOf(150, host))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("percent must be from 0 to 100, but was 150.0");
    assertThatThrownBy(
            () -> assertThat(runc).figure("requestsPerSecond").isBelowFractionOf(0, host))
        .hasMessage("The fraction must be a finite number above 0, but was 0.0");
    assertThatThrownBy(
            () ->
                assertThat(runc)
                    .figure("requestsPerSecond")
                    .isWithinPercentOf(10, Measurements.getpid("host", 100)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("they measure different probes or parameters");
  }
}
