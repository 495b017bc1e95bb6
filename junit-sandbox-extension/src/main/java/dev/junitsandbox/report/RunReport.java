package dev.junitsandbox.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitsandbox.ContainerRuntime;
import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Statistic;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * The report of a whole run: {@code results.json} (schema {@value #SCHEMA}, see {@code
 * docs/report-schema.md}) and a self-contained {@code index.html} with a chart per measurement,
 * both in the reports directory, built from the {@code invocation.json} files the run wrote.
 *
 * <p>Measurements are grouped by test method, probe and parameters: one group is one figure of the
 * studies, with one entry per runtime.
 */
public final class RunReport {

  /** Identifies the layout of {@code results.json}; bumped on any incompatible change. */
  public static final String SCHEMA = "junit-sandbox/results/1";

  // the percentiles plotted in the distribution charts: HdrHistogram's "number of nines" steps
  private static final double[] PLOTTED_PERCENTILES = {
    0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.999, 100
  };

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String CHART_JS =
      "META-INF/resources/webjars/chart.js/4.5.1/dist/chart.umd.min.js";

  private final Path directory;
  private final ObjectNode results;

  private RunReport(Path directory, ObjectNode results) {
    this.directory = directory;
    this.results = results;
  }

  /**
   * Collects the invocation reports under {@code directory} that belong to this run: those whose
   * test (or class pass) is among {@code outcomes}. Reports of earlier runs are left out.
   */
  public static RunReport collect(Path directory, Collection<TestOutcome> outcomes) {
    Set<String> ran = outcomes.stream().map(TestOutcome::uniqueId).collect(Collectors.toSet());
    List<JsonNode> invocations = new ArrayList<>();
    if (Files.isDirectory(directory)) {
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path file : files.filter(f -> f.endsWith("invocation.json")).sorted().toList()) {
          JsonNode invocation = JSON.readTree(file.toFile());
          if (ran.contains(invocation.path("test").path("uniqueId").asText())) {
            ((ObjectNode) invocation)
                .put("file", relative(directory, file))
                .put("directory", relative(directory, file.getParent()));
            invocations.add(invocation);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the invocation reports in " + directory, e);
      }
    }
    return new RunReport(directory, build(invocations, outcomes));
  }

  private static String relative(Path directory, Path file) {
    return directory.relativize(file).toString().replace('\\', '/');
  }

