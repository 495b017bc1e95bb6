package dev.junitsandbox.assertj;

import static dev.junitsandbox.assertj.ShouldBeBelowFraction.shouldBeBelowFraction;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Measurements;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.assertj.core.presentation.StandardRepresentation;
import org.junit.jupiter.api.Test;

class ShouldBeBelowFractionTests {

  @Test
  void printsBothMeasurementsTheFractionAsWrittenAndTheRatio() {
    // GIVEN
    Measurement runc = Measurements.http("runc", 28_000);
    Measurement host = Measurements.http("host", 30_000);
    ErrorMessageFactory factory =
        shouldBeBelowFraction(
            runc, runc.figure("requestsPerSecond"), host, host.figure("requestsPerSecond"), 0.5);

    // WHEN
    String message = factory.create(new TextDescription("Test"), new StandardRepresentation());

    // THEN
    assertThat(message)
        .isEqualTo(
            String.format(
                "[Test] %n"
                    + "Expecting requestsPerSecond of:%n"
                    + "  http on runc: requestsPerSecond=28000 req/s%n"
                    + "to be below 0.5x of host:%n"
                    + "  http on host: requestsPerSecond=30000 req/s%n"
                    + "but ratio was 0.93"));
  }
}
