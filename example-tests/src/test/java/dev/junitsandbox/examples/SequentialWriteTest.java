package dev.junitsandbox.examples;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.KATA_FC;
import static dev.junitsandbox.ContainerRuntime.KATA_QEMU;
import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.ContainerRuntime.RUNSC;
import static dev.junitsandbox.assertj.SandboxAssertions.assertThat;
import static dev.junitsandbox.probe.DiskIoProbe.Pattern.SEQUENTIAL_WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.DiskIoProbe;
import dev.junitsandbox.probe.Probes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The disk study's sequential writes: fio {@code rw=write}: one synchronous {@code pwrite} at a
 * time from the start of a file laid out beforehand to its end, over and over, with {@code
 * direct=1}, for each of the studies' block sizes (16 KiB, 64 KiB, 256 KiB, 1 MiB). Each block size
 * is one measurement in the report: bandwidth (MiB/s), IOPS and the completion latency
 * distribution.
 *
 * <p>The file is 256 MiB and each job times 3 s after a 1 s ramp; the studies used a file of 5
 * times the sandbox's memory and longer runs (see {@link DiskIoProbe}). Under gVisor {@code
 * direct=1} does not reach the host: the writes land in the host's page cache, so its figures can
 * beat runc's; each runsc measurement says so in its notes.
 */
class SequentialWriteTest {

  /** The raw figures for every runtime, one measurement per block size. */
  @Runtimes({HOST, RUNC, RUNSC, KATA_QEMU, KATA_FC})
  void sequentialWritesByBlockSize(Sandbox sandbox) {
    List<Measurement> bySize = new ArrayList<>();
    for (long blockSize : DiskIoProbe.STUDY_BLOCK_SIZES) {
      bySize.add(sandbox.measure(Probes.diskIo(SEQUENTIAL_WRITE, blockSize)));
    }

    // one 1 MiB write takes longer than one 16 KiB write but moves more bytes per second
    Measurement smallest = bySize.get(0);
    Measurement largest = bySize.get(bySize.size() - 1);
    assertThat(largest.p50Nanos())
        .as("p50 of 1 MiB writes vs 16 KiB writes")
        .isGreaterThan(smallest.p50Nanos());
    assertThat(largest.figure("bandwidth").value())
        .as("MiB/s of 1 MiB writes vs 16 KiB writes")
        .isGreaterThan(smallest.figure("bandwidth").value());
  }

  /**
   * runc adds an overlay file system that passes O_DIRECT on to the host's: its bandwidth stays in
   * the host's range. A quarter leaves room for the noise of a shared disk, and lets both jobs be
   * short (1 s, no ramp): the ratio needs no precision.
   */
  @Runtimes(RUNC)
  void runcWritesAtLeastAQuarterOfTheHostsBandwidth(Sandbox sandbox) {
    DiskIoProbe probe =
        Probes.diskIo(SEQUENTIAL_WRITE, Probes.kib(64))
            .rampTime(Duration.ZERO)
            .runtime(Duration.ofSeconds(1));

    assertThat(sandbox.measure(probe))
        .figure("bandwidth")
        .isAtLeastFractionOf(0.25, sandbox.host(probe));
  }
}
