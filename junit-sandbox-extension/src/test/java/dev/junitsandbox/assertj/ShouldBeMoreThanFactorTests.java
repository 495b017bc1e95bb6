package dev.junitsandbox.assertj;

import static dev.junitsandbox.assertj.ShouldBeMoreThanFactor.shouldBeMoreThanFactor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Measurements;
import dev.junitsandbox.measure.Statistic;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.assertj.core.presentation.StandardRepresentation;
import org.junit.jupiter.api.Test;

class ShouldBeMoreThanFactorTests {

  @Test
  void printsBothDistributionsTheFactorAndTheRatio() {
    // GIVEN
    Measurement runc = Measurements.getpid("runc", 140, 150, 160);
    Measurement host = Measurements.getpid("host", 100, 100, 120);
    ErrorMessageFactory factory = shouldBeMoreThanFactor(runc, host, Statistic.P99, 2.0);

    // WHEN
    String message = factory.create(new TextDescription("Test"), new StandardRepresentation());

    // THEN
    assertThat(message)
        .isEqualTo(
            String.format(
                "[Test] %n"
                    + "Expecting p99 of:%n"
                    + "  syscall.getpid on runc: p50=150 ns p90=160 ns p99=160 ns max=160 ns mean=150 ns (3 samples)%n"
                    + "to be more than 2.0x of host:%n"
                    + "  syscall.getpid on host: p50=100 ns p90=120 ns p99=120 ns max=120 ns mean=107 ns (3 samples)%n"
                    + "but ratio was 1.33"));
  }
}
