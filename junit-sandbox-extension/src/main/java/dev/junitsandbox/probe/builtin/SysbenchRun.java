package dev.junitsandbox.probe.builtin;

import dev.junitsandbox.internal.tooloutput.SysbenchOutput;
import dev.junitsandbox.measure.Figure.Better;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.ProbeContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the probes that run one sysbench test in the sandbox ({@link CpuProbe}, {@link
 * MemoryBandwidthProbe}, {@link FileIoProbe}) share: the worker threads and the run's length,
 * checked once, the estimate, the parameters and options they give, and the run itself.
 *
 * @param threads sysbench's {@code --threads}, at least 1
 * @param time sysbench's {@code --time}, whole seconds, at least 1
 */
record SysbenchRun(int threads, Duration time) {

  SysbenchRun {
    ProbeSettings.atLeast("threads", threads, 1, "");
    ProbeSettings.wholeSeconds("time", time, 1, " (sysbench's --time)");
  }

  /** The timed run plus about a second to start sysbench. */
  Optional<Duration> estimatedDuration() {
    return Optional.of(time.plusSeconds(1));
  }

  /** Adds the threads and the time to a probe's parameters. */
  ProbeSettings.Parameters addTo(ProbeSettings.Parameters parameters) {
    return parameters.with("threads", threads).with("time", time.getSeconds() + "s");
  }

  /** {@code sysbench <test> <options> --threads=.. --time=.. --histogram=on run}. */
  List<String> command(String test, List<String> options) {
    List<String> command = new ArrayList<>(List.of("sysbench", test));
    command.addAll(options);
    command.addAll(
        List.of("--threads=" + threads, "--time=" + time.getSeconds(), "--histogram=on", "run"));
    return List.copyOf(command);
  }

  /**
   * Runs {@code command} in the sandbox, allowing a minute beyond the timed run, and parses what
   * sysbench printed.
   *
   * @throws dev.junitsandbox.probe.ProbeException if it fails or prints no report
   */
  SysbenchOutput run(ProbeContext context, String where, List<String> command) {
    return SysbenchOutput.of(
        where,
        Workloads.execChecked(context, where, time.plus(Duration.ofMinutes(1)), command).stdout());
  }

  /**
   * Adds the figures Goyal ("Performance Evaluation of Lightweight Virtualization Technologies")
   * reports for sysbench runs: {@code totalTime} (s, sysbench's {@code "total time:"}), {@code
   * latencyMin} (ms, the latency summary's {@code "min:"}, printed to 0.01 ms) and {@code
   * latencyAvg} (ms, the summary's {@code "sum:"} over the events: sysbench's {@code "avg:"}
   * unrounded), all lower is better.
   *
   * @throws dev.junitsandbox.probe.ProbeException if sysbench printed no such lines
   */
  static Measurement.Builder addSummaryFigures(
      Measurement.Builder measurement, SysbenchOutput output) {
    return measurement
        .figure("totalTime", "s", output.totalTimeSeconds(), Better.LOWER)
        .figure("latencyMin", "ms", output.latencySummaryMillis("min:"), Better.LOWER)
        .figure("latencyAvg", "ms", output.meanLatencyMillis(), Better.LOWER);
  }
}
