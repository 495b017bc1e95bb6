package dev.junitsandbox.internal;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.assertj.SandboxAssertions.assertThat;

import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.compare.Comparison;
import dev.junitsandbox.gate.Gate;
import dev.junitsandbox.gate.GateResult;
import dev.junitsandbox.gate.GateRule;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.ExecResult;
import dev.junitsandbox.probe.Probe;
import dev.junitsandbox.probe.ProbeContext;
import dev.junitsandbox.probe.builtin.Probes;
import dev.junitsandbox.probe.builtin.SyscallProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Fixtures for {@link GateTests}: real comparisons judged by the side-by-side gate. */
class GateTestCases {

  /** Each fixture's gate result, by fixture name, for the assertions the engine run cannot make. */
  static final Map<String, GateResult> RESULTS = new ConcurrentHashMap<>();

  // few calls: an A/A comparison is about the gate's decision, not a precise figure
  static final SyscallProbe GETPID = Probes.syscall("getpid").iterations(500);

  /**
   * The A/A fixtures' rule: a regression must be significant and over 50%. At the default 5%, an
   * A/A comparison of 6 trials a side says "regression" in about 1% of runs per figure (alpha), a
   * flaky test; over 50% with p < 0.01 it does not happen for p50 here: the A/A bench's getpid p50
   * ratios of runc against runc ranged 0.87x to 1.38x in 20 comparisons. The p99 and mean of 500
   * calls move more (one interrupt among them can double a mean), so only p50 is asserted.
   */
  static final GateRule WIDE = new GateRule(0.01, 0.5, Map.of(), false);

  /** The host against itself: nothing changed, whatever the machine measures. */
  @Fixture
  static class HostAgainstHost {
    @Runtimes(HOST)
    void gate(Sandbox sandbox) {
      Comparison comparison = sandbox.compare(GETPID).trials(6).withHost();
      RESULTS.put("HostAgainstHost", Gate.judge(comparison, WIDE));
      assertThat(comparison).usingGateRule(WIDE).hasNoRegression("p50");
    }
  }

  /** The host against itself judged by the run's rule (junit.sandbox.gate.*); nothing asserted. */
  @Fixture
  static class ConfiguredRule {
    @Runtimes(HOST)
    void gate(Sandbox sandbox) {
      RESULTS.put("ConfiguredRule", Gate.judge(sandbox.compare(GETPID).trials(6).withHost()));
    }
  }

  /** Runc against runc under another id: the same runtime, twice. */
  @Fixture
  static class RuncAgainstRunc {
    @Runtimes(RUNC)
    void gate(Sandbox sandbox) {
      Comparison comparison =
          sandbox.compare(GETPID).trials(6).with(RuntimeUnderTest.docker("runc-again", "runc"));
      RESULTS.put("RuncAgainstRunc", Gate.judge(comparison, WIDE));
      assertThat(comparison).usingGateRule(WIDE).hasNoRegression("p50");
    }
  }

  /**
   * A real slowdown of the candidate: runc whose container gets a CPU quota of a quarter of one CPU
   * before the probe runs ({@link Throttled}), against runc free. The quota throttles in 100 ms
   * periods, so getpid's mean over a run of about half a second of calls grows several times, while
   * its p50 (batches between two waits) hardly moves.
   */
  @Fixture
  static class ThrottledCandidate {
    @Runtimes(RUNC)
    void gate(Sandbox sandbox) {
      Throttled probe =
          new Throttled(Probes.syscall("getpid").iterations(2_000_000).batchSize(100), "runc");
      Comparison comparison =
          sandbox.compare(probe).trials(6).with(RuntimeUnderTest.docker("runc-free", "runc"));
      assertThat(comparison).hasNoRegression("mean");
    }
  }

  /**
   * {@code probe}, but on the runtime with id {@code throttled} its container first gets a CPU
   * quota of a quarter CPU ({@code docker update --cpus 0.25}), as the sensitivity bench's CpuQuota
   * does.
   */
  record Throttled(Probe probe, String throttled) implements Probe {

    @Override
    public String name() {
      return probe.name();
    }

    @Override
    public Map<String, String> parameters() {
      return probe.parameters();
    }

    @Override
    public Optional<String> unsupportedReason(RuntimeUnderTest runtime) {
      return probe.unsupportedReason(runtime);
    }

    @Override
    public Measurement run(ProbeContext context) {
      if (context.runtime().id().equals(throttled)) {
        // a container's host name is its id's first 12 characters, which docker update accepts
        String id = check(context.exec(Duration.ofSeconds(30), List.of("hostname")), "hostname");
        check(
            context.execOnHost(
                Duration.ofSeconds(30), List.of("docker", "update", "--cpus", "0.25", id)),
            "docker update");
      }
      return probe.run(context);
    }

    private static String check(ExecResult result, String command) {
      if (result.exitCode() != 0) {
        throw new IllegalStateException(
            command + " exited with " + result.exitCode() + ": " + result.stderr());
      }
      return result.stdout().strip();
    }
  }
}
