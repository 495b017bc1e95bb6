package dev.junitsandbox.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitsandbox.report.BaselineGate;
import dev.junitsandbox.report.Environment;
import dev.junitsandbox.report.InvocationResult;
import dev.junitsandbox.report.MeasurementResult;
import dev.junitsandbox.report.RunResult;
import dev.junitsandbox.report.RuntimeDescription;
import dev.junitsandbox.report.TestOutcome;
import dev.junitsandbox.report.TrialSeries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Assembles a {@link RunResult} from the {@code invocation.json} files of a reports directory: the
 * invocations of this run (by run id: a file an earlier run left there, e.g. of an invocation this
 * run skipped, is not this run's even where the test's unique id is the same) with their outcomes,
 * each measurement's chart group and its ratios to the host's measurement in that group, and the
 * series of trials of matrices with rounds.
 */
final class RunCollector {

  private RunCollector() {}

  static RunResult collect(
      Path directory,
      Collection<TestOutcome> outcomes,
      Collection<String> runIds,
      Instant started,
      Instant finished) {
    Set<String> runs = new TreeSet<>(runIds);
    Map<String, TestOutcome> ran = new LinkedHashMap<>();
    outcomes.forEach(outcome -> ran.put(outcome.uniqueId(), outcome));
    Environment environment = null;
    List<InvocationResult> invocations = new ArrayList<>();
    List<BaselineGate> gates = new ArrayList<>();
    for (Path file : invocationFiles(directory)) {
      JsonNode json = readTree(file);
      TestOutcome outcome = ran.get(json.path("uniqueId").asText());
      if (outcome == null) {
        continue; // an earlier run's
      }
      InvocationReport.Written written;
      try {
        written = InvocationReport.read(json).orElse(null);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
      }
      if (written == null || written.runId() == null || !runs.contains(written.runId())) {
        continue; // another version's, or an earlier run's
      }
      if (environment == null) {
        environment = written.environment();
      }
      GateFile.read(file.getParent(), runs).ifPresent(gates::add);
      InvocationResult invocation = written.invocation();
      String folder = relative(directory, file.getParent());
      List<MeasurementResult> measurements =
          invocation.measurements().stream()
              .map(m -> m.latency() == null ? m : m.withLatency(m.latency().withFilesUnder(folder)))
              .toList();
      invocations.add(
          invocation.finished(
              outcome.status(), outcome.reason(), relative(directory, file), measurements));
    }
    invocations = compareToHost(labelGroups(invocations));
    List<TrialSeries> trialSeries = Trials.series(invocations);
    Map<String, RuntimeDescription> runtimes = new LinkedHashMap<>();
    invocations.forEach(i -> runtimes.putIfAbsent(i.runtime().id(), i.runtime()));
    List<RuntimeDescription> ordered =
        runtimes.values().stream()
            .sorted((a, b) -> RuntimeOrder.HOST_FIRST.compare(a.id(), b.id()))
            .toList();
    return new RunResult(
        RunResult.SCHEMA,
        started,
        finished,
        environment,
        ordered,
        List.copyOf(outcomes),
        invocations,
        List.copyOf(runs),
        trialSeries,
        GateFile.merge(gates));
  }

  private static List<Path> invocationFiles(Path directory) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(f -> f.endsWith("invocation.json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the invocation reports in " + directory, e);
    }
  }

  private static JsonNode readTree(Path file) {
    try {
      return ResultJson.MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e, e);
    }
  }

  private static String relative(Path directory, Path file) {
    return directory.relativize(file).toString().replace('\\', '/');
  }

  /**
   * One group per test method, probe and parameters: the runtimes side by side. The label names
   * only the parameters that differ between the method's groups of that probe (e.g. the block
   * size), so labels stay short.
   */
  private static List<InvocationResult> labelGroups(List<InvocationResult> invocations) {
    Map<String, Map<String, Set<String>>> valuesByMethodProbe = new LinkedHashMap<>();
    for (InvocationResult invocation : invocations) {
      for (MeasurementResult measurement : invocation.measurements()) {
        Map<String, Set<String>> values =
            valuesByMethodProbe.computeIfAbsent(
                methodProbe(invocation, measurement), k -> new LinkedHashMap<>());
        measurement
            .parameters()
            .forEach((key, value) -> values.computeIfAbsent(key, k -> new TreeSet<>()).add(value));
      }
    }
    return invocations.stream()
        .map(
            invocation -> {
              List<MeasurementResult> labelled =
                  invocation.measurements().stream()
                      .map(
                          measurement -> {
                            String methodProbe = methodProbe(invocation, measurement);
                            Map<String, Set<String>> values = valuesByMethodProbe.get(methodProbe);
                            String differing =
                                measurement.parameters().entrySet().stream()
                                    .filter(p -> values.get(p.getKey()).size() > 1)
                                    .map(p -> p.getKey() + "=" + p.getValue())
                                    .collect(Collectors.joining(", "));
                            String all =
                                measurement.parameters().entrySet().stream()
                                    .map(p -> p.getKey() + "=" + p.getValue())
                                    .collect(Collectors.joining(", "));
                            return measurement.withGroup(
                                methodProbe + (differing.isEmpty() ? "" : " (" + differing + ")"),
                                all);
                          })
                      .toList();
              return invocation.finished(
                  invocation.status(), invocation.reason(), invocation.file(), labelled);
            })
        .toList();
  }

  private static String methodProbe(InvocationResult invocation, MeasurementResult measurement) {
    String className = invocation.testClass();
    String simpleName = className.substring(className.lastIndexOf('.') + 1);
    String method = invocation.testMethod() == null ? "" : "." + invocation.testMethod();
    return simpleName + method + " · " + measurement.probe();
  }

  /**
   * Each measurement with its ratios to the first host measurement of its group (the same test
   * class and method, probe and parameters) in the same round of the matrix, or else of any round:
   * a round's runtimes ran side by side, close in time.
   */
  private static List<InvocationResult> compareToHost(List<InvocationResult> invocations) {
    Map<List<Object>, MeasurementResult> hosts = new LinkedHashMap<>();
    for (InvocationResult invocation : invocations) {
      for (MeasurementResult measurement : invocation.measurements()) {
        if (RuntimeOrder.isHost(measurement.runtime())) {
          hosts.putIfAbsent(roundKey(invocation, measurement), measurement);
          hosts.putIfAbsent(groupKey(invocation, measurement), measurement);
        }
      }
    }
    return invocations.stream()
        .map(
            invocation ->
                invocation.finished(
                    invocation.status(),
                    invocation.reason(),
                    invocation.file(),
                    invocation.measurements().stream()
                        .map(
                            measurement -> {
                              MeasurementResult host =
                                  hosts.getOrDefault(
                                      roundKey(invocation, measurement),
                                      hosts.get(groupKey(invocation, measurement)));
                              return host == null
                                  ? measurement
                                  : HostRatios.compare(measurement, host);
                            })
                        .toList()))
        .toList();
  }

  private static List<Object> roundKey(InvocationResult invocation, MeasurementResult measurement) {
    return List.of(groupKey(invocation, measurement), invocation.round());
  }

  private static List<Object> groupKey(InvocationResult invocation, MeasurementResult measurement) {
    // a list, not the label: two classes of the same simple name must not share a host
    return Arrays.asList(
        invocation.testClass(),
        invocation.testMethod(),
        measurement.probe(),
        measurement.parameters());
  }
}
