package dev.junitsandbox.probe.builtin;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.ContainerRuntime.RUNSC;
import static dev.junitsandbox.probe.builtin.DiskIoProbe.Pattern.RANDOM_READ;
import static dev.junitsandbox.probe.builtin.DiskIoProbe.Pattern.SEQUENTIAL_WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.measure.Measurement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskIoProbeTests {

  /** Small and short: these tests check the plumbing, not the disk. */
  private static final DiskIoProbe QUICK_READ =
      Probes.diskIo(RANDOM_READ, Probes.kib(64))
          .fileSize(Probes.mib(32))
          .rampTime(Duration.ZERO)
          .runtime(Duration.ofSeconds(1));

  @Test
  void defaultsToAShortJobOnA256MibFile() {
    DiskIoProbe probe = Probes.diskIo(RANDOM_READ, Probes.kib(64));

    assertThat(probe.name()).isEqualTo("disk.randread.64k");
    assertThat(probe.fileSize()).isEqualTo(256L * 1024 * 1024);
    assertThat(probe.rampTime()).hasSeconds(1);
    assertThat(probe.runtime()).hasSeconds(3);
    assertThat(probe.parameters())
        .containsExactly(
            entry("tool", "fio"),
            entry("rw", "randread"),
            entry("blockSize", "64KiB"),
            entry("fileSize", "256MiB"),
            entry("direct", "1"),
            entry("ioengine", "psync"),
            entry("numjobs", "1"),
            entry("rampTime", "1s"),
            entry("runtime", "3s"));
  }

  private static java.util.Map.Entry<String, String> entry(String key, String value) {
    return java.util.Map.entry(key, value);
  }

  @Test
  void runsOneTimeBasedDirectJobThatLaysOutAndDeletesItsFile() {
    assertThat(Probes.diskIo(SEQUENTIAL_WRITE, Probes.mib(1)).fioCommand("/scratch/f"))
        .startsWith("fio", "--name=disk.write.1m", "--filename=/scratch/f", "--rw=write")
        .contains(
            "--bs=1048576",
            "--size=268435456",
            "--direct=1",
            "--ioengine=psync",
            "--numjobs=1",
            "--time_based",
            "--ramp_time=1",
            "--runtime=3",
            "--overwrite=1",
            "--unlink=1",
            "--output-format=json+");
  }

  @Test
  void coversTheStudiesBlockSizes() {
    assertThat(DiskIoProbe.STUDY_BLOCK_SIZES)
        .extracting(size -> Probes.diskIo(RANDOM_READ, size).name())
        .containsExactly(
            "disk.randread.16k", "disk.randread.64k", "disk.randread.256k", "disk.randread.1m");
  }

  @Test
  void isImmutable() {
    DiskIoProbe original = Probes.diskIo(RANDOM_READ, Probes.kib(16));

    DiskIoProbe changed = original.blockSize(Probes.mib(1)).runtime(Duration.ofSeconds(10));

    assertThat(original.blockSize()).isEqualTo(16_384);
    assertThat(original.runtime()).hasSeconds(3);
    assertThat(changed.blockSize()).isEqualTo(1_048_576);
    assertThat(changed.runtime()).hasSeconds(10);
  }

  @Test
  void rejectsSizesThatDirectIoCannotUse() {
    assertThatThrownBy(() -> Probes.diskIo(RANDOM_READ, 1000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "blockSize must be a positive multiple of 512 bytes (O_DIRECT needs aligned I/O), but"
                + " was 1000; e.g. Probes.kib(64)");
    assertThatThrownBy(() -> Probes.diskIo(RANDOM_READ, Probes.mib(1)).fileSize(Probes.kib(1536)))
        .hasMessage(
            "fileSize (1572864) must be a multiple of blockSize (1048576) and at least one block;"
                + " e.g. fileSize(Probes.mib(256))");
  }

  @Test
  void rejectsTimesThatFioCannotTake() {
    DiskIoProbe probe = Probes.diskIo(RANDOM_READ, Probes.kib(64));

    assertThatThrownBy(() -> probe.runtime(Duration.ofMillis(1500)))
        .hasMessage(
            "runtime must be a whole number of seconds, at least 1, but was PT1.5S; e.g."
                + " runtime(Duration.ofSeconds(2))");
    assertThatThrownBy(() -> probe.rampTime(Duration.ofSeconds(-1)))
        .hasMessageStartingWith("rampTime must be a whole number of seconds, at least 0");
    assertThatThrownBy(() -> probe.timeout(Duration.ofSeconds(4)))
        .hasMessage(
            "timeout (PT4S) must be longer than rampTime plus runtime (PT4S), with room for laying"
                + " out the file; e.g. timeout(Duration.ofMinutes(2))");
  }

  @Runtimes({HOST, RUNC})
  void measuresBandwidthIopsAndLatencyForReal(Sandbox sandbox) {
    // WHEN
    Measurement read = sandbox.measure(QUICK_READ);

    // THEN bandwidth is IOPS times the block size, and each I/O has a latency
    double iops = read.figure("iops").value();
    assertThat(read.figure("bandwidth").value()).isCloseTo(iops / 16, within(iops / 16 * 0.01));
    assertThat((double) read.count()).isCloseTo(iops, within(iops * 0.05));
    // one synchronous job: its I/Os, one after another, fill most of the second and never more
    assertThat(read.meanNanos() * iops / 1e9)
        .as("share of the run spent in I/O (mean latency x IOPS)")
        .isBetween(0.1, 1.05);
    assertThat(read.percentileNanos(50)).isLessThanOrEqualTo(read.percentileNanos(99));
    assertThat(read.notes())
        .anySatisfy(note -> assertThat(note).startsWith("file 32MiB in ").contains("file system"));
  }

  @Test
  void leavesNoFileBehind(@TempDir Path scratch) throws IOException {
    // WHEN
    Measurement write =
        Probes.diskIo(SEQUENTIAL_WRITE, Probes.kib(64))
            .fileSize(Probes.mib(16))
            .rampTime(Duration.ZERO)
            .runtime(Duration.ofSeconds(1))
            .run(new LocalProbeContext(scratch));

    // THEN
    assertThat(write.count()).isPositive();
    try (Stream<Path> left = Files.list(scratch)) {
      assertThat(left).isEmpty();
    }
  }

  @Runtimes(RUNSC)
  void notesThatGvisorDoesNotReachTheDisk(Sandbox sandbox) {
    Measurement read = sandbox.measure(QUICK_READ);

    assertThat(read.notes())
        .anySatisfy(note -> assertThat(note).startsWith("gVisor serves direct=1 reads"));
  }
}
