package dev.junitsandbox.fidelity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * The rows of the fidelity benchmark: one figure measured by running the tool by hand and by the
 * probe, side by side in one run. Every bench appends its rows to {@code
 * target/fidelity/fidelity.md}; {@code runtimes/fidelity.sh} starts from an empty file and prints
 * it at the end.
 */
final class FidelityTable {

  /** The study's target: throughputs and p50 latencies within 5% of the tool run by hand. */
  static final double TARGET_PERCENT = 5.0;

  static final Path FILE = Path.of("target", "fidelity", "fidelity.md");

  private static final String HEADER =
      "| measurement | runtime | figure | by hand | probe | difference | within 5% |\n"
          + "| --- | --- | --- | ---: | ---: | ---: | --- |\n";

  private FidelityTable() {}

  /**
   * Appends one row.
   *
   * @param measurement what was measured, e.g. {@code "sysbench cpu"}
   * @param runtime the runtime id, e.g. {@code "runsc"}
   * @param figure the figure and its unit, e.g. {@code "events/s"} or {@code "p50 latency (us)"}
   * @param byHand the tool's own figure from a run by hand
   * @param probe the probe's figure from a run right after, in the same configuration
   */
  static synchronized void add(
      String measurement, String runtime, String figure, double byHand, double probe) {
    double difference = byHand == 0 ? 0 : (probe - byHand) / byHand * 100;
    String row =
        String.format(
            Locale.ROOT,
            "| %s | %s | %s | %.4g | %.4g | %+.1f%% | %s |%n",
            measurement,
            runtime,
            figure,
            byHand,
            probe,
            difference,
            Math.abs(difference) <= TARGET_PERCENT ? "yes" : "no");
    try {
      Files.createDirectories(FILE.getParent());
      if (!Files.exists(FILE)) {
        Files.writeString(FILE, HEADER, StandardCharsets.UTF_8);
      }
      Files.writeString(FILE, row, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot append to " + FILE.toAbsolutePath(), e);
    }
    System.out.print(row);
  }
}
