package dev.junitsandbox.comparisons;

import static dev.junitsandbox.ContainerRuntime.RUNC;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.compare.Comparison;
import dev.junitsandbox.compare.Verdict;
import dev.junitsandbox.probe.Probe;
import dev.junitsandbox.probe.builtin.Probes;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The sensitivity bench: runc compared with runc slowed by a real CPU quota ({@link CpuQuota}), at
 * the slowdowns of {@code comparisons.bench.levels} (fractions of one CPU taken away, default
 * {@code 0.05,0.10,0.20}), {@code comparisons.bench.sensitivity.count} comparisons per level
 * (default {@link BenchTables#COMPARISONS}). Side A is free, side B throttled, so a detection is a
 * {@code better} verdict for A; the target is 19 of 20 at 10% or less.
 *
 * <p>Rows go to {@code target/comparisons/sensitivity.md}; {@code runtimes/comparisons-bench.sh}
 * runs it.
 */
class SensitivityBench {

  static final String FILE = "sensitivity.md";

  static final String HEADER =
      "| probe | slowdown (--cpus) | figure | comparisons | trials per side | s per comparison"
          + " (median) | detected | default: + - = ~ | alpha 0.05 | first 6 per side | ratio"
          + " free/throttled |\n"
          + "| --- | --- | --- | ---: | ---: | ---: | ---: | --- | --- | --- | --- |\n";

  private static final int COMPARISONS =
      Integer.getInteger("comparisons.bench.sensitivity.count", BenchTables.COMPARISONS);

  private static final List<Double> LEVELS =
      Arrays.stream(System.getProperty("comparisons.bench.levels", "0.05,0.10,0.20").split(","))
          .map(String::strip)
          .map(Double::valueOf)
          .toList();

  @Runtimes(RUNC)
  void cpu(Sandbox sandbox) {
    bench(sandbox, Probes.cpu().time(Duration.ofSeconds(1)), List.of("eventsPerSecond", "p50"));
  }

  // the default 10,000 calls take a few milliseconds, less than one 100 ms period of the quota,
  // which then never throttles them: 2,000,000 calls span several periods
  @Runtimes(RUNC)
  void syscall(Sandbox sandbox) {
    bench(
        sandbox,
        Probes.syscall("getpid").iterations(2_000_000).batchSize(100),
        List.of("mean", "p50"));
  }

  private static void bench(Sandbox sandbox, Probe probe, List<String> figures) {
    for (double level : LEVELS) {
      CpuQuota throttled = new CpuQuota(probe, level);
      List<BenchTables.Tally> tallies = figures.stream().map(f -> new BenchTables.Tally()).toList();
      int trials = 0;
      for (int i = 1; i <= COMPARISONS; i++) {
        BenchTables.Timed timed = BenchTables.compare(sandbox, throttled, throttled.throttled());
        Comparison comparison = timed.comparison();
        double seconds = timed.seconds();
        trials = timed.trialsPerSide();
        System.out.printf(
            Locale.ROOT,
            "slowdown %.2f, %d of %d, %.1f s: %s%n",
            level,
            i,
            COMPARISONS,
            seconds,
            comparison.summary());
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
                "| %s | %.0f%% (%.2f) | %s | %d | %d | %.0f | %d of %d | %s | %s | %s | %s |%n",
                probe.name(),
                level * 100,
                1 - level,
                figures.get(f),
                COMPARISONS,
                trials,
                BenchTables.Tally.median(tally.seconds),
                tally.count("default", Verdict.BETTER),
                COMPARISONS,
                tally.marks("default"),
                tally.marks("alpha 0.05"),
                tally.marks("first 6 per side"),
                BenchTables.Tally.range(tally.ratios, "%.3f")));
      }
    }
  }
}
