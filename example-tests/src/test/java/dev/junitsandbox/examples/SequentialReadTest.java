package dev.junitsandbox.examples;

import dev.junitsandbox.probe.builtin.DiskIoProbe;

/**
 * The disk study's sequential reads: fio {@code rw=read}, one synchronous {@code pread} at a time
 * from the start of the file to its end, over and over, with {@code direct=1}, for each of the
 * studies' block sizes (16 KiB, 64 KiB, 256 KiB, 1 MiB): bandwidth (MiB/s), IOPS and the completion
 * latency distribution. See {@link DiskIoStudy} for the tests and the settings.
 */
class SequentialReadTest extends DiskIoStudy {

  SequentialReadTest() {
    super(DiskIoProbe.Pattern.SEQUENTIAL_READ);
  }
}
