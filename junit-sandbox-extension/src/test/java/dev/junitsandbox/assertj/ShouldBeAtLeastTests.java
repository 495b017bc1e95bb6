package dev.junitsandbox.assertj;

import static dev.junitsandbox.assertj.ShouldBeAtLeast.shouldBeAtLeast;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Measurements;
import dev.junitsandbox.measure.Statistic;
import java.time.Duration;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.assertj.core.presentation.StandardRepresentation;
import org.junit.jupiter.api.Test;

class ShouldBeAtLeastTests {

  @Test
  void printsTheStatisticAndTheLimitAsDurations() {
    // GIVEN
    Measurement host = Measurements.getpid("host", 100, 100, 120);
    ErrorMessageFactory factory = shouldBeAtLeast(host, Statistic.P90, Duration.ofMillis(2));

    // WHEN
    String message = factory.create(new TextDescription("Test"), new StandardRepresentation());

    // THEN
    assertThat(message)
        .isEqualTo(
            String.format(
                "[Test] %n"
                    + "Expecting p90 of:%n"
                    + "  syscall.getpid on host: p50=100 ns p90=120 ns p99=120 ns max=120 ns mean=107 ns (3 samples)%n"
                    + "to be at least:%n"
                    + "  2.00 ms%n"
                    + "but was 120 ns"));
  }

  @Test
  void printsTheFigureAndTheLimitInTheFiguresUnit() {
    // GIVEN
    Measurement runsc = Measurements.http("runsc", 450);
    ErrorMessageFactory factory = shouldBeAtLeast(runsc, runsc.figure("requestsPerSecond"), 1_000);

    // WHEN
    String message = factory.create(new TextDescription("Test"), new StandardRepresentation());

    // THEN
    assertThat(message)
        .isEqualTo(
            String.format(
                "[Test] %n"
                    + "Expecting requestsPerSecond of:%n"
                    + "  http on runsc: requestsPerSecond=450 req/s%n"
                    + "to be at least 1000 req/s%n"
                    + "but was 450 req/s"));
  }
}
