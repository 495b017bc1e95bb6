package dev.junitsandbox.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junitsandbox.measure.Measurements;
import dev.junitsandbox.report.RunResult;
import dev.junitsandbox.report.TestOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several forks or modules writing one report directory at once: every file stays whole, and the
 * last writer's report holds the tests of every run that overlapped with it.
 */
class ConcurrentReportWritersTests {

  @TempDir Path reports;

  @Test
  void twoWritersOfOneFileNeverShareATemporaryFile() throws Exception {
    // GIVEN two writers that rewrite the same file 300 times each, at the same time
    Path file = reports.resolve("results.json");
    String first = "first ".repeat(20_000);
    String second = "second ".repeat(20_000);

    // WHEN
    List<Exception> failures =
        concurrently(() -> rewrite(file, first, 300), () -> rewrite(file, second, 300));

    // THEN no write failed, the file is one writer's whole content, and no temporary file is left
    assertThat(failures).isEmpty();
    assertThat(Files.readString(file)).isIn(first, second);
    assertThat(filesIn(reports)).containsExactly("results.json");
  }

  @Test
  void concurrentRunsLeaveOneReportOfBoth() throws Exception {
    for (int round = 0; round < 10; round++) {
      // GIVEN two forks' invocation reports in one directory, their runs overlapping in time
      Path directory = Files.createDirectory(reports.resolve("round-" + round));
      List<TestOutcome> forkA = writeFork(directory, "forkA");
      List<TestOutcome> forkB = writeFork(directory, "forkB");
      Instant started = ReportRuns.STARTED;

      // WHEN both publish at once
      List<Exception> failures =
          concurrently(
              () ->
                  RunReport.publish(
                      directory, forkA, List.of("forkA"), started, started.plusSeconds(60), null),
              () ->
                  RunReport.publish(
                      directory,
                      forkB,
                      List.of("forkB"),
                      started.plusSeconds(1),
                      started.plusSeconds(61),
                      null));

      // THEN one report with the tests and measurements of both
      assertThat(failures).isEmpty();
      RunResult written = RunResult.read(directory.resolve(RunReport.RESULTS_FILE));
      assertThat(written.tests())
          .extracting(TestOutcome::displayName)
          .containsExactlyInAnyOrder(
              "forkA() [host]", "forkA() [runc]", "forkB() [host]", "forkB() [runc]");
      assertThat(written.measurements()).hasSize(4);
      assertThat(written.started()).isEqualTo(started);
      assertThat(directory.resolve(RunReport.HTML_FILE)).isRegularFile();
      assertThat(filesIn(directory))
          .containsExactlyInAnyOrder(
              "Example",
              RunReport.RESULTS_FILE,
              RunReport.HTML_FILE,
              ReportDirectoryLock.FILE_NAME);
    }
  }

  @Test
  void aReportOfARunThatHadFinishedBeforeIsReplaced() {
    // GIVEN a report of a run that finished before this one started
    List<TestOutcome> earlier = writeFork(reports, "earlier");
    RunReport.publish(
        reports,
        earlier,
        List.of("earlier"),
        ReportRuns.STARTED,
        ReportRuns.STARTED.plusSeconds(10),
        null);
    List<TestOutcome> later = writeFork(reports, "later");

    // WHEN
    RunReport.publish(
        reports,
        later,
        List.of("later"),
        ReportRuns.STARTED.plusSeconds(20),
        ReportRuns.STARTED.plusSeconds(30),
        null);

    // THEN only this run's tests are in it
    assertThat(RunResult.read(reports.resolve(RunReport.RESULTS_FILE)).tests())
        .extracting(TestOutcome::displayName)
        .containsExactlyInAnyOrder("later() [host]", "later() [runc]");
  }

  private static List<TestOutcome> writeFork(Path directory, String method) {
    List<TestOutcome> outcomes = new ArrayList<>();
    for (String runtime : List.of("host", "runc")) {
      ReportRuns.invocation(directory, method, method, runtime, outcomes)
          .add(ReportRuns.timed(Measurements.getpid(runtime, 100, 110, 120)));
    }
    return outcomes;
  }

  private static Void rewrite(Path file, String content, int times) throws Exception {
    for (int i = 0; i < times; i++) {
      AtomicFiles.write(file, out -> out.print(content));
    }
    return null;
  }

  /** Runs both at the same moment; returns what they threw. */
  private static List<Exception> concurrently(Callable<?> one, Callable<?> other) throws Exception {
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Callable<?> task : List.of(one, other)) {
        futures.add(
            threads.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  return task.call();
                }));
      }
      List<Exception> failures = new ArrayList<>();
      for (Future<?> future : futures) {
        try {
          future.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          failures.add((Exception) e.getCause());
        }
      }
      return failures;
    } finally {
      threads.shutdownNow();
      threads.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private static List<String> filesIn(Path directory) throws Exception {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(f -> f.getFileName().toString()).toList();
    }
  }
}
