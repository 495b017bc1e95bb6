package dev.junitsandbox.internal.report;

import dev.junitsandbox.compare.FigureComparison;
import dev.junitsandbox.gate.GateVerdict;
import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Statistic;
import dev.junitsandbox.report.BaselineGate;
import dev.junitsandbox.report.BaselineGateFigure;
import dev.junitsandbox.report.LatencyResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The gate's verdicts as a table, after Go's benchstat: per figure the baseline's median, this
 * run's, the change, the interval of the ratio, p, and a mark ({@code -} regression, {@code +}
 * improvement, {@code =} no change, {@code ~} inconclusive); for the console and as Markdown
 * ({@value #SUMMARY_FILE}, and the GitHub Actions job summary).
 */
public final class GateTable {

  /** The Markdown summary's name in the reports directory. */
  public static final String SUMMARY_FILE = "gate-summary.md";

  private static final List<String> HEADER =
      List.of("figure", "baseline", "this run", "change", "interval", "p", "mode", "");

  private GateTable() {}

  /** The console table, with a heading line naming the baseline. */
  public static String console(BaselineGate gate) {
    StringBuilder out = new StringBuilder();
    out.append("[junit-sandbox] gate against the baseline ").append(provenance(gate)).append('\n');
    if (gate.problem() != null) {
      out.append("[junit-sandbox] ").append(gate.problem()).append('\n');
      return out.toString();
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    gate.figures().forEach(f -> rows.add(row(f)));
    int[] widths = new int[HEADER.size()];
    rows.forEach(
        row -> {
          for (int i = 0; i < row.size(); i++) {
            widths[i] = Math.max(widths[i], row.get(i).length());
          }
        });
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(String.format(Locale.ROOT, "%-" + (widths[i] + 2) + "s", row.get(i)));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    out.append(legend(gate)).append('\n');
    return out.toString();
  }

  /** The Markdown summary. */
  public static String markdown(BaselineGate gate) {
    StringBuilder out = new StringBuilder();
    out.append("## junit-sandbox gate\n\n");
    out.append("Baseline: `").append(provenance(gate)).append("`\n\n");
    if (gate.problem() != null) {
      out.append("**The baseline cannot be used.** ").append(gate.problem()).append("\n");
      return out.toString();
    }
    out.append("| ")
        .append(String.join(" | ", HEADER.subList(0, HEADER.size() - 1)))
        .append(" | verdict |\n");
    out.append("|---".repeat(HEADER.size())).append("|\n");
    for (BaselineGateFigure f : gate.figures()) {
      List<String> row = new ArrayList<>(row(f));
      row.set(
          row.size() - 1,
          "`"
              + f.verdict().mark()
              + "` "
              + f.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' '));
      out.append("| ")
          .append(String.join(" | ", row.stream().map(c -> c.replace("|", "\\|")).toList()))
          .append(" |\n");
    }
    out.append('\n').append(legend(gate)).append('\n');
    List<BaselineGateFigure> explained =
        gate.figures().stream().filter(f -> f.verdict() != GateVerdict.NO_CHANGE).toList();
    if (!explained.isEmpty()) {
      out.append('\n');
      explained.forEach(f -> out.append("- ").append(f.message()).append('\n'));
    }
    return out.toString();
  }

  private static List<String> row(BaselineGateFigure f) {
    return List.of(
        f.test() + " " + f.runtime() + " " + f.figure(),
        f.baselineMedian() == null ? "-" : format(f.baselineMedian(), f.unit()),
        f.currentMedian() == null ? "-" : format(f.currentMedian(), f.unit()),
        f.ratio() == null ? "-" : String.format(Locale.ROOT, "%+.1f%%", (f.ratio() - 1) * 100),
        f.low() == null
            ? "-"
            : "["
                + FigureComparison.formatRatio(f.low())
                + ", "
                + (f.high() == null ? "inf" : FigureComparison.formatRatio(f.high()))
                + "]",
        f.p() == null ? "-" : FigureComparison.formatP(f.p()),
        f.mode() == null ? "-" : f.mode(),
        f.verdict().mark());
  }

  private static String legend(BaselineGate gate) {
    int regressions = 0;
    for (BaselineGateFigure f : gate.figures()) {
      if (f.verdict() == GateVerdict.REGRESSION) {
        regressions++;
      }
    }
    return String.format(
        Locale.ROOT,
        "%d figure(s) gated, %d regression(s); - regression, + improvement, = no change,"
            + " ~ inconclusive; change and interval are of the ratio this run/baseline (of ratios"
            + " to the host in mode 'relative to host')",
        gate.figures().size(),
        regressions);
  }

  private static String provenance(BaselineGate gate) {
    return gate.baseline()
        + (gate.baselineStarted() == null
            ? ""
            : " (run "
                + String.join(", ", gate.baselineRunIds())
                + ", started "
                + gate.baselineStarted()
                + ")");
  }

  private static String format(double value, String unit) {
    return LatencyResult.NANOSECONDS.equals(unit)
        ? Statistic.formatNanos(value)
        : Figure.formatValue(value) + (unit.isEmpty() ? "" : " " + unit);
  }
}
