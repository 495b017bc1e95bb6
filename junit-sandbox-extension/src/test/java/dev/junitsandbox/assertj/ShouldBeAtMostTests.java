package dev.junitsandbox.assertj;

import static dev.junitsandbox.assertj.ShouldBeAtMost.shouldBeAtMost;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Measurements;
import dev.junitsandbox.measure.Statistic;
import java.time.Duration;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.assertj.core.presentation.StandardRepresentation;
import org.junit.jupiter.api.Test;

class ShouldBeAtMostTests {

  @Test
  void printsTheStatisticAndTheLimitAsDurations() {
    // GIVEN
    Measurement runsc = Measurements.getpid("runsc", 19_000, 19_000, 25_000);
    ErrorMessageFactory factory = shouldBeAtMost(runsc, Statistic.MEAN, Duration.ofNanos(10_000));

    // WHEN
    String message = factory.create(new TextDescription("Test"), new StandardRepresentation());

    // THEN
    assertThat(message)
        .isEqualTo(
            String.format(
                "[Test] %n"
                    + "Expecting mean of:%n"
                    + "  syscall.getpid on runsc: p50=19.0 us p90=25.0 us p99=25.0 us max=25.0 us mean=21.0 us (3 samples)%n"
                    + "to be at most:%n"
                    + "  10.0 us%n"
                    + "but was 21.0 us"));
  }

  @Test
  void printsTheFigureAndTheLimitInTheFiguresUnit() {
    // GIVEN
    Measurement host = Measurements.http("host", 30_000);
    ErrorMessageFactory factory = shouldBeAtMost(host, host.figure("requestsPerSecond"), 12.5);

    // WHEN
    String message = factory.create(new TextDescription("Test"), new StandardRepresentation());

    // THEN
    assertThat(message)
        .isEqualTo(
            String.format(
                "[Test] %n"
                    + "Expecting requestsPerSecond of:%n"
                    + "  http on host: requestsPerSecond=30000 req/s%n"
                    + "to be at most 12.50 req/s%n"
                    + "but was 30000 req/s"));
  }
}