  private static ObjectNode build(List<JsonNode> invocations, Collection<TestOutcome> outcomes) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("generated", Instant.now().toString());
    root.set(
        "environment",
        invocations.isEmpty() ? JSON.nullNode() : invocations.get(0).path("environment"));
    Map<String, JsonNode> runtimes = new LinkedHashMap<>();
    for (JsonNode invocation : invocations) {
      runtimes.putIfAbsent(
          invocation.path("runtime").path("id").asText(), invocation.path("runtime"));
    }
    List<String> order = new ArrayList<>(runtimes.keySet());
    order.sort(RunReport::compareRuntimes);
    root.set("runtimes", JSON.valueToTree(order.stream().map(runtimes::get).toList()));
    root.set("tests", JSON.valueToTree(outcomes));
    ArrayNode measurements = root.putArray("measurements");
    for (JsonNode invocation : invocations) {
      String folder = invocation.path("directory").asText();
      for (JsonNode entry : invocation.path("measurements")) {
        ObjectNode measurement = entry.deepCopy();
        measurement.set("test", invocation.path("test"));
        measurement.put("invocationFile", invocation.path("file").asText());
        JsonNode latency = measurement.path("latency");
        if (latency instanceof ObjectNode latencyNode) {
          latencyNode.put("percentileFile", folder + "/" + latency.path("percentileFile").asText());
          latencyNode.put("logFile", folder + "/" + latency.path("logFile").asText());
          latencyNode.set("percentiles", percentiles(latency.path("histogram").asText()));
        }
        measurements.add(measurement);
      }
    }
    labelGroups(measurements);
    return root;
  }

  /**
   * One group per test method, probe and parameters: the runtimes side by side. The label names
   * only the parameters that differ between the method's groups of that probe (e.g. the block
   * size), so labels stay short.
   */
  private static void labelGroups(ArrayNode measurements) {
    Map<String, Map<String, Set<String>>> valuesByMethodProbe = new LinkedHashMap<>();
    for (JsonNode measurement : measurements) {
      Map<String, Set<String>> values =
          valuesByMethodProbe.computeIfAbsent(methodProbe(measurement), k -> new LinkedHashMap<>());
      measurement
          .path("parameters")
          .properties()
          .forEach(
              p ->
                  values
                      .computeIfAbsent(p.getKey(), k -> new java.util.TreeSet<>())
                      .add(p.getValue().asText()));
    }
    for (JsonNode node : measurements) {
      ObjectNode measurement = (ObjectNode) node;
      Map<String, Set<String>> values = valuesByMethodProbe.get(methodProbe(measurement));
      String all =
          measurement.path("parameters").properties().stream()
              .map(p -> p.getKey() + "=" + p.getValue().asText())
              .collect(Collectors.joining(", "));
      String differing =
          measurement.path("parameters").properties().stream()
              .filter(p -> values.get(p.getKey()).size() > 1)
              .map(p -> p.getKey() + "=" + p.getValue().asText())
              .collect(Collectors.joining(", "));
      String label = methodProbe(measurement) + (differing.isEmpty() ? "" : " (" + differing + ")");
      measurement.put("group", label);
      measurement.put("groupParameters", all);
    }
  }

  private static String methodProbe(JsonNode measurement) {
    JsonNode test = measurement.path("test");
    String className = test.path("class").asText();
    String simpleName = className.substring(className.lastIndexOf('.') + 1);
    String method = test.path("method").isTextual() ? "." + test.path("method").asText() : "";
    return simpleName + method + " · " + measurement.path("probe").asText();
  }

  private static ArrayNode percentiles(String encoded) {
    Histogram histogram = InvocationReport.decode(encoded);
    ArrayNode points = JSON.createArrayNode();
    for (double percentile : PLOTTED_PERCENTILES) {
      points.addArray().add(percentile).add(histogram.getValueAtPercentile(percentile));
    }
    return points;
  }

  /** The well-known runtimes in their enum order (host first), then any other by name. */
  private static int compareRuntimes(String a, String b) {
    return Comparator.comparingInt(RunReport::knownIndex)
        .thenComparing(Comparator.<String>naturalOrder())
        .compare(a, b);
  }

  private static int knownIndex(String runtime) {
    for (ContainerRuntime known : ContainerRuntime.values()) {
      if (known.id().equals(runtime)) {
        return known.ordinal();
      }
    }
    return Integer.MAX_VALUE;
  }

  /** Whether the run measured anything. */
  public boolean isEmpty() {
    return results.path("measurements").isEmpty();
  }

  /** The results as written to {@code results.json}. */
  public JsonNode results() {
    return results;
  }

  /**
   * Writes {@code results.json} and {@code index.html} into the reports directory.
   *
   * @return the HTML file
   * @throws UncheckedIOException if they cannot be written; the invocation reports stay as they are
   */
  public Path write() {
    try {
      Files.createDirectories(directory);
      writeAtomically(directory.resolve("results.json"), JSON.writeValueAsString(results));
      Path html = directory.resolve("index.html");
      writeAtomically(html, html());
      return html;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the run report in " + directory + ": " + e, e);
    }
  }

  private String html() throws IOException {
    // "</" would end the inline script early; JSON allows the escaped form
    String data = JSON.writeValueAsString(results).replace("</", "<\\/");
    return resource("dev/junitsandbox/report/report.html")
        .replace("/*STYLE*/", resource("dev/junitsandbox/report/report.css"))
        .replace("/*CHART_JS*/", resource(CHART_JS))
        .replace("/*REPORT_JS*/", resource("dev/junitsandbox/report/report.js"))
        .replace("/*DATA*/", data);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = RunReport.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing resource " + name + " on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void writeAtomically(Path file, String content) throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temporary, content, StandardCharsets.UTF_8);
    Files.move(
        temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * The console table: one line per group, one column per runtime with the headline figure (the
   * first named figure, else the p50 latency) and its ratio to the host's.
   */
  public String consoleSummary() {
    List<String> runtimes = new ArrayList<>();
    Map<String, Map<String, JsonNode>> groups = new LinkedHashMap<>();
    for (JsonNode measurement : results.path("measurements")) {
      String runtime = measurement.path("runtime").asText();
      if (!runtimes.contains(runtime)) {
        runtimes.add(runtime);
      }
      groups
          .computeIfAbsent(measurement.path("group").asText(), g -> new LinkedHashMap<>())
          .putIfAbsent(runtime, measurement);
    }
    runtimes.sort(RunReport::compareRuntimes);
    int width = Math.min(70, groups.keySet().stream().mapToInt(String::length).max().orElse(10));
    StringBuilder table = new StringBuilder();
    table.append(String.format(Locale.ROOT, "%-" + width + "s", "measurement"));
    runtimes.forEach(r -> table.append(String.format(Locale.ROOT, " %22s", r)));
    table.append(System.lineSeparator());
    groups.forEach(
        (group, byRuntime) -> {
          String label = group.length() > width ? group.substring(0, width - 1) + "…" : group;
          table.append(String.format(Locale.ROOT, "%-" + width + "s", label));
          JsonNode host = byRuntime.get("host");
          for (String runtime : runtimes) {
            JsonNode measurement = byRuntime.get(runtime);
            table.append(
                String.format(
                    Locale.ROOT, " %22s", measurement == null ? "-" : cell(measurement, host)));
          }
          table.append(System.lineSeparator());
        });
    return table.toString();
  }

  private static String cell(JsonNode measurement, JsonNode host) {
    JsonNode figure = measurement.path("figures").path(0);
    double value;
    double base = Double.NaN;
    String text;
    if (!figure.isMissingNode()) {
      value = figure.path("value").asDouble();
      text = Figure.formatValue(value) + " " + figure.path("unit").asText();
      if (host != null) {
        for (JsonNode hostFigure : host.path("figures")) {
          if (hostFigure.path("name").asText().equals(figure.path("name").asText())) {
            base = hostFigure.path("value").asDouble();
          }
        }
      }
    } else {
      value = measurement.path("latency").path("p50").asDouble();
      text = Statistic.formatNanos(value);
      if (host != null && host.has("latency")) {
        base = host.path("latency").path("p50").asDouble();
      }
    }
    if (host == null || host == measurement || !(base > 0)) {
      return text;
    }
    return text + String.format(Locale.ROOT, " (%.2fx)", value / base);
  }
}
