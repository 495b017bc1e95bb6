package dev.junitsandbox.examples;

import static dev.junitsandbox.ContainerRuntime.RUNC;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.probe.builtin.DiskIoProbe;

/**
 * The disk study's sequential writes: fio {@code rw=write}, one synchronous {@code pwrite} at a
 * time from the start of a file laid out beforehand to its end, over and over, with {@code
 * direct=1}, for each of the studies' block sizes (16 KiB, 64 KiB, 256 KiB, 1 MiB): bandwidth
 * (MiB/s), IOPS and the completion latency distribution. See {@link DiskIoStudy} for the tests and
 * the settings.
 */
class SequentialWriteTest extends DiskIoStudy {

  SequentialWriteTest() {
    super(DiskIoProbe.Pattern.SEQUENTIAL_WRITE);
  }

  /** See {@link DiskIoStudy#assertRuncKeepsAQuarterOfTheHostsBandwidth}. */
  @Runtimes(RUNC)
  void runcKeepsAQuarterOfTheHostsBandwidth(Sandbox sandbox) {
    assertRuncKeepsAQuarterOfTheHostsBandwidth(sandbox);
  }
}
