package dev.junitsandbox.probe.builtin;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.ContainerRuntime.RUNSC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.builtin.NetworkThroughputProbe.Direction;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NetworkThroughputProbeTests {

  private static final NetworkThroughputProbe SHORT =
      Probes.networkThroughput().duration(Duration.ofSeconds(2));

  @Test
  void defaultsToFiveSecondsPerDirectionBothWays() {
    NetworkThroughputProbe probe = Probes.networkThroughput();

    assertThat(probe.name()).isEqualTo("network.throughput");
    assertThat(probe.duration()).isEqualTo(Duration.ofSeconds(5));
    assertThat(probe.streams()).isEqualTo(1);
    assertThat(probe.directions())
        .containsExactly(Direction.HOST_TO_SANDBOX, Direction.SANDBOX_TO_HOST);
    assertThat(probe.parameters())
        .containsEntry("tool", "iperf3")
        .containsEntry("durationSeconds", "5")
        .containsEntry("streams", "1")
        .containsEntry("directions", "hostToSandbox,sandboxToHost");
  }

  @Test
  void isImmutable() {
    NetworkThroughputProbe original = Probes.networkThroughput();

    NetworkThroughputProbe changed =
        original
            .duration(Duration.ofSeconds(10))
            .streams(4)
            .directions(Direction.SANDBOX_TO_HOST, Direction.SANDBOX_TO_HOST);

    assertThat(original.duration()).isEqualTo(Duration.ofSeconds(5));
    assertThat(changed.duration()).isEqualTo(Duration.ofSeconds(10));
    assertThat(changed.streams()).isEqualTo(4);
    assertThat(changed.directions()).containsExactly(Direction.SANDBOX_TO_HOST);
  }

  @Test
  void rejectsDurationsIperfCannotTake() {
    assertThatThrownBy(() -> Probes.networkThroughput().duration(Duration.ofMillis(1500)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "duration must be a whole number of seconds, at least 1 (iperf3 -t takes seconds), but"
                + " was PT1.5S; e.g. duration(Duration.ofSeconds(2))");
    assertThatThrownBy(() -> Probes.networkThroughput().duration(Duration.ZERO))
        .hasMessageContaining("but was PT0S");
    assertThatThrownBy(() -> Probes.networkThroughput().streams(0))
        .hasMessage("streams must be from 1 to 128 (iperf3 -P), but was 0");
  }

  @Runtimes({HOST, RUNC, RUNSC})
  void measuresBothDirections(Sandbox sandbox) {
    // WHEN
    Measurement throughput = sandbox.measure(SHORT);

    // THEN one figure per direction, in Gbit/s, with per-second samples
    assertThat(throughput.hasLatency()).isFalse();
    for (Direction direction : Direction.values()) {
      Figure figure = throughput.figure(direction.figureName());
      assertThat(figure.unit()).isEqualTo("Gbit/s");
      assertThat(figure.better()).isEqualTo(Figure.Better.HIGHER);
      assertThat(figure.value()).isPositive();
      assertThat(figure.samples()).isNotEmpty().allSatisfy(s -> assertThat(s).isPositive());
    }
    assertThat(throughput.notes()).anySatisfy(note -> assertThat(note).contains("iperf3"));
    // AND which network mode ran: gVisor says its --network, whatever it is registered with
    assertThat(throughput.notes())
        .anySatisfy(
            note ->
                assertThat(note)
                    .startsWith(
                        switch (sandbox.runtime().id()) {
                          case "host" -> "network: host (no container;";
                          case "runc" -> "network: runc in the container's own network namespace";
                          default -> "network: runsc --network=";
                        }));
  }
}
