package dev.junitsandbox.examples;

import static dev.junitsandbox.ContainerRuntime.RUNC;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.probe.builtin.DiskIoProbe;

/**
 * The disk study's random reads: fio {@code rw=randread}, one synchronous {@code pread} at a time
 * at random offsets, with {@code direct=1}, for each of the studies' block sizes (16 KiB, 64 KiB,
 * 256 KiB, 1 MiB): bandwidth (MiB/s), IOPS and the completion latency distribution. See {@link
 * DiskIoStudy} for the tests and the settings.
 */
class RandomReadTest extends DiskIoStudy {

  RandomReadTest() {
    super(DiskIoProbe.Pattern.RANDOM_READ);
  }

  /** See {@link DiskIoStudy#assertRuncKeepsAQuarterOfTheHostsBandwidth}. */
  @Runtimes(RUNC)
  void runcKeepsAQuarterOfTheHostsBandwidth(Sandbox sandbox) {
    assertRuncKeepsAQuarterOfTheHostsBandwidth(sandbox);
  }
}
