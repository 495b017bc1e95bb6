package dev.junitsandbox.assertj;

import static dev.junitsandbox.assertj.ShouldBeWithinFactor.shouldBeWithinFactor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Measurements;
import dev.junitsandbox.measure.Statistic;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.assertj.core.presentation.StandardRepresentation;
import org.junit.jupiter.api.Test;

class ShouldBeWithinFactorTests {

  @Test
  void printsBothDistributionsTheFactorAndTheRatio() {
    // GIVEN
    Measurement runsc = Measurements.getpid("runsc", 19_000, 19_000, 25_000);
    Measurement host = Measurements.getpid("host", 100, 100, 120);
    ErrorMessageFactory factory = shouldBeWithinFactor(runsc, host, Statistic.P50, 2.0);

    // WHEN
    String message = factory.create(new TextDescription("Test"), new StandardRepresentation());

    // THEN
    assertThat(message)
        .isEqualTo(
            String.format(
                "[Test] %n"
                    + "Expecting p50 of:%n"
                    + "  syscall.getpid on runsc: p50=19.0 us p90=25.0 us p99=25.0 us max=25.0 us mean=21.0 us (3 samples)%n"
                    + "to be within 2.0x of host:%n"
                    + "  syscall.getpid on host: p50=100 ns p90=120 ns p99=120 ns max=120 ns mean=107 ns (3 samples)%n"
                    + "but ratio was 190.07"));
  }

  @Test
  void saysInfiniteWhenTheReferenceIsZero() {
    // GIVEN
    Measurement runc = Measurements.getpid("runc", 150);
    Measurement host = Measurements.getpid("host", 0);
    ErrorMessageFactory factory = shouldBeWithinFactor(runc, host, Statistic.MAX, 1.5);

    // WHEN
    String message = factory.create(new TextDescription(""), new StandardRepresentation());

    // THEN
    assertThat(message)
        .isEqualTo(
            String.format(
                "%nExpecting max of:%n"
                    + "  syscall.getpid on runc: p50=150 ns p90=150 ns p99=150 ns max=150 ns mean=150 ns (1 samples)%n"
                    + "to be within 1.5x of host:%n"
                    + "  syscall.getpid on host: p50=0 ns p90=0 ns p99=0 ns max=0 ns mean=0 ns (1 samples)%n"
                    + "but ratio was infinite"));
  }
}
