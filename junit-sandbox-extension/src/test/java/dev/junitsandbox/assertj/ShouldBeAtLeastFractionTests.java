package dev.junitsandbox.assertj;

import static dev.junitsandbox.assertj.ShouldBeAtLeastFraction.shouldBeAtLeastFraction;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Measurements;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.assertj.core.presentation.StandardRepresentation;
import org.junit.jupiter.api.Test;

class ShouldBeAtLeastFractionTests {

  @Test
  void printsBothMeasurementsTheFractionAsWrittenAndTheRatio() {
    // GIVEN
    Measurement runsc = Measurements.http("runsc", 450);
    Measurement host = Measurements.http("host", 30_000);
    ErrorMessageFactory factory =
        shouldBeAtLeastFraction(
            runsc, runsc.figure("requestsPerSecond"), host, host.figure("requestsPerSecond"), 0.25);

    // WHEN
    String message = factory.create(new TextDescription("Test"), new StandardRepresentation());

    // THEN
    assertThat(message)
        .isEqualTo(
            String.format(
                "[Test] %n"
                    + "Expecting requestsPerSecond of:%n"
                    + "  http on runsc: requestsPerSecond=450 req/s%n"
                    + "to be at least 0.25x of host:%n"
                    + "  http on host: requestsPerSecond=30000 req/s%n"
                    + "but ratio was 0.02"));
  }
}
