package dev.junitsandbox.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitsandbox.report.BaselineGate;
import dev.junitsandbox.report.BaselineGateFigure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The gate's verdicts of one invocation, {@value #FILE_NAME} next to its {@code invocation.json}
 * (schema {@value #SCHEMA}: a {@link BaselineGate} plus the schema and the run's id), from which
 * the run report assembles its {@code gate} section: the verdicts are decided inside the test
 * engine, the report is written by a listener, possibly after forks that wrote the same directory.
 */
public final class GateFile {

  /** The file's name in the invocation's directory. */
  public static final String FILE_NAME = "gate.json";

  static final String SCHEMA = "junit-sandbox/gate/1";

  private GateFile() {}

  /**
   * Writes {@code report} into {@code directory} (atomically).
   *
   * @throws UncheckedIOException if it cannot be written
   */
  public static void write(Path directory, String runId, BaselineGate report) {
    try {
      Files.createDirectories(directory);
      ObjectNode json = ResultJson.MAPPER.createObjectNode();
      json.put("schema", SCHEMA);
      json.put("runId", runId);
      json.setAll((ObjectNode) ResultJson.MAPPER.valueToTree(report));
      String text = ResultJson.MAPPER.writeValueAsString(json);
      AtomicFiles.write(directory.resolve(FILE_NAME), out -> out.print(text));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the gate's verdicts in " + directory + ": " + e, e);
    }
  }

  /** The gate report of {@code directory} if one of {@code runIds} wrote it there. */
  static Optional<BaselineGate> read(Path directory, Collection<String> runIds) {
    Path file = directory.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode json = ResultJson.MAPPER.readTree(file.toFile());
      if (!SCHEMA.equals(json.path("schema").asText())
          || !runIds.contains(json.path("runId").asText())) {
        return Optional.empty(); // an earlier run's, or another version's
      }
      return Optional.of(ResultJson.convert(json, BaselineGate.class));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e, e);
    }
  }

  /** The run's gate section: the first report's baseline, every report's figures in order. */
  static BaselineGate merge(List<BaselineGate> reports) {
    if (reports.isEmpty()) {
      return null;
    }
    BaselineGate first = reports.get(0);
    List<BaselineGateFigure> figures = new ArrayList<>();
    reports.forEach(r -> figures.addAll(r.figures()));
    return new BaselineGate(
        first.baseline(),
        first.baselineStarted(),
        first.baselineRunIds(),
        first.problem(),
        figures);
  }
}
