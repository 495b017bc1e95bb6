package dev.junitsandbox.internal.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitsandbox.SandboxSettings;
import dev.junitsandbox.report.RunResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The stored baseline a run is gated against ({@code junit.sandbox.gate.baseline}): an earlier
 * run's {@code results.json}, or what is wrong with the file and how to fix it. Read once per run;
 * a broken file never stops the run's own measurements and report, it fails each gated invocation
 * with {@link #problem()}.
 *
 * @param file the file as configured
 * @param run the baseline's run, or null with a problem
 * @param problem what is wrong with the file, the rule and the fix, or null
 */
public record BaselineFile(Path file, RunResult run, String problem) {

  private static final ObjectMapper PLAIN = new ObjectMapper();
  private static final String SCHEMA_PREFIX = "junit-sandbox/results/";

  public BaselineFile {
    Objects.requireNonNull(file, "file");
    if ((run == null) == (problem == null)) {
      throw new IllegalArgumentException("a baseline file has either a run or a problem");
    }
  }

  /** Reads {@code file}; never throws: what cannot be read is a {@link #problem()}. */
  public static BaselineFile read(Path file) {
    String fix = saveFix(file);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return broken(file, "the file does not exist", fix);
    } catch (IOException e) {
      return broken(file, "the file cannot be read (" + e + ")", fix);
    }
    JsonNode json;
    try {
      json = PLAIN.readTree(bytes);
    } catch (JsonProcessingException e) {
      return broken(
          file,
          "it is not complete JSON (cut short or damaged: "
              + e.getOriginalMessage()
              + " at line "
              + e.getLocation().getLineNr()
              + ")",
          fix);
    } catch (IOException e) {
      return broken(file, "it cannot be parsed (" + e + ")", fix);
    }
    String schema = json == null ? "" : json.path("schema").asText("");
    if (!schema.startsWith(SCHEMA_PREFIX)) {
      return broken(
          file,
          "it is not a junit-sandbox results file (no \"schema\": \""
              + RunResult.SCHEMA
              + "\"; a baseline is the results.json of an earlier run)",
          fix);
    }
    if (!schema.equals(RunResult.SCHEMA) && newer(schema)) {
      return broken(
          file,
          "it is of a newer schema, "
              + schema
              + ", written by a later junit-sandbox than this one (which reads "
              + RunResult.SCHEMA
              + ")",
          "run the gate with the junit-sandbox version that saved the baseline, or newer");
    }
    if (!schema.equals(RunResult.SCHEMA)) {
      return broken(
          file,
          "it is of an older schema, "
              + schema
              + ", which this version cannot gate against (it reads "
              + RunResult.SCHEMA
              + "; docs/report-schema.md lists what changed)",
          "re-save the baseline with this version: " + fix);
    }
    try {
      return new BaselineFile(file, RunResult.read(new ByteArrayInputStream(bytes)), null);
    } catch (RuntimeException e) {
      return broken(
          file,
          "it breaks the results schema: "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
          fix);
    }
  }

  // junit-sandbox/results/<n>: a higher n than this version's
  private static boolean newer(String schema) {
    try {
      return Integer.parseInt(schema.substring(SCHEMA_PREFIX.length()))
          > Integer.parseInt(RunResult.SCHEMA.substring(SCHEMA_PREFIX.length()));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static BaselineFile broken(Path file, String what, String fix) {
    return new BaselineFile(
        file,
        null,
        String.format(
            "The gate's baseline %s (%s) cannot be used: %s. Fix: %s",
            file.toAbsolutePath().normalize(), SandboxSettings.GATE_BASELINE, what, fix));
  }

  /** The command that saves a baseline to {@code file}, to be reviewed and committed. */
  static String saveFix(Path file) {
    return "save a baseline with "
        + reBaselineCommand(file, GateEvaluation.MINIMUM_ROUNDS)
        + " (without "
        + SandboxSettings.GATE_BASELINE
        + "), review it and commit it, or point "
        + SandboxSettings.GATE_BASELINE
        + " at an existing baseline";
  }

  /** {@code mvn verify -Djunit.sandbox.rounds=6 -Djunit.sandbox.gate.save-baseline=<file>}. */
  static String reBaselineCommand(Path file, int rounds) {
    return "mvn verify -D"
        + SandboxSettings.ROUNDS
        + "="
        + rounds
        + " -D"
        + SandboxSettings.GATE_SAVE_BASELINE
        + "="
        + file;
  }

  /** The baseline's run, if the file could be read. */
  public Optional<RunResult> usable() {
    return Optional.ofNullable(run);
  }

  /** For messages: the file, and when the baseline's run started and its id. */
  public String provenance() {
    String where = file.toAbsolutePath().normalize().toString();
    if (run == null) {
      return where;
    }
    return where
        + " (run "
        + (run.runIds().isEmpty() ? "without id" : String.join(", ", run.runIds()))
        + ", started "
        + run.started()
        + ")";
  }
}
