package dev.junitsandbox.probe.builtin;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.ContainerRuntime.RUNSC;
import static dev.junitsandbox.probe.builtin.FileIoProbe.Mode.SEQUENTIAL_READ;
import static dev.junitsandbox.probe.builtin.FileIoProbe.Mode.SEQUENTIAL_REWRITE;
import static dev.junitsandbox.probe.builtin.FileIoProbe.Mode.SEQUENTIAL_WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.ExecResult;
import dev.junitsandbox.probe.ProbeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileIoProbeTests {

  @Test
  void defaultsToOneThreadOnOne256MibFileWithDirectIoForThreeSeconds() {
    FileIoProbe probe = Probes.fileIo(SEQUENTIAL_READ);

    assertThat(probe.name()).isEqualTo("fileio.seqrd");
    assertThat(probe.parameters())
        .containsExactly(
            entry("tool", "sysbench fileio"),
            entry("mode", "seqrd"),
            entry("totalSize", "256MiB"),
            entry("files", "1"),
            entry("blockSize", "16KiB"),
            entry("extraFlags", "direct"),
            entry("ioMode", "sync"),
            entry("fsyncFrequency", "none"),
            entry("threads", "1"),
            entry("time", "3s"));
    assertThat(Probes.fileIo(SEQUENTIAL_REWRITE).parameters())
        .containsEntry("mode", "seqrewr")
        .containsEntry("fsyncFrequency", "100");
  }

  @Test
  void preparesRunsAndCleansUpTheSameFile() {
    FileIoProbe probe = Probes.fileIo(SEQUENTIAL_WRITE).totalSize(Probes.mib(64));

    assertThat(probe.prepareCommand())
        .containsExactly(
            "sysbench", "fileio", "--file-num=1", "--file-total-size=67108864", "prepare");
    assertThat(probe.runCommand())
        .containsExactly(
            "sysbench",
            "fileio",
            "--file-num=1",
            "--file-total-size=67108864",
            "--file-test-mode=seqwr",
            "--file-block-size=16384",
            "--file-io-mode=sync",
            "--file-fsync-freq=100",
            "--file-extra-flags=direct",
            "--threads=1",
            "--time=3",
            "--histogram=on",
            "run");
    assertThat(probe.direct(false).runCommand()).doesNotContain("--file-extra-flags=direct");
    assertThat(probe.cleanupCommand())
        .containsExactly(
            "sysbench", "fileio", "--file-num=1", "--file-total-size=67108864", "cleanup");
    assertThat(FileIoProbe.in("/scratch/d", List.of("sysbench", "fileio")))
        .endsWith("sh", "/scratch/d", "sysbench", "fileio");
  }

  @Test
  void estimatesTheRunAndWritingTheFile() {
    // 3 s, a second to start, 256 MiB at 100 MiB/s; seqwr prepares nothing
    assertThat(Probes.fileIo(SEQUENTIAL_READ).estimatedDuration())
        .hasValue(Duration.ofMillis(6560));
    assertThat(Probes.fileIo(SEQUENTIAL_WRITE).estimatedDuration()).hasValue(Duration.ofSeconds(4));
  }

  @Test
  void isImmutable() {
    FileIoProbe original = Probes.fileIo(SEQUENTIAL_READ);

    FileIoProbe changed = original.blockSize(Probes.mib(1)).time(Duration.ofSeconds(1)).threads(2);

    assertThat(original.blockSize()).isEqualTo(16_384);
    assertThat(original.time()).hasSeconds(3);
    assertThat(original.threads()).isEqualTo(1);
    assertThat(changed.parameters())
        .containsEntry("blockSize", "1MiB")
        .containsEntry("time", "1s")
        .containsEntry("threads", "2");
  }

  @Test
  void rejectsSizesThatDirectIoCannotUse() {
    FileIoProbe probe = Probes.fileIo(SEQUENTIAL_READ);

    assertThatThrownBy(() -> probe.blockSize(1000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "blockSize must be a positive multiple of 512 bytes (O_DIRECT needs aligned I/O), but"
                + " was 1000; e.g. blockSize(Probes.kib(16))");
    assertThatThrownBy(() -> probe.totalSize(Probes.kib(24)))
        .hasMessage(
            "totalSize (24576) must be a multiple of blockSize (16384) and at least one block; e.g."
                + " totalSize(Probes.mib(256))");
    assertThatThrownBy(() -> probe.time(Duration.ofMillis(500)))
        .hasMessage(
            "time must be a whole number of seconds, at least 1 (sysbench's --time), but was"
                + " PT0.5S; e.g. time(Duration.ofSeconds(1))");
    assertThatThrownBy(() -> probe.timeout(Duration.ZERO))
        .hasMessage("timeout must be positive, but was PT0S");
  }

  @Test
  void recognisesAFileSystemThatRefusesDirectIo() {
    ExecResult refused =
        new ExecResult(
            List.of("sysbench"),
            1,
            "",
            "FATAL: Cannot open file 'test_file.0' errno = 22 (Invalid argument)\n");
    ExecResult missing =
        new ExecResult(
            List.of("sysbench"),
            1,
            "",
            "FATAL: Cannot open file 'test_file.0' errno = 2 (No such file or directory)\n");

    assertThat(FileIoProbe.refusedDirectIo(refused)).isTrue();
    assertThat(FileIoProbe.refusedDirectIo(missing)).isFalse();
  }

  @Runtimes({HOST, RUNC})
  void measuresRequestsAndTheirLatenciesForReal(Sandbox sandbox) {
    // WHEN
    Measurement read =
        sandbox.measure(
            Probes.fileIo(SEQUENTIAL_READ).totalSize(Probes.mib(32)).time(Duration.ofSeconds(1)));

    // THEN MiB/s is reads/s of 16 KiB, and the histogram holds one value per read
    double readsPerSecond = read.figure("readsPerSecond").value();
    assertThat(readsPerSecond).isPositive();
    assertThat(read.figure("readMiBps").value())
        .isCloseTo(readsPerSecond / 64, within(readsPerSecond / 64 * 0.01 + 0.01));
    double totalTime = read.figure("totalTime").value();
    assertThat(totalTime).isBetween(0.9, 60.0);
    assertThat((double) read.count())
        .isCloseTo(readsPerSecond * totalTime, within(readsPerSecond * totalTime * 0.01 + 1));
    // one thread: the requests fill the run, so the mean is about the run over the requests
    assertThat(read.figure("latencyAvg").value() * read.count() / 1000)
        .as("time spent in requests (mean latency x requests), s")
        .isBetween(0.5 * totalTime, 1.01 * totalTime);
    assertThat(read.figure("latencyMin").value())
        .isLessThanOrEqualTo(read.figure("latencyAvg").value());
    assertThat(read.notes())
        .anySatisfy(
            note -> assertThat(note).startsWith("one file of 32MiB in ").contains("O_DIRECT"));
  }

  @Runtimes(RUNC)
  void rewritesWithFsyncsForReal(Sandbox sandbox) {
    Measurement rewrite =
        sandbox.measure(
            Probes.fileIo(SEQUENTIAL_REWRITE)
                .totalSize(Probes.mib(32))
                .time(Duration.ofSeconds(1)));

    double writes = rewrite.figure("writesPerSecond").value();
    assertThat(writes).isPositive();
    assertThat(rewrite.figure("writtenMiBps").value()).isCloseTo(writes / 64, within(writes / 640));
    assertThat(rewrite.figure("fsyncsPerSecond").value())
        .isCloseTo(writes / 100, within(writes / 1000 + 1));
  }

  @Runtimes(RUNSC)
  void notesThatGvisorDoesNotPassDirectIoOn(Sandbox sandbox) {
    Measurement read =
        sandbox.measure(
            Probes.fileIo(SEQUENTIAL_READ).totalSize(Probes.mib(32)).time(Duration.ofSeconds(1)));

    assertThat(read.figure("readMiBps").value()).isPositive();
    assertThat(read.notes())
        .anySatisfy(note -> assertThat(note).startsWith("gVisor accepts O_DIRECT but does not"));
  }

  @Test
  void leavesNoFileBehind(@TempDir Path scratch) throws IOException {
    // WHEN
    Measurement write =
        Probes.fileIo(SEQUENTIAL_WRITE)
            .totalSize(Probes.mib(16))
            .time(Duration.ofSeconds(1))
            .run(new LocalProbeContext(scratch));

    // THEN
    assertThat(write.figure("writtenMiBps").value()).isPositive();
    try (Stream<Path> left = Files.list(scratch)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void cleansUpAfterAFailedPrepare(@TempDir Path scratch) throws IOException {
    // GIVEN a file where the probe's directory should go: mkdir, so prepare, fails
    Files.writeString(scratch.resolve("junit-sandbox-sysbench-fileio"), "in the way");

    // WHEN
    assertThatThrownBy(
            () ->
                Probes.fileIo(SEQUENTIAL_READ)
                    .totalSize(Probes.mib(16))
                    .time(Duration.ofSeconds(1))
                    .run(new LocalProbeContext(scratch)))
        .isInstanceOf(ProbeException.class)
        .hasMessageStartingWith("fileio.seqrd on host (prepare) failed:");

    // THEN the cleanup ran anyway and removed what was in the way
    try (Stream<Path> left = Files.list(scratch)) {
      assertThat(left).isEmpty();
    }
  }
}
