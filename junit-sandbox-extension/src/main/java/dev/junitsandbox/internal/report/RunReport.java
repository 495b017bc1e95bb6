package dev.junitsandbox.internal.report;

import dev.junitsandbox.report.BaselineGate;
import dev.junitsandbox.report.RunResult;
import dev.junitsandbox.report.TestOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
   * The run made of the invocation reports under {@code directory} that belong to it: those written
   * by one of {@code runIds} whose test (or class pass) is among {@code outcomes}. Reports of
   * earlier runs are left out, also those of an invocation that this run skipped.
   */
  public static RunResult collect(
      Path directory,
      Collection<TestOutcome> outcomes,
      Collection<String> runIds,
      Instant started,
      Instant finished) {
    return RunCollector.collect(directory, outcomes, runIds, started, finished);
  }

  /**
   * A published run, and the trend its page shows.
   *
   * @param run the run as written
   * @param trend the trend over the run history, or null without one
   */
  public record Publication(RunResult run, Trend trend) {}

  /**
   * Collects this run's report and writes it into {@code directory}. A run that measured nothing
   * writes a report that says so if it ran junit-sandbox's tests at all ({@code runIds} is not
   * empty) or if the directory holds an earlier report, which would otherwise stand as this run's.
   *
   * <p>Several forks or modules may write one directory. The rule: writers take turns (a lock file
   * in the directory, so also across JVMs); a writer whose run overlapped in time with the run of
   * the {@code results.json} it finds (that run finished after this one started: a concurrent fork
   * of the same build) merges that run's tests into its own, so the last writer's report holds
   * both; a report of a run that had finished before this one started is replaced. Forks that run
   * one after another each replace the report: give each its own {@code junit.sandbox.reports.dir}
   * to keep them all.
   *
   * <p>Where {@code history} is given ({@code junit.sandbox.gate.history}) the run is appended to
   * it and the page gets a Trend section over its last {@value RunHistory#TREND_RUNS} runs. The
   * history is appended while the report directory's lock is held, after the run's report is
   * assembled, so that a fork's line and the merged report's line follow each other in that order.
   * A history that cannot be read or written is a note on the page and in the returned trend, never
   * an error.
   *
   * @param history the history file, or null for none
   * @return the run as written and its trend, or empty if nothing was written
   * @throws UncheckedIOException if the report cannot be written
   */
  public static Optional<Publication> publish(
      Path directory,
      Collection<TestOutcome> outcomes,
      Collection<String> runIds,
      Instant started,
      Instant finished,
      Path history) {
    boolean earlierReport =
        Files.exists(directory.resolve(RESULTS_FILE)) || Files.exists(directory.resolve(HTML_FILE));
    if (runIds.isEmpty() && !earlierReport) {
      return Optional.empty(); // no junit-sandbox test ran: leave the build's directories alone
    }
    try (ReportDirectoryLock lock = ReportDirectoryLock.acquire(directory)) {
      Instant from = started;
      Set<String> runs = new LinkedHashSet<>(runIds);
      Map<String, TestOutcome> tests = new LinkedHashMap<>();
      Path existing = directory.resolve(RESULTS_FILE);
      if (Files.isRegularFile(existing)) {
        Optional<RunResult> concurrent =
            readQuietly(existing).filter(r -> !r.finished().isBefore(started));
        if (concurrent.isPresent()) {
          concurrent.get().tests().forEach(t -> tests.put(t.uniqueId(), t));
          runs.addAll(concurrent.get().runIds());
          from =
              concurrent.get().started().isBefore(started) ? concurrent.get().started() : started;
        }
      }
      outcomes.forEach(t -> tests.put(t.uniqueId(), t));
      RunResult run = collect(directory, tests.values(), runs, from, finished);
      Trend trend = history == null ? null : RunHistory.record(history, run);
      write(directory, run, trend);
      return Optional.of(new Publication(run, trend));
    }
  }

  /** An earlier report that cannot be read (another version, cut short) is replaced, not merged. */
  private static Optional<RunResult> readQuietly(Path file) {
    try {
      return Optional.of(RunResult.read(file));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Writes {@code results.json} and {@code index.html} into {@code directory}.
   *
   * @return the HTML file
   * @throws UncheckedIOException if they cannot be written; the invocation reports stay as they are
   */
  public static Path write(Path directory, RunResult run) {
    return write(directory, run, null);
  }

  /**
   * Writes {@code results.json} and {@code index.html} into {@code directory}, the page with a
   * Trend section where {@code trend} is given.
   *
   * @param trend the trend over the run history, or null for a page without one
   * @return the HTML file
   * @throws UncheckedIOException if they cannot be written; the invocation reports stay as they are
   */
  public static Path write(Path directory, RunResult run, Trend trend) {
    try {
      Files.createDirectories(directory);
      AtomicFiles.write(
          directory.resolve(RESULTS_FILE),
          out -> ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(run));
      Path html = directory.resolve(HTML_FILE);
      AtomicFiles.write(html, out -> new HtmlResultFormat(out, trend).writeOut(run));
      return html;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the run report in " + directory + ": " + e, e);
    }
  }

  /**
   * Saves {@code run} as a baseline for later gates: its JSON, written through a temporary file in
   * the same directory and moved over {@code file} atomically, parent directories created.
   *
   * @throws UncheckedIOException if it cannot be written
   */
  public static void saveBaseline(Path file, RunResult run) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      AtomicFiles.write(
          file.toAbsolutePath(),
          out -> ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(run));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save the baseline " + file + ": " + e, e);
    }
  }

  /**
   * Writes the gate's Markdown summary into {@code directory}, and appends it to {@code
   * stepSummary} (GitHub Actions' {@code GITHUB_STEP_SUMMARY}) where that is given.
   *
   * @return the summary file
   * @throws UncheckedIOException if it cannot be written
   */
  public static Path writeGateSummary(Path directory, BaselineGate gate, Path stepSummary) {
    String markdown = GateTable.markdown(gate);
    try {
      Files.createDirectories(directory);
      Path file = directory.resolve(GateTable.SUMMARY_FILE);
      AtomicFiles.write(file, out -> out.print(markdown));
      if (stepSummary != null) {
        Files.writeString(
            stepSummary,
            markdown + "\n",
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the gate summary in " + directory + ": " + e, e);
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

  /**
   * The console table of {@code run}, one line per group, and if it compared runtimes one line per
   * compared figure with its verdict.
   */
  public static String consoleSummary(RunResult run) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      ResultFormatFactory.getInstance(ResultFormatType.TEXT, out).writeOut(run);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
