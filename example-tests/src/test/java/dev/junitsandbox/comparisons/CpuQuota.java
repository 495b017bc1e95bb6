package dev.junitsandbox.comparisons;

import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.ExecResult;
import dev.junitsandbox.probe.Probe;
import dev.junitsandbox.probe.ProbeContext;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A real slowdown for the sensitivity bench: a probe that, on the runtime {@link #throttled()},
 * first puts a CPU quota on its own container ({@code docker update --cpus <share>}, the cgroup's
 * CFS quota, 100 ms periods) and then runs {@code probe} there. On any other runtime it is {@code
 * probe} unchanged. The throttled runtime is runc under another id, so that a comparison of runc
 * with it has one throttled side and one free side, each trial in a fresh container.
 *
 * <p>The quota takes {@code slowdown} of one CPU away: {@code --cpus 0.9} for 10%, so a
 * single-threaded CPU-bound probe gets 90% of the time it had and its throughput drops by 10%. It
 * throttles in whole periods (the cgroup runs free for 90 ms, then waits 10 ms), so it slows what a
 * run adds up over many periods (throughput, mean latency), not the p50 of short operations, which
 * mostly run between two waits.
 */
record CpuQuota(Probe probe, double slowdown) implements Probe {

  CpuQuota {
    if (!(slowdown > 0 && slowdown < 1)) {
      throw new IllegalArgumentException(
          "slowdown must be a fraction of one CPU above 0 and below 1, e.g. 0.1, but was "
              + slowdown);
    }
  }

  /** Runc under the id {@code runc-cpus-<share>}: the side that gets the quota. */
  RuntimeUnderTest throttled() {
    return RuntimeUnderTest.docker("runc-cpus-" + cpus(), "runc");
  }

  private String cpus() {
    return String.format(Locale.ROOT, "%.2f", 1 - slowdown);
  }

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
  public Optional<Duration> estimatedDuration() {
    return probe.estimatedDuration();
  }

  @Override
  public Measurement run(ProbeContext context) {
    if (context.runtime().equals(throttled())) {
      // a container's host name is its id's first 12 characters, which docker update accepts
      String id = check(context.exec(Duration.ofSeconds(30), List.of("hostname")), "hostname");
      check(
          context.execOnHost(
              Duration.ofSeconds(30), List.of("docker", "update", "--cpus", cpus(), id)),
          "docker update --cpus " + cpus() + " " + id);
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
