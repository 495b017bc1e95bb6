package dev.junitsandbox.assertj;

import static dev.junitsandbox.assertj.SandboxAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Measurements;
import dev.junitsandbox.measure.Statistic;
import java.time.Duration;
import org.assertj.core.presentation.Representation;
import org.junit.jupiter.api.Test;

/** The measurement's own checks, and what navigating to a statistic or a figure keeps. */
class MeasurementAssertTests {

  private static final String RUNC =
      "syscall.getpid on runc: p50=150 ns p90=160 ns p99=160 ns max=160 ns mean=150 ns (3 samples)";

  private final Measurement runc = Measurements.getpid("runc", 140, 150, 160);
  private final Measurement http = Measurements.http("runc", 28_000);

  @Test
  void aDescriptionGivenBeforeAStatisticNamesItsFailure() {
    // WHEN
    AssertionError error =
        catchThrowableOfType(
            AssertionError.class,
            () -> assertThat(runc).as("my label").p50().isAtMost(Duration.ofNanos(1)));

    // THEN
    assertThat(error)
        .hasMessage(
            String.format(
                "[my label] %nExpecting p50 of:%n  %s%nto be at most:%n  1 ns%nbut was 150 ns",
                RUNC));
  }

  @Test
  void aDescriptionGivenBeforeAFigureNamesItsFailure() {
    // WHEN
    AssertionError error =
        catchThrowableOfType(
            AssertionError.class,
            () -> assertThat(http).as("nginx on runc").figure("requestsPerSecond").isAtMost(10));

    // THEN
    assertThat(error)
        .hasMessage(
            String.format(
                "[nginx on runc] %nExpecting requestsPerSecond of:%n"
                    + "  http on runc: requestsPerSecond=28000 req/s%n"
                    + "to be at most 10.00 req/s%nbut was 28000 req/s"));
  }

  @Test
  void anOverridingErrorMessageReplacesTheMessagesOfWhatFollows() {
    // WHEN
    AssertionError statistic =
        catchThrowableOfType(
            AssertionError.class,
            () ->
                assertThat(runc)
                    .withFailMessage("getpid got slower than %s", "1 ns")
                    .p99()
                    .isAtMost(Duration.ofNanos(1)));
    AssertionError figure =
        catchThrowableOfType(
            AssertionError.class,
            () ->
                assertThat(http)
                    .withFailMessage("nginx got slower")
                    .figure("requestsPerSecond")
                    .isAtLeast(30_000));

    // THEN
    assertThat(statistic).hasMessage("getpid got slower than 1 ns");
    assertThat(figure).hasMessage("nginx got slower");
  }

  @Test
  void aRepresentationGivenBeforeAStatisticShowsItsValue() {
    // GIVEN
    Representation asDuration =
        value ->
            value instanceof Double nanos ? Statistic.formatNanos(nanos) : String.valueOf(value);

    // WHEN
    AssertionError error =
        catchThrowableOfType(
            AssertionError.class,
            () -> assertThat(runc).withRepresentation(asDuration).p50().isEqualTo(2_000.0));

    // THEN
    assertThat(error).hasMessageContainingAll("2.0 us", "150 ns");
  }

  @Test
  void everyStatisticIsReachable() {
    assertThatCode(
            () -> {
              assertThat(runc).p50().isEqualTo(150L);
              assertThat(runc).p90().isEqualTo(160L);
              assertThat(runc).p99().isEqualTo(160L);
              assertThat(runc).max().isEqualTo(160L);
              assertThat(runc).mean().isEqualTo(150.0);
              assertThat(runc).statistic(Statistic.P90).isEqualTo(160L);
            })
        .doesNotThrowAnyException();
  }

  @Test
  void aStatisticOfAMeasurementWithoutLatenciesFailsNamingItsFigures() {
    assertThatThrownBy(() -> assertThat(http).as("nginx").p50())
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            String.format(
                "[nginx] %nExpecting measurement:%n"
                    + "  http on runc: requestsPerSecond=28000 req/s%n"
                    + "to hold a latency distribution to read its p50 from%n"
                    + "but it holds only the figures [requestsPerSecond];"
                    + " assert on one of them with figure(name)"));
  }

  @Test
  void navigationFromNoMeasurementFailsWithTheDescription() {
    assertThatThrownBy(() -> assertThat((Measurement) null).as("getpid").p50())
        .isInstanceOf(AssertionError.class)
        .hasMessage(String.format("[getpid] %nExpecting actual not to be null"));
    assertThatThrownBy(() -> assertThat((Measurement) null).figure("requestsPerSecond"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(String.format("%nExpecting actual not to be null"));
  }

  @Test
  void refusesToNavigateWithBadArguments() {
    assertThatThrownBy(() -> assertThat(runc).statistic(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The statistic must not be null; pass e.g. Statistic.P50");
    assertThatThrownBy(() -> assertThat(http).figure("gbps"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("http on runc has no figure 'gbps'; it has [requestsPerSecond]");
  }

  @Test
  void hasCountPassesOnTheNumberOfRecordedValues() {
    assertThatCode(() -> assertThat(runc).hasCount(3)).doesNotThrowAnyException();
  }

  @Test
  void hasCountFailsOnAnotherNumber() {
    assertThatThrownBy(() -> assertThat(runc).hasCount(1000))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            String.format(
                "%nExpecting measurement:%n  %s%nto hold 1000 values but it holds 3", RUNC));
  }

  @Test
  void hasCountFailsWithoutLatencies() {
    assertThatThrownBy(() -> assertThat(http).hasCount(1))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            String.format(
                "%nExpecting measurement:%n"
                    + "  http on runc: requestsPerSecond=28000 req/s%n"
                    + "to hold a latency distribution to read its count from%n"
                    + "but it holds only the figures [requestsPerSecond];"
                    + " assert on one of them with figure(name)"));
  }

  @Test
  void hasCountRefusesANegativeCount() {
    assertThatThrownBy(() -> assertThat(runc).hasCount(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The expected count must be 0 or more, but was -1");
  }
}
