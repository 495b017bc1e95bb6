package dev.junitsandbox.gatebench;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.probe.builtin.DiskIoProbe.Pattern.RANDOM_READ;
import static dev.junitsandbox.probe.builtin.FileIoProbe.Mode.SEQUENTIAL_WRITE;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.probe.builtin.Probes;
import java.time.Duration;

/**
 * The stored-baseline gate bench's A/A runs for the figures {@link GateBenchSuite} leaves out: disk
 * (fio random reads, MiB/s), file (sysbench fileio sequential writes, MiB/s), network (iperf3,
 * Gbit/s host to sandbox) and HTTP (nginx under wrk, req/s), each the probe's headline figure, on
 * the host and runc (so runc is gated relative to the host and the host direct). Run by {@code
 * BASELINE_SUITE=IoGateBenchSuite KINDS=aa runtimes/gate-bench.sh}: nothing is slowed (the bench
 * has no I/O slowdown to inject), so every regression or improvement is a false one, and the spread
 * of the ratios between runs minutes apart is what these figures' tolerances are chosen from. One
 * second per measurement and small files: the unit is the round, and a gate's six rounds of four
 * probes on two columns must fit a pipeline.
 */
class IoGateBenchSuite {

  private static final Duration RUN = Duration.ofSeconds(1);

  @Runtimes({HOST, RUNC})
  void randomRead(Sandbox sandbox) {
    sandbox.measure(
        Probes.diskIo(RANDOM_READ, Probes.kib(16))
            .fileSize(Probes.mib(64))
            .rampTime(Duration.ZERO)
            .runtime(RUN));
  }

  @Runtimes({HOST, RUNC})
  void sequentialWrite(Sandbox sandbox) {
    sandbox.measure(Probes.fileIo(SEQUENTIAL_WRITE).totalSize(Probes.mib(64)).time(RUN));
  }

  @Runtimes({HOST, RUNC})
  void network(Sandbox sandbox) {
    sandbox.measure(Probes.networkThroughput().duration(RUN));
  }

  @Runtimes({HOST, RUNC})
  void http(Sandbox sandbox) {
    sandbox.measure(Probes.http().duration(RUN));
  }
}
