package dev.junitsandbox.assertj;

import static dev.junitsandbox.assertj.ShouldBeWithinPercent.shouldBeWithinPercent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Measurements;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.assertj.core.presentation.StandardRepresentation;
import org.junit.jupiter.api.Test;

class ShouldBeWithinPercentTests {

  @Test
  void printsBothMeasurementsThePercentageAsWrittenAndTheRatio() {
    // GIVEN
    Measurement runsc = Measurements.http("runsc", 450);
    Measurement runc = Measurements.http("runc", 28_000);
    ErrorMessageFactory factory =
        shouldBeWithinPercent(
            runsc, runsc.figure("requestsPerSecond"), runc, runc.figure("requestsPerSecond"), 10);

    // WHEN
    String message = factory.create(new TextDescription("Test"), new StandardRepresentation());

    // THEN
    assertThat(message)
        .isEqualTo(
            String.format(
                "[Test] %n"
                    + "Expecting requestsPerSecond of:%n"
                    + "  http on runsc: requestsPerSecond=450 req/s%n"
                    + "to be within 10%% of runc:%n"
                    + "  http on runc: requestsPerSecond=28000 req/s%n"
                    + "but ratio was 0.02"));
  }
}
