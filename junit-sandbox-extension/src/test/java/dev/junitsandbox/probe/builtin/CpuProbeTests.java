package dev.junitsandbox.probe.builtin;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.RUNC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.measure.Measurement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CpuProbeTests {

  @Test
  void defaultsToTheStudiesPrimesAndOneThreadForFiveSeconds() {
    CpuProbe cpu = Probes.cpu();

    assertThat(cpu.name()).isEqualTo("cpu.sysbench");
    assertThat(cpu.parameters())
        .containsEntry("maxPrime", "20000")
        .containsEntry("threads", "1")
        .containsEntry("time", "5s");
    assertThat(cpu.command())
        .containsExactly(
            "sysbench",
            "cpu",
            "--cpu-max-prime=20000",
            "--threads=1",
            "--time=5",
            "--histogram=on",
            "run");
  }

  @Test
  void isImmutable() {
    CpuProbe original = Probes.cpu();

    CpuProbe studies = original.time(Duration.ofSeconds(10)).threads(2);

    assertThat(original.time()).hasSeconds(5);
    assertThat(studies.time()).hasSeconds(10);
    assertThat(studies.threads()).isEqualTo(2);
  }

  @Test
  void rejectsWhatSysbenchCannotTake() {
    assertThatThrownBy(() -> Probes.cpu().time(Duration.ofMillis(500)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "time must be a whole number of seconds, at least 1 (sysbench's --time), but was"
                + " PT0.5S; e.g. time(Duration.ofSeconds(1))");
    assertThatThrownBy(() -> Probes.cpu().threads(0))
        .hasMessage("threads must be at least 1, but was 0");
    assertThatThrownBy(() -> Probes.cpu().maxPrime(1))
        .hasMessage(
            "maxPrime must be at least 3, but was 1; Goyal used maxPrime(20000), Li et al."
                + " maxPrime(200000)");
  }

  @Runtimes({HOST, RUNC})
  void measuresEventsPerSecondAndTheirDurationsForReal(Sandbox sandbox) {
    // WHEN
    Measurement cpu = sandbox.measure(Probes.cpu().time(Duration.ofSeconds(1)));

    // THEN about events/s events in one second, each lasting about 1/(events/s)
    double eventsPerSecond = cpu.figure("eventsPerSecond").value();
    assertThat(eventsPerSecond).isPositive();
    assertThat((double) cpu.count()).isBetween(eventsPerSecond * 0.9, eventsPerSecond * 1.1);
    assertThat(cpu.meanNanos()).isBetween(0.5e9 / eventsPerSecond, 1.5e9 / eventsPerSecond);
  }
}
