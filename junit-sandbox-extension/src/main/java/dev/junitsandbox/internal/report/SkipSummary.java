package dev.junitsandbox.internal.report;

import dev.junitsandbox.report.TestOutcome;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The console lines that say how many tests did not run (skipped) or stopped early (aborted), and
 * why, grouped by reason: a suite whose runtimes were all missing is green, and only this says so.
 * The page draws the same from {@code results.json}.
 */
final class SkipSummary {

  private static final int NAMES_SHOWN = 5;
  private static final int REASON_LENGTH = 160;

  private SkipSummary() {}

  static String of(Collection<TestOutcome> outcomes, String hint) {
    StringBuilder text = new StringBuilder();
    append(text, outcomes, TestOutcome.Status.SKIPPED, hint);
    append(text, outcomes, TestOutcome.Status.ABORTED, "");
    return text.toString();
  }

  private static void append(
      StringBuilder text,
      Collection<TestOutcome> outcomes,
      TestOutcome.Status status,
      String hint) {
    Map<String, List<String>> byReason = new LinkedHashMap<>();
    outcomes.stream()
        .filter(outcome -> outcome.status() == status)
        .forEach(
            outcome ->
                byReason
                    .computeIfAbsent(shortReason(outcome.reason()), r -> new ArrayList<>())
                    .add(outcome.displayName()));
    if (byReason.isEmpty()) {
      return;
    }
    int count = byReason.values().stream().mapToInt(List::size).sum();
    text.append(
        String.format(
            "[junit-sandbox] %d %s: %s%n",
            count,
            status,
            byReason.entrySet().stream()
                .map(e -> e.getKey() + " (" + e.getValue().size() + ")")
                .collect(Collectors.joining("; "))));
    byReason.forEach(
        (reason, names) ->
            text.append(
                String.format(
                    "[junit-sandbox]   %d x %s: %s%s%n",
                    names.size(),
                    reason,
                    String.join(", ", names.subList(0, Math.min(NAMES_SHOWN, names.size()))),
                    names.size() > NAMES_SHOWN
                        ? " and " + (names.size() - NAMES_SHOWN) + " more"
                        : "")));
    if (!hint.isEmpty()) {
      text.append("[junit-sandbox]   ").append(hint).append(System.lineSeparator());
    }
  }

  /**
   * The reason's first sentence: a missing runtime's reason goes on with the fix, which is the same
   * for every test it skips.
   */
  static String shortReason(String reason) {
    String line = reason.strip().lines().findFirst().orElse("");
    if (line.isEmpty()) {
      return "no reason given";
    }
    int end = line.indexOf(". ");
    String sentence = end > 0 ? line.substring(0, end) : line;
    return sentence.length() > REASON_LENGTH
        ? sentence.substring(0, REASON_LENGTH - 1) + "…"
        : sentence;
  }
}
