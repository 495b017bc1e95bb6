package dev.junitsandbox.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitsandbox.compare.Comparison;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.report.ComparisonResult;
import dev.junitsandbox.report.Environment;
import dev.junitsandbox.report.InvocationResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The files of one invocation of a {@code @Runtimes} test, written as each measurement is taken:
 * {@code invocation.json} (schema {@value #SCHEMA}: the {@link InvocationResult} plus the schema,
 * the id of the run that wrote it and the {@link Environment}) and, per measurement with a latency
 * distribution, an HdrHistogram percentile table ({@code .hgrm}) and histogram log ({@code .hlog}).
 *
 * <p>Every {@link #add} rewrites the JSON file at once (through a temporary file, so a reader never
 * sees half of it): a test that fails or crashes later keeps what it measured. The first one also
 * removes what an earlier run left in the same directory, so its histogram files do not mix with
 * this run's; the run report takes only this run's files in any case (by run id).
 */
public final class InvocationReport {

  /** Identifies the layout of {@code invocation.json}; bumped on any incompatible change. */
  public static final String SCHEMA = "junit-sandbox/invocation/3";

  private static final String FILE_NAME = "invocation.json";

  private final Path directory;
  private final String runId;
  private final Environment environment;
  private InvocationResult invocation;

  /**
   * @param directory where this invocation's files go; created when the first is written
   * @param runId the run it belongs to
   * @param invocation what ran, where; without measurements, status or file
   * @param environment the machine
   */
  public InvocationReport(
      Path directory, String runId, InvocationResult invocation, Environment environment) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.runId = Objects.requireNonNull(runId, "runId");
    this.invocation = Objects.requireNonNull(invocation, "invocation");
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /** The directory this invocation's files go to. */
  public Path directory() {
    return directory;
  }

  /** The run this invocation belongs to. */
  public String runId() {
    return runId;
  }

  /** What the invocation has reported so far: its measurements and comparisons. */
  public synchronized InvocationResult invocation() {
    return invocation;
  }

  /** The JSON file. */
  public Path jsonFile() {
    return directory.resolve(FILE_NAME);
  }

  /**
   * Records a measurement: writes its histogram files and rewrites {@code invocation.json}.
   *
   * @throws UncheckedIOException if a file cannot be written
   */
  public synchronized void add(Measurement measurement) {
    String base =
        String.format(
            "%02d-%s-%s",
            invocation.measurements().size() + 1,
            fileNamePart(measurement.probe()),
            fileNamePart(measurement.runtime()));
    try {
      Files.createDirectories(directory);
      if (invocation.measurements().isEmpty()) {
        removeEarlierRuns();
      }
      if (measurement.hasLatency()) {
        write(directory.resolve(base + ".hgrm"), PercentileTableFormat::new, measurement);
        write(directory.resolve(base + ".hlog"), HistogramLogFormat::new, measurement);
      }
      // the entry is built (and its histograms encoded) once, not on every rewrite
      rewrite(invocation.with(MeasurementResults.of(measurement, base)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the report in " + directory + ": " + e, e);
    }
  }

  /**
   * Records a comparison (its trials' measurements were added as they were taken): rewrites {@code
   * invocation.json}.
   *
   * @throws UncheckedIOException if the file cannot be written
   */
  public synchronized void add(Comparison comparison) {
    try {
      Files.createDirectories(directory);
      if (invocation.measurements().isEmpty() && invocation.comparisons().isEmpty()) {
        removeEarlierRuns();
      }
      rewrite(invocation.with(ComparisonResult.of(comparison)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the report in " + directory + ": " + e, e);
    }
  }

  /**
   * Records a gate's verdicts on a comparison recorded before: rewrites {@code invocation.json}
   * with the gate on it (replacing an earlier gate's).
   *
   * @throws IllegalArgumentException if this report has no such comparison
   * @throws UncheckedIOException if the file cannot be written
   */
  public synchronized void judged(Comparison comparison, ComparisonResult.SideBySideGate gate) {
    ComparisonResult recorded = ComparisonResult.of(comparison);
    List<ComparisonResult> comparisons = new ArrayList<>(invocation.comparisons());
    // the comparison as first recorded: an earlier gate's verdicts on it are replaced
    int index = comparisons.stream().map(c -> c.withGate(null)).toList().indexOf(recorded);
    if (index < 0) {
      throw new IllegalArgumentException(
          "the comparison of "
              + comparison.probe()
              + " was not recorded in "
              + jsonFile()
              + "; only a comparison this invocation's sandbox took can be gated in its report");
    }
    comparisons.set(index, recorded.withGate(gate));
    InvocationResult i = invocation;
    try {
      rewrite(
          new InvocationResult(
              i.testClass(),
              i.testMethod(),
              i.displayName(),
              i.uniqueId(),
              i.runtime(),
              i.status(),
              i.reason(),
              i.measurements(),
              i.file(),
              i.round(),
              i.rounds(),
              comparisons));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the report in " + directory + ": " + e, e);
    }
  }

  private void rewrite(InvocationResult next) throws IOException {
    ObjectNode json = ResultJson.MAPPER.createObjectNode();
    json.put("schema", SCHEMA);
    json.put("runId", runId);
    json.set("environment", ResultJson.MAPPER.valueToTree(environment));
    json.setAll((ObjectNode) ResultJson.MAPPER.valueToTree(next));
    String text = ResultJson.MAPPER.writeValueAsString(json);
    AtomicFiles.write(jsonFile(), out -> out.print(text));
    invocation = next;
  }

  /** Removes an earlier run's {@code invocation.json} and histogram files from the directory. */
  private void removeEarlierRuns() throws IOException {
    Path json = jsonFile();
    if (Files.isRegularFile(json) && !runId.equals(writtenRunId(json))) {
      try (var files = Files.list(directory)) {
        for (Path file : files.toList()) {
          String name = file.getFileName().toString();
          if (name.endsWith(".hgrm") || name.endsWith(".hlog")) {
            Files.deleteIfExists(file);
          }
        }
      }
      Files.deleteIfExists(json);
    }
  }

  private static String writtenRunId(Path json) {
    try {
      return ResultJson.MAPPER.readTree(json.toFile()).path("runId").asText(null);
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }

  /**
   * A probe's name as part of a file name: a probe may be named anything, and a '/' or a character
   * the file system refuses must not lose the measurement. The report keeps the name as it is.
   */
  private static String fileNamePart(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._-]+", "_");
    return safe.length() > 60 ? safe.substring(0, 60) : safe;
  }

  private static void write(
      Path file, Function<PrintStream, HistogramFormat> format, Measurement measurement)
      throws IOException {
    try (PrintStream out =
        new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
      format.apply(out).writeOut(measurement);
    }
  }

  /** What an {@code invocation.json} holds; {@code runId} is null in files of older versions. */
  record Written(String runId, Environment environment, InvocationResult invocation) {}

  /**
   * Reads an {@code invocation.json}'s content, or empty if it was written by another version (an
   * earlier run's file left in the same directory).
   *
   * @throws IllegalArgumentException if it breaks a record's rules
   */
  static Optional<Written> read(JsonNode json) {
    if (!SCHEMA.equals(json.path("schema").asText())) {
      return Optional.empty();
    }
    return Optional.of(
        new Written(
            json.path("runId").asText(null),
            ResultJson.convert(json.path("environment"), Environment.class),
            ResultJson.convert(json, InvocationResult.class)));
  }
}
