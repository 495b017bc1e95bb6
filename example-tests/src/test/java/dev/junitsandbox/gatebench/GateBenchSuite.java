package dev.junitsandbox.gatebench;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.RUNC;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.probe.builtin.Probes;
import dev.junitsandbox.probe.builtin.StartupProbe;
import java.time.Duration;

/**
 * What the gate bench ({@code runtimes/gate-bench.sh}) saves as a baseline and gates: one figure of
 * each kind the gate meets, each a series of {@code junit.sandbox.rounds} rounds. Not part of the
 * study (no {@code Test} in its name); {@link GateBenchRun} runs it.
 *
 * <ul>
 *   <li>{@code cpu}: CPU-bound, sysbench cpu's events/s; with the host's column, so runc is gated
 *       relative to the host and the host direct.
 *   <li>{@code getpid}: the p50 of a system call, relative to the host for runc.
 *   <li>{@code startup}: latency-bound, a container launch to its first output. Runc only, so it is
 *       gated direct: relative to the host, each round's value would be divided by a host process
 *       launch of a few milliseconds, whose own spread (tens of percent) would hide a 10% change.
 * </ul>
 */
class GateBenchSuite {

  // gate.bench.launches (the bench's LAUNCHES, default 2) launches per trial, no warm-up: the
  // trial's own sandbox, started just before under the same runtime, has warmed the image and the
  // binaries
  static final StartupProbe STARTUP =
      Probes.startup().rounds(Integer.getInteger("gate.bench.launches", 2)).warmup(0);

  @Runtimes({HOST, RUNC})
  void cpu(Sandbox sandbox) {
    sandbox.measure(Probes.cpu().time(Duration.ofSeconds(1)));
  }

  @Runtimes({HOST, RUNC})
  void getpid(Sandbox sandbox) {
    sandbox.measure(Probes.syscall("getpid"));
  }

  @Runtimes(RUNC)
  void startup(Sandbox sandbox) {
    sandbox.measure(STARTUP);
  }
}
