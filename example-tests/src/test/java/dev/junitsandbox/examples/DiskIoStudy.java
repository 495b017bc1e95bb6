package dev.junitsandbox.examples;

import static dev.junitsandbox.assertj.SandboxAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junitsandbox.Sandbox;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.builtin.DiskIoProbe;
import dev.junitsandbox.probe.builtin.Li2021;
import dev.junitsandbox.probe.builtin.Probes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The disk study for one fio access pattern: the four figures of the studies (sequential and
 * random, reads and writes) are four subclasses, each one figure and one report group per block
 * size, with the same matrix test; two of them also compare runc with the host.
 *
 * <p>The file is 256 MiB and each job times 1 s, without a ramp; Li et al. ("Comparative
 * Performance Study of Lightweight Hypervisors Used in Container Environment", CLOSER 2021) used a
 * 10 GB file, 5 times each environment's 2 GB of memory, on Docker's {@code devicemapper} storage
 * in {@code direct-lvm} mode, while this machine's Docker uses {@code overlay2} (see {@link
 * DiskIoProbe}). Under gVisor the figures come from gVisor's own cache (its {@code direct=1} I/O
 * does not reach the host's disk), so they can beat runc's; each runsc measurement says so in its
 * notes.
 */
abstract class DiskIoStudy {

  /**
   * 1 s per job without a ramp instead of the default 3 s after 1 s: the study runs 4 patterns x 4
   * block sizes on nine columns (see StudyRuntimes), and the disk jobs were most of its time.
   */
  private static final Duration MATRIX_RUNTIME = Duration.ofSeconds(1);

  private final DiskIoProbe.Pattern pattern;

  DiskIoStudy(DiskIoProbe.Pattern pattern) {
    this.pattern = pattern;
  }

  /** The raw figures for every runtime, one measurement per block size. */
  @StudyRuntimes
  void byBlockSize(Sandbox sandbox) {
    List<Measurement> bySize = new ArrayList<>();
    for (long blockSize : DiskIoProbe.STUDY_BLOCK_SIZES) {
      // Li et al.'s 10 GB file under -Dstudy.preset=li2021 (StudySettings)
      bySize.add(
          sandbox.measure(
              StudySettings.probe(
                  Probes.diskIo(pattern, blockSize).rampTime(Duration.ZERO).runtime(MATRIX_RUNTIME),
                  () -> Li2021.diskIo(pattern, blockSize))));
    }

    // one 1 MiB I/O takes longer than one 16 KiB I/O but moves more bytes per second
    Measurement smallest = bySize.get(0);
    Measurement largest = bySize.get(bySize.size() - 1);
    assertThat(largest.p50Nanos())
        .as("p50 of 1 MiB I/Os vs 16 KiB I/Os")
        .isGreaterThan(smallest.p50Nanos());
    assertThat(largest.figure("bandwidth").value())
        .as("MiB/s of 1 MiB I/Os vs 16 KiB I/Os")
        .isGreaterThan(smallest.figure("bandwidth").value());
  }

  /**
   * runc adds an overlay file system that passes O_DIRECT on to the host's: its bandwidth stays in
   * the host's range. The whole interval of the ratio of median MiB/s (six 1 s jobs a side, no
   * ramp, each in a fresh container or host process, interleaved) must lie above a quarter: room
   * for the noise of a shared disk. A 64 MiB file rather than the matrix's 256 MiB: each of the 12
   * trials lays out a file of its own before its timed second, and both sides alike. Asserted by
   * the random reads and the sequential writes, one pattern each way, not by all four: each
   * comparison takes about 20 s of the study's 15 minutes.
   */
  void assertRuncKeepsAQuarterOfTheHostsBandwidth(Sandbox sandbox) {
    DiskIoProbe probe =
        Probes.diskIo(pattern, Probes.kib(64))
            .fileSize(Probes.mib(64))
            .rampTime(Duration.ZERO)
            .runtime(Duration.ofSeconds(1));

    assertThat(sandbox.compare(probe).trials(6).withHost()).ratio("bandwidth").isAbove(0.25);
  }
}
