package dev.junitsandbox.examples;

import dev.junitsandbox.probe.builtin.DiskIoProbe;

/**
 * The disk study's random writes: fio {@code rw=randwrite}, one synchronous {@code pwrite} at a
 * time at random offsets of a file laid out beforehand, with {@code direct=1}, for each of the
 * studies' block sizes (16 KiB, 64 KiB, 256 KiB, 1 MiB): bandwidth (MiB/s), IOPS and the completion
 * latency distribution. See {@link DiskIoStudy} for the tests and the settings.
 */
class RandomWriteTest extends DiskIoStudy {

  RandomWriteTest() {
    super(DiskIoProbe.Pattern.RANDOM_WRITE);
  }
}
