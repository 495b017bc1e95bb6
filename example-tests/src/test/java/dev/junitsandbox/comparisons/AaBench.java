package dev.junitsandbox.comparisons;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.RUNC;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.compare.Comparison;
import dev.junitsandbox.probe.Probe;
import dev.junitsandbox.probe.builtin.Probes;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The A/A bench: each runtime compared with itself ({@code runc} against {@code runc}, the host
 * against the host), {@link BenchTables#COMPARISONS} comparisons per probe (or {@code
 * comparisons.bench.count.<syscall|cpu|startup|http>}), each a fresh set of interleaved trials.
 * Both sides are the same, so every {@code better} or {@code worse} verdict is a false one; the
 * target is none. The same trials are also judged under other rules (alpha 0.05, tolerance 10%,
 * only the first 6 trials per side), which is what the defaults are chosen from.
 *
 * <p>Rows go to {@code target/comparisons/aa.md}; {@code runtimes/comparisons-bench.sh} runs it.
 */
class AaBench {

  static final String FILE = "aa.md";

  static final String HEADER =
      "| probe | runtime | figure | comparisons | trials per side | s per comparison (median)"
          + " | default: + - = ~ | alpha 0.05 | tolerance 10% | first 6 per side | A/A ratios"
          + " | interval high/low (median) |\n"
          + "| --- | --- | --- | ---: | ---: | ---: | --- | --- | --- | --- | --- | ---: |\n";

  @Runtimes({HOST, RUNC})
  void syscall(Sandbox sandbox) {
    bench(sandbox, "syscall", Probes.syscall("getpid"), List.of("p50", "mean"));
  }

  @Runtimes({HOST, RUNC})
  void cpu(Sandbox sandbox) {
    bench(
        sandbox,
        "cpu",
        Probes.cpu().time(Duration.ofSeconds(1)),
        List.of("eventsPerSecond", "p50"));
  }

  // 5 launches per trial rather than the default 20: the trial, not the launch, is the unit
  @Runtimes({HOST, RUNC})
  void startup(Sandbox sandbox) {
    bench(sandbox, "startup", Probes.startup().rounds(5), List.of("p50"));
  }

  @Runtimes({HOST, RUNC})
  void http(Sandbox sandbox) {
    bench(
        sandbox,
        "http",
        Probes.http().duration(Duration.ofSeconds(2)),
        List.of("p50", "requestsPerSecond"));
  }

  /**
   * Runs the comparisons of one probe: {@code comparisons.bench.count.<key>} of them, else {@link
   * BenchTables#COMPARISONS}.
   */
  private static void bench(Sandbox sandbox, String key, Probe probe, List<String> figures) {
    int count = Integer.getInteger("comparisons.bench.count." + key, BenchTables.COMPARISONS);
    List<BenchTables.Tally> tallies = figures.stream().map(f -> new BenchTables.Tally()).toList();
    int trials = 0;
    for (int i = 1; i <= count; i++) {
      BenchTables.Timed timed = BenchTables.compare(sandbox, probe, sandbox.runtime());
      Comparison comparison = timed.comparison();
      double seconds = timed.seconds();
      trials = timed.trialsPerSide();
      System.out.printf(
          Locale.ROOT, "A/A %d of %d, %.1f s: %s%n", i, count, seconds, comparison.summary());
      for (int f = 0; f < figures.size(); f++) {
        tallies.get(f).add(comparison, figures.get(f), seconds);
      }
    }
    for (int f = 0; f < figures.size(); f++) {
      BenchTables.Tally tally = tallies.get(f);
      BenchTables.append(
          FILE,
          HEADER,
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %d | %d | %.0f | %s | %s | %s | %s | %s | %.3f |%n",
              probe.name(),
              sandbox.runtime().id(),
              figures.get(f),
              count,
              trials,
              BenchTables.Tally.median(tally.seconds),
              tally.marks("default"),
              tally.marks("alpha 0.05"),
              tally.marks("tolerance 0.10"),
              tally.marks("first 6 per side"),
              BenchTables.Tally.range(tally.ratios, "%.3f"),
              BenchTables.Tally.median(tally.widths)));
    }
  }
}
