package dev.junitsandbox.assertj;

import dev.junitsandbox.SandboxSettings;
import dev.junitsandbox.compare.Comparison;
import dev.junitsandbox.compare.FigureComparison;
import dev.junitsandbox.gate.GateFigure;
import dev.junitsandbox.gate.GateResult;
import dev.junitsandbox.gate.GateVerdict;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message of a failed or inconclusive {@link ComparisonAssert#hasNoRegression()}: per
 * regressed (or undecided) figure, from -> to with units, the change in percent, the interval with
 * its confidence, the Mann-Whitney p, the trials per side and the threshold; then the other
 * figures' verdicts, the trials of the figures at issue in run order, what changed between the
 * reference's and the candidate's runtimes and the rule.
 */
public final class ShouldHaveNoRegression extends BasicErrorMessageFactory {

  private static final String NL = System.lineSeparator();

  /**
   * @param comparison the comparison judged: side A the candidate, side B the reference
   * @param gate the gate's verdicts on the figures asserted
   * @param inconclusive whether no figure regressed but some could not be told (else some
   *     regressed)
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveNoRegression(
      Comparison comparison, GateResult gate, boolean inconclusive) {
    return new ShouldHaveNoRegression(comparison, gate, inconclusive);
  }

  private ShouldHaveNoRegression(Comparison comparison, GateResult gate, boolean inconclusive) {
    super(
        "%nExpecting no regression of %s%n%s%n%s%nTrials in run order:%n%s%nWhat changed (reference"
            + " -> candidate):%n%s%nRule: %s",
        unquotedString(subject(gate)),
        unquotedString(outcome(gate, inconclusive)),
        unquotedString(others(gate, inconclusive)),
        unquotedString(trials(comparison, gate, inconclusive)),
        unquotedString(
            gate.whatChanged().stream().map(c -> "  " + c).collect(Collectors.joining(NL))),
        unquotedString(gate.describeRule()));
  }

  /** {@code "syscall.getpid, runsc (candidate, A) against runsc-20221219 (reference, B)"}. */
  private static String subject(GateResult gate) {
    return String.format(
        "%s, %s (candidate, A) against %s (reference, B)",
        gate.probe(), gate.candidate(), gate.reference());
  }

  private static String outcome(GateResult gate, boolean inconclusive) {
    List<GateFigure> atIssue = atIssue(gate, inconclusive);
    String lines = atIssue.stream().map(f -> "  " + line(f)).collect(Collectors.joining(NL));
    if (!inconclusive) {
      return String.format(
              "but %s regressed (%d of %d figures):",
              names(atIssue), atIssue.size(), gate.figures().size())
          + NL
          + lines;
    }
    return String.format(
            "but the trials cannot tell for %s (inconclusive, %d of %d figures):",
            names(atIssue), atIssue.size(), gate.figures().size())
        + NL
        + lines
        + NL
        + "More trials may decide it (trials(n), or "
        + SandboxSettings.COMPARISONS_TRIALS
        + "); "
        + (gate.rule().strict()
            ? "this fails because " + SandboxSettings.GATE_STRICT + "=true."
            : "the test is aborted rather than failed; "
                + SandboxSettings.GATE_STRICT
                + "=true makes it fail.");
  }

  private static String others(GateResult gate, boolean inconclusive) {
    List<GateFigure> atIssue = atIssue(gate, inconclusive);
    List<GateFigure> others = gate.figures().stream().filter(f -> !atIssue.contains(f)).toList();
    if (others.isEmpty()) {
      return "Other figures: none";
    }
    return "Other figures:"
        + NL
        + others.stream()
            .map(f -> "  " + f.verdict().mark() + " " + f.format())
            .collect(Collectors.joining(NL));
  }

  private static List<GateFigure> atIssue(GateResult gate, boolean inconclusive) {
    return gate.figures(inconclusive ? GateVerdict.INCONCLUSIVE : GateVerdict.REGRESSION);
  }

  private static String names(List<GateFigure> figures) {
    return figures.stream().map(GateFigure::name).collect(Collectors.joining(", "));
  }

  /**
   * {@code "p50: 1.80 µs -> 2.30 µs (+27.8%), 99% interval of the ratio [1.18, 1.40], Mann-Whitney
   * p=0.00018, 8 trials of the candidate and 8 of the reference; threshold: p < 0.01 and a change
   * beyond ±5%"}.
   */
  static String line(GateFigure figure) {
    return String.format(
        Locale.ROOT,
        "%s: %s, %s interval of the ratio [%s, %s], Mann-Whitney p=%s, %d trials of the"
            + " candidate and %d of the reference; threshold: p < %s and a change beyond ±%s",
        figure.name(),
        figure.change(),
        percent(figure.confidence()),
        FigureComparison.formatRatio(figure.low()),
        FigureComparison.formatRatio(figure.high()),
        FigureComparison.formatP(figure.p()),
        figure.candidateTrials(),
        figure.referenceTrials(),
        ComparisonMessage.asWritten(figure.alpha()),
        percent(figure.tolerance()));
  }

  private static String percent(double fraction) {
    return ComparisonMessage.asWritten(Math.round(fraction * 10_000) / 100.0) + "%";
  }

  private static String trials(Comparison comparison, GateResult gate, boolean inconclusive) {
    return atIssue(gate, inconclusive).stream()
        .map(
            f ->
                "  "
                    + f.name()
                    + ":"
                    + NL
                    + ComparisonMessages.trials(comparison, comparison.figure(f.name()))
                        .replace(NL + "  ", NL + "    ")
                        .replaceFirst("^  ", "    "))
        .collect(Collectors.joining(NL));
  }
}
