package dev.junitsandbox.assertj;

import static dev.junitsandbox.assertj.ShouldHaveCount.shouldHaveCount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Measurements;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.assertj.core.presentation.StandardRepresentation;
import org.junit.jupiter.api.Test;

class ShouldHaveCountTests {

  @Test
  void printsTheDistributionTheExpectedAndTheActualCount() {
    // GIVEN
    Measurement runc = Measurements.getpid("runc", 140, 150, 160);
    ErrorMessageFactory factory = shouldHaveCount(runc, 1_000);

    // WHEN
    String message = factory.create(new TextDescription("Test"), new StandardRepresentation());

    // THEN
    assertThat(message)
        .isEqualTo(
            String.format(
                "[Test] %n"
                    + "Expecting measurement:%n"
                    + "  syscall.getpid on runc: p50=150 ns p90=160 ns p99=160 ns max=160 ns mean=150 ns (3 samples)%n"
                    + "to hold 1000 values but it holds 3"));
  }
}
