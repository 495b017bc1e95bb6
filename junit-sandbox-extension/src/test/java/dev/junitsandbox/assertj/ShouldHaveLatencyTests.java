package dev.junitsandbox.assertj;

import static dev.junitsandbox.assertj.ShouldHaveLatency.shouldHaveLatency;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Measurements;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.assertj.core.presentation.StandardRepresentation;
import org.junit.jupiter.api.Test;

class ShouldHaveLatencyTests {

  @Test
  void namesWhatWasWantedAndTheFiguresThereAre() {
    // GIVEN
    Measurement http = Measurements.http("runc", 28_000);
    ErrorMessageFactory factory = shouldHaveLatency(http, "p50");

    // WHEN
    String message = factory.create(new TextDescription("Test"), new StandardRepresentation());

    // THEN
    assertThat(message)
        .isEqualTo(
            String.format(
                "[Test] %n"
                    + "Expecting measurement:%n"
                    + "  http on runc: requestsPerSecond=28000 req/s%n"
                    + "to hold a latency distribution to read its p50 from%n"
                    + "but it holds only the figures [requestsPerSecond];"
                    + " assert on one of them with figure(name)"));
  }
}
