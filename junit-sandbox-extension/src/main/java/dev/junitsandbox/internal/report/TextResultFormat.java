package dev.junitsandbox.internal.report;

import dev.junitsandbox.report.MeasurementResult;
import dev.junitsandbox.report.RunResult;
import dev.junitsandbox.report.RuntimeDescription;
import dev.junitsandbox.report.TrialSeries;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The console table: one line per group, one column per runtime (host first) with the headline
 * figure and its ratio to the host's, as the run model holds them (for a matrix with rounds, the
 * median over the rounds with its range); below it one line per runtime with its version, platform
 * and network mode, which change what the figures mean; then, if the run compared runtimes, one
 * line per compared figure ({@link ComparisonSummary}).
 */
final class TextResultFormat implements ResultFormat {

  private static final int MAX_LABEL = 70;

  private final PrintStream out;

  TextResultFormat(PrintStream out) {
    this.out = out;
  }

  @Override
  public void writeOut(RunResult run) {
    List<String> runtimes = new ArrayList<>();
    Map<String, Map<String, MeasurementResult>> groups = new LinkedHashMap<>();
    for (MeasurementResult measurement : run.measurements()) {
      if (!runtimes.contains(measurement.runtime())) {
        runtimes.add(measurement.runtime());
      }
      groups
          .computeIfAbsent(measurement.group(), g -> new LinkedHashMap<>())
          .putIfAbsent(measurement.runtime(), measurement);
    }
    runtimes.sort(RuntimeOrder.HOST_FIRST);
    Map<String, Map<String, String>> cells = new LinkedHashMap<>();
    groups.forEach(
        (group, byRuntime) ->
            byRuntime.forEach(
                (runtime, measurement) ->
                    cells
                        .computeIfAbsent(group, g -> new LinkedHashMap<>())
                        .put(runtime, cell(run, measurement))));
    int width =
        Math.min(MAX_LABEL, groups.keySet().stream().mapToInt(String::length).max().orElse(10));
    // a median with its range is wider than one value: the columns grow to fit, never cut a figure
    int column =
        Math.max(
            22,
            cells.values().stream()
                .flatMap(byRuntime -> byRuntime.values().stream())
                .mapToInt(String::length)
                .max()
                .orElse(0));
    String cellFormat = " %" + column + "s";
    StringBuilder table = new StringBuilder();
    table.append(String.format(Locale.ROOT, "%-" + width + "s", "measurement"));
    runtimes.forEach(r -> table.append(String.format(Locale.ROOT, cellFormat, r)));
    table.append(System.lineSeparator());
    cells.forEach(
        (group, byRuntime) -> {
          String label = group.length() > width ? group.substring(0, width - 1) + "…" : group;
          table.append(String.format(Locale.ROOT, "%-" + width + "s", label));
          for (String runtime : runtimes) {
            table.append(
                String.format(Locale.ROOT, cellFormat, byRuntime.getOrDefault(runtime, "-")));
          }
          table.append(System.lineSeparator());
        });
    if (!run.trialSeries().isEmpty()) {
      table.append(
          "(rounds: median of the rounds' values, ratio of the medians to the host's, [smallest-largest])"
              + System.lineSeparator());
    }
    if (!run.runtimes().isEmpty()) {
      int idWidth = run.runtimes().stream().mapToInt(r -> r.id().length()).max().orElse(4);
      for (RuntimeDescription runtime : run.runtimes()) {
        table.append(
            String.format(
                Locale.ROOT,
                "%-" + idWidth + "s  %s, platform %s, network %s%n",
                runtime.id(),
                runtime.version(),
                runtime.platform() == null ? "unknown" : runtime.platform(),
                runtime.networkMode() == null ? "unknown" : runtime.networkMode()));
      }
    }
    table.append(ComparisonSummary.of(run));
    out.print(table);
  }

  /** The series of a group and runtime that ran in rounds, else its one measurement's headline. */
  private static String cell(RunResult run, MeasurementResult measurement) {
    return run.findTrialSeries(measurement.group(), measurement.runtime())
        .map(TrialSeries::format)
        .orElseGet(() -> measurement.headline().format());
  }
}
