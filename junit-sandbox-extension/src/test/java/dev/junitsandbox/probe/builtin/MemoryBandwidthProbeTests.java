package dev.junitsandbox.probe.builtin;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.RUNC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.builtin.MemoryBandwidthProbe.Operation;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MemoryBandwidthProbeTests {

  @Test
  void defaultsToOneMibBlocksWrittenByOneThreadForFiveSeconds() {
    MemoryBandwidthProbe memory = Probes.memoryBandwidth();

    assertThat(memory.name()).isEqualTo("memory.bandwidth");
    assertThat(memory.parameters())
        .containsEntry("blockSize", "1MiB")
        .containsEntry("operation", "write")
        .containsEntry("threads", "1")
        .containsEntry("time", "5s");
    assertThat(memory.command())
        .contains(
            "--memory-block-size=1048576",
            "--memory-oper=write",
            "--memory-access-mode=seq",
            "--memory-total-size=10T",
            "--time=5",
            "--histogram=on");
  }

  @Test
  void isImmutable() {
    MemoryBandwidthProbe original = Probes.memoryBandwidth();

    MemoryBandwidthProbe reads = original.operation(Operation.READ).blockSize(Probes.kib(1));

    assertThat(original.operation()).isEqualTo(Operation.WRITE);
    assertThat(reads.parameters())
        .containsEntry("operation", "read")
        .containsEntry("blockSize", "1KiB");
  }

  @Test
  void rejectsBlocksThatAreNotWholeWords() {
    assertThatThrownBy(() -> Probes.memoryBandwidth().blockSize(1001))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "blockSize must be a positive multiple of 8 bytes (sysbench moves 8-byte words), but"
                + " was 1001; e.g. blockSize(Probes.mib(1))");
  }

  @Runtimes({HOST, RUNC})
  void measuresBandwidthAndBlockDurationsForReal(Sandbox sandbox) {
    // WHEN
    Measurement memory = sandbox.measure(Probes.memoryBandwidth().time(Duration.ofSeconds(1)));

    // THEN 1 MiB blocks: MiB/s and blocks/s are the same number, one latency value per block
    double mibPerSecond = memory.figure("bandwidth").value();
    assertThat(mibPerSecond).isPositive();
    assertThat(memory.figure("operationsPerSecond").value()).isEqualTo(mibPerSecond);
    assertThat((double) memory.count()).isBetween(mibPerSecond * 0.8, mibPerSecond * 1.2);
  }
}
