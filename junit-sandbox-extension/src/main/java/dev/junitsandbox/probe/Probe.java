package dev.junitsandbox.probe;

import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.measure.Measurement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A measurement that can run in any sandbox and on the host. Built-in probes come from {@link
 * dev.junitsandbox.probe.builtin.Probes}; each documents its method and its timed region.
 *
 * <p>Implementations are immutable values: the same probe object can run on several runtimes, and
 * two probes with the same {@link #name()} and {@link #parameters()} measure the same thing.
 */
public interface Probe {

  /** A short name for reports and file names, e.g. {@code "syscall.getpid"}. */
  String name();

  /** The parameters that change what is measured, in a stable order, for reports. */
  Map<String, String> parameters();

  /**
   * Why this probe cannot measure {@code runtime}, or empty if it can. The sandbox skips (aborts)
   * the test with this reason instead of running the probe; for example the memory footprint of a
   * sandbox has no meaning on the host.
   */
  default Optional<String> unsupportedReason(RuntimeUnderTest runtime) {
    return Optional.empty();
  }

  /**
   * About how long {@link #run} takes with these parameters, for progress lines during long probes;
   * empty if the probe cannot tell. A guess from its fixed durations and counts, never a limit.
   */
  default Optional<Duration> estimatedDuration() {
    return Optional.empty();
  }

  /**
   * Runs the probe where {@code context} points and returns the measurement.
   *
   * @throws ProbeException if the workload fails, times out or its output cannot be parsed
   */
  Measurement run(ProbeContext context);
}
