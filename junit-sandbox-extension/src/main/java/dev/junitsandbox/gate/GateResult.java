package dev.junitsandbox.gate;

import dev.junitsandbox.report.RuntimeDescription;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a gate concluded about a candidate runtime against its reference, figure by figure, made by
 * {@link Gate#judge}: the candidate is side A of a comparison (the sandbox's runtime, e.g. a new
 * gVisor build), the reference side B (e.g. the build in production).
 *
 * @param probe the probe's name, e.g. {@code "syscall.getpid"}
 * @param candidate the id of the candidate's runtime, e.g. {@code "runsc"}
 * @param reference the id of the reference's runtime, e.g. {@code "runsc-20221219"}
 * @param candidateRuntime the candidate's runtime as the daemon registered it, or {@code null} when
 *     unknown (a comparison not taken by a {@code Sandbox} of this run)
 * @param referenceRuntime the reference's, or {@code null} when unknown
 * @param rule the rule that decided
 * @param figures the verdict per compared figure, in the comparison's order; copied
 * @param notes what a reader must know, e.g. figures the comparison could not compare; copied
 */
public record GateResult(
    String probe,
    String candidate,
    String reference,
    RuntimeDescription candidateRuntime,
    RuntimeDescription referenceRuntime,
    GateRule rule,
    List<GateFigure> figures,
    List<String> notes) {

  public GateResult {
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(rule, "rule");
    figures = List.copyOf(figures);
    notes = List.copyOf(notes);
  }

  /**
   * The verdict on the whole: {@link GateVerdict#REGRESSION} if any figure regressed, else {@link
   * GateVerdict#INCONCLUSIVE} if any could not be told, else {@link GateVerdict#IMPROVEMENT} if any
   * improved, else {@link GateVerdict#NO_CHANGE}. With no figure at all (none could be compared;
   * the notes say why) {@link GateVerdict#INCONCLUSIVE}: judging nothing is no evidence of no
   * change, as the stored-baseline gate also says.
   */
  public GateVerdict verdict() {
    if (figures.isEmpty()) {
      return GateVerdict.INCONCLUSIVE;
    }
    for (GateVerdict verdict :
        List.of(GateVerdict.REGRESSION, GateVerdict.INCONCLUSIVE, GateVerdict.IMPROVEMENT)) {
      if (figures.stream().anyMatch(f -> f.verdict() == verdict)) {
        return verdict;
      }
    }
    return GateVerdict.NO_CHANGE;
  }

  /** The figures with {@code verdict}, in order. */
  public List<GateFigure> figures(GateVerdict verdict) {
    Objects.requireNonNull(verdict, "verdict");
    return figures.stream().filter(f -> f.verdict() == verdict).toList();
  }

  /**
   * The verdict on the figure called {@code name}.
   *
   * @throws IllegalArgumentException naming the figures judged
   */
  public GateFigure figure(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    String.format(
                        "the gate on %s has no figure '%s'; it judged %s%s",
                        probe,
                        name,
                        figures.stream().map(GateFigure::name).toList(),
                        notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")")));
  }

  /** The verdict on the figure called {@code name}, if it was judged. */
  public Optional<GateFigure> find(String name) {
    return figures.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** This result on the figures called {@code names} only, in the given order. */
  public GateResult only(List<String> names) {
    return new GateResult(
        probe,
        candidate,
        reference,
        candidateRuntime,
        referenceRuntime,
        rule,
        names.stream().map(this::figure).toList(),
        notes);
  }

  /**
   * What differs between the reference and the candidate, one line per difference, reference first:
   * {@code "version: runsc version 0.0~20221219.0 -> runsc version 0.0~20240729.0"}, then the
   * platform, the runtime arguments, the binary, the network mode and the Docker runtime name as
   * the daemon registered them. When the runtimes are not known (a comparison from elsewhere) it
   * says so; when nothing differs, that the two sides ran on the same runtime.
   */
  public List<String> whatChanged() {
    List<String> changes = new ArrayList<>();
    if (candidateRuntime == null || referenceRuntime == null) {
      changes.add(
          String.format(
              "runtime: %s -> %s (not described: the comparison was not taken by a Sandbox of"
                  + " this run)",
              reference, candidate));
      return changes;
    }
    RuntimeDescription from = referenceRuntime;
    RuntimeDescription to = candidateRuntime;
    if (!from.id().equals(to.id())) {
      changes.add("runtime: " + from.id() + " -> " + to.id());
    }
    difference(changes, "version", from.version(), to.version());
    difference(changes, "platform", from.platform(), to.platform());
    difference(changes, "runtime args", from.runtimeArgs().toString(), to.runtimeArgs().toString());
    difference(changes, "binary", from.path(), to.path());
    difference(changes, "network", from.networkMode(), to.networkMode());
    difference(changes, "docker runtime", from.dockerName(), to.dockerName());
    if (changes.isEmpty()) {
      changes.add("nothing: both sides ran on " + to.id() + " (" + describe(to) + ")");
    } else if (changes.size() == 1 && !from.id().equals(to.id())) {
      changes.set(
          0,
          changes.get(0)
              + " (the same binary, version, platform and arguments as the daemon reports them: "
              + describe(to)
              + ")");
    }
    return changes;
  }

  private static void difference(List<String> changes, String what, String from, String to) {
    if (!Objects.equals(from, to)) {
      changes.add(what + ": " + orUnknown(from) + " -> " + orUnknown(to));
    }
  }

  /** {@code "runsc version 0.0~20240729.0, platform systrap, args [--network=host]"}. */
  static String describe(RuntimeDescription runtime) {
    return String.format(
        "%s, platform %s, args %s",
        runtime.version(), orUnknown(runtime.platform()), runtime.runtimeArgs());
  }

  private static String orUnknown(String value) {
    return value == null ? "unknown" : value;
  }

  /**
   * The rule in words: {@code "regression (or improvement) if Mann-Whitney p < 0.01, the 99%
   * interval of the ratio candidate/reference lies entirely on the worse (better) side of 1 and the
   * ratio is more than the tolerance from 1 (±5%; p99 ±10%); no change if the interval lies inside
   * the tolerance or a significant change is within it; else inconclusive, which aborts the test"}.
   */
  public String describeRule() {
    String perFigure =
        new TreeMap<>(rule.tolerances())
            .entrySet().stream()
                .map(e -> e.getKey() + " ±" + GateFigure.plainPercent(e.getValue()))
                .collect(Collectors.joining(", "));
    return String.format(
        Locale.ROOT,
        "regression (or improvement) if Mann-Whitney p < %s, the %s interval of the ratio"
            + " candidate/reference lies entirely on the worse (better) side of 1 and the ratio is"
            + " more than the tolerance from 1 (±%s%s); no change if the interval lies inside the"
            + " tolerance or a significant change is within it; else inconclusive, which %s",
        plain(rule.alpha()),
        GateFigure.plainPercent(rule.confidence()),
        GateFigure.plainPercent(rule.tolerance()),
        perFigure.isEmpty() ? "" : "; " + perFigure,
        rule.strict() ? "fails the test (strict)" : "aborts the test");
  }

  private static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /**
   * For people: a heading with both runtimes, one line per figure with its mark ({@link
   * GateVerdict#mark()}) and {@link GateFigure#format()}, and what changed.
   */
  public String table() {
    String n = System.lineSeparator();
    StringBuilder text =
        new StringBuilder(
            String.format(
                "gate %s: %s (candidate) against %s (reference): %s",
                probe,
                candidate,
                reference,
                verdict().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
    figures.forEach(
        f -> text.append(n).append("  ").append(f.verdict().mark()).append(' ').append(f.format()));
    notes.forEach(note -> text.append(n).append("  note: ").append(note));
    text.append(n).append("what changed (reference -> candidate):");
    whatChanged().forEach(change -> text.append(n).append("  ").append(change));
    return text.toString();
  }

  /** Per figure name, its verdict: for reports and logs. */
  public Map<String, GateVerdict> verdicts() {
    Map<String, GateVerdict> verdicts = new LinkedHashMap<>();
    figures.forEach(f -> verdicts.put(f.name(), f.verdict()));
    return Collections.unmodifiableMap(verdicts);
  }
}
