package dev.junitsandbox.gatebench;

import static dev.junitsandbox.ContainerRuntime.RUNC;

import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.gate.Gate;
import dev.junitsandbox.probe.Probe;
import dev.junitsandbox.probe.builtin.Probes;
import java.time.Duration;

/**
 * The side-by-side half of the gate bench ({@code runtimes/gate-bench.sh}): runc, mapped by the
 * bench to {@code junit-sandbox-fault-slow} (the candidate, side A), against runc through the same
 * wrapper registered as {@code junit-sandbox-fault-steady}, which is never slowed (the reference,
 * side B), in interleaved trials judged by {@link Gate#judge}; the verdicts go into the
 * comparison's {@code gate} in {@code results.json}, which the bench reads. With the slowdown off
 * this is an A/A run, the same code path on both sides; with it on, the candidate is slower by the
 * injected amount. It asserts nothing: the bench counts the verdicts. Six trials a side, the fewest
 * that can be significant at the gate's default alpha 0.01.
 */
class SideBySideSuite {

  private static final int TRIALS = Integer.getInteger("gate.bench.trials", 6);

  private static final RuntimeUnderTest STEADY_RUNC =
      RuntimeUnderTest.docker("runc-steady", "junit-sandbox-fault-steady");

  @Runtimes(RUNC)
  void cpu(Sandbox sandbox) {
    judge(sandbox, Probes.cpu().time(Duration.ofSeconds(1)));
  }

  @Runtimes(RUNC)
  void startup(Sandbox sandbox) {
    judge(sandbox, GateBenchSuite.STARTUP);
  }

  private static void judge(Sandbox sandbox, Probe probe) {
    System.out.println(Gate.judge(sandbox.compare(probe).trials(TRIALS).with(STEADY_RUNC)).table());
  }
}
