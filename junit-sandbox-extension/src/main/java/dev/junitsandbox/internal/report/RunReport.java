package dev.junitsandbox.internal.report;

import dev.junitsandbox.report.RunResult;
import dev.junitsandbox.report.TestOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;

/**
 * The report of a whole run, from the {@code invocation.json} files it wrote: {@code results.json}
 * and {@code index.html} in the reports directory, and the console summary.
 */
public final class RunReport {

  /** The name of the run model's file in the reports directory. */
  public static final String RESULTS_FILE = "results.json";

  /** The name of the page in the reports directory. */
  public static final String HTML_FILE = "index.html";

  private RunReport() {}

  /**
   * The run made of the invocation reports under {@code directory} that belong to it: those whose
   * test (or class pass) is among {@code outcomes}. Reports of earlier runs are left out.
   */
  public static RunResult collect(
      Path directory, Collection<TestOutcome> outcomes, Instant started, Instant finished) {
    return RunCollector.collect(directory, outcomes, started, finished);
  }

  /**
   * Writes {@code results.json} and {@code index.html} into {@code directory}.
   *
   * @return the HTML file
   * @throws UncheckedIOException if they cannot be written; the invocation reports stay as they are
   */
  public static Path write(Path directory, RunResult run) {
    try {
      Files.createDirectories(directory);
      AtomicFiles.write(
          directory.resolve(RESULTS_FILE),
          out -> ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(run));
      Path html = directory.resolve(HTML_FILE);
      AtomicFiles.write(
          html, out -> ResultFormatFactory.getInstance(ResultFormatType.HTML, out).writeOut(run));
      return html;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the run report in " + directory + ": " + e, e);
    }
  }

  /**
   * The console lines that say how many of {@code outcomes} were skipped or aborted, and why,
   * grouped by reason; empty when every test ran. {@code hint} follows the skips, e.g. how to make
   * them fail.
   */
  public static String skipSummary(Collection<TestOutcome> outcomes, String hint) {
    return SkipSummary.of(outcomes, hint);
  }

  /** The console table of {@code run}, one line per group. */
  public static String consoleSummary(RunResult run) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      ResultFormatFactory.getInstance(ResultFormatType.TEXT, out).writeOut(run);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
