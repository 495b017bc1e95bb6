package dev.junitsandbox.internal.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.junitsandbox.internal.gate.GateRun;
import dev.junitsandbox.report.BaselineGateFigure;
import dev.junitsandbox.report.InvocationResult;
import dev.junitsandbox.report.RunResult;
import dev.junitsandbox.report.TrialSeries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run history ({@code junit.sandbox.gate.history}): a file of JSON lines, one {@link
 * HistoryLine} per run, appended when the run report is written and never rewritten, from which the
 * page draws its Trend section. JSON Lines rather than one JSON document because appending a line
 * needs no rewrite of what is there, so a run that dies while writing can cost at most its own
 * line, and a CI cache or artifact can carry the file from run to run as it is.
 *
 * <p>One writer at a time is assumed (one build per history). Each line goes out in one {@code
 * write} to a file opened for appending, which the kernel places at the end as one piece; forks of
 * one build that write one report each append a line, and the reader keeps the last of lines whose
 * run ids another later line holds too (the merged report's).
 */
final class RunHistory {

  /** The most runs the page's Trend section shows: enough for a month of nightly runs. */
  static final int TREND_RUNS = 30;

  // a note per unreadable line, up to this many: a file of garbage must not flood the console
  private static final int MAX_LINE_NOTES = 5;
  private static final int MAX_REASON = 160;
  private static final ObjectWriter LINE_WRITER =
      ResultJson.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);
  private static final DateTimeFormatter LABEL_TIME =
      DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private RunHistory() {}

  /** The lines of a history file that could be read, and a note per line that could not. */
  record Lines(List<HistoryLine> lines, List<String> notes) {
    Lines {
      lines = List.copyOf(lines);
      notes = List.copyOf(notes);
    }
  }

  /**
   * Appends {@code run} to the history {@code file} and prepares the page's trend over its last
   * runs. Never throws: a history that cannot be read or appended to is a note in the trend, since
   * the run's own report matters more.
   */
  static Trend record(Path file, RunResult run) {
    Lines read = read(file);
    List<String> notes = new ArrayList<>(read.notes());
    HistoryLine line = line(run);
    try {
      append(file, line);
    } catch (RuntimeException e) {
      notes.add(
          "this run could not be appended to the history "
              + file.toAbsolutePath()
              + ": "
              + e
              + "; the trend shows it all the same");
    }
    List<HistoryLine> lines = new ArrayList<>(read.lines());
    lines.add(line);
    return trend(file.toString(), lines, notes, TREND_RUNS);
  }

  /** The line of {@code run}: its series, each with the gate's verdict where it was gated. */
  static HistoryLine line(RunResult run) {
    Map<String, BaselineGateFigure> verdicts = verdictsBySeries(run);
    List<HistoryLine.Series> series = new ArrayList<>();
    for (TrialSeries s : run.trialSeries()) {
      BaselineGateFigure verdict = verdicts.get(key(s.group(), s.runtime(), s.name()));
      series.add(
          new HistoryLine.Series(
              s.group(),
              s.runtime(),
              s.name(),
              s.unit(),
              s.better(),
              s.median(),
              s.min(),
              s.max(),
              s.trials().size(),
              s.medianText(),
              s.rangeText(),
              verdict == null ? null : verdict.verdict(),
              verdict == null ? null : verdict.ratio(),
              verdict == null ? null : verdict.mode()));
    }
    return new HistoryLine(
        HistoryLine.SCHEMA,
        run.runIds(),
        run.started(),
        run.finished(),
        run.environment(),
        run.runtimes(),
        run.gate() == null ? null : run.gate().baseline(),
        series);
  }

  /**
   * The gate's verdicts by the series they judged: a verdict names its last round's invocation and
   * probe, and that invocation's measurement of the probe names the group of the series.
   */
  private static Map<String, BaselineGateFigure> verdictsBySeries(RunResult run) {
    Map<String, BaselineGateFigure> verdicts = new HashMap<>();
    if (run.gate() == null) {
      return verdicts;
    }
    Map<String, InvocationResult> invocations = new HashMap<>();
    run.invocations().forEach(i -> invocations.putIfAbsent(i.uniqueId(), i));
    for (BaselineGateFigure verdict : run.gate().figures()) {
      InvocationResult invocation = invocations.get(verdict.uniqueId());
      if (invocation == null) {
        continue;
      }
      invocation.measurements().stream()
          .filter(m -> m.probe().equals(verdict.probe()) && m.runtime().equals(verdict.runtime()))
          .findFirst()
          .ifPresent(
              m ->
                  verdicts.putIfAbsent(
                      key(m.group(), verdict.runtime(), verdict.figure()), verdict));
    }
    return verdicts;
  }

  private static String key(String group, String runtime, String figure) {
    return group + '\u0000' + runtime + '\u0000' + figure;
  }

  /**
   * Appends {@code line} to {@code file} in one write, creating the file and its parent
   * directories. A file whose last line was cut short (a run killed while appending) first gets the
   * line break it lacks, so that this line stays readable; the cut line stays as it is.
   *
   * @throws UncheckedIOException if it cannot be written
   */
  static void append(Path file, HistoryLine line) {
    try {
      String json = LINE_WRITER.writeValueAsString(line);
      Path absolute = file.toAbsolutePath();
      Files.createDirectories(absolute.getParent());
      boolean cutShort = endsCutShort(absolute);
      try (FileChannel channel =
          FileChannel.open(
              absolute,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND)) {
        ByteBuffer bytes =
            ByteBuffer.wrap(
                ((cutShort ? "\n" : "") + json + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(false);
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a history line as JSON: " + e, e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot append to the history " + file + ": " + e, e);
    }
  }

  // a channel that appends cannot read, so the last byte is looked at first, through its own
  private static boolean endsCutShort(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size == 0) {
        return false;
      }
      ByteBuffer last = ByteBuffer.allocate(1);
      channel.read(last, size - 1);
      return last.get(0) != '\n';
    }
  }

  /**
   * Every line of {@code file} that is a history line of this version; a missing file has none. A
   * line that is not (cut short, edited by hand, another version's) is skipped with a note, never
   * fatal: one bad line must not cost the trend of every other run. Of lines whose run ids a later
   * line holds too (forks of one build that merged one report), only the later one is kept.
   */
  static Lines read(Path file) {
    if (!Files.exists(file)) {
      return new Lines(List.of(), List.of());
    }
    String text;
    try {
      // decoded leniently: a line of binary garbage is a bad line, not an unreadable file
      text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return new Lines(
          List.of(),
          List.of(
              "the history " + file.toAbsolutePath() + " cannot be read (" + e + "): no trend"));
    }
    List<HistoryLine> lines = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    int skipped = 0;
    String[] all = text.split("\n", -1);
    for (int i = 0; i < all.length; i++) {
      String raw = all[i].strip();
      if (raw.isEmpty()) {
        continue;
      }
      String problem;
      try {
        JsonNode json = ResultJson.MAPPER.readTree(raw);
        if (json == null || !json.isObject() || !json.path("schema").isTextual()) {
          problem = "not a junit-sandbox history line";
        } else if (!HistoryLine.SCHEMA.equals(json.path("schema").asText())) {
          problem =
              "of schema '" + json.path("schema").asText() + "', which this version does not read";
        } else {
          lines.add(ResultJson.convert(json, HistoryLine.class));
          continue;
        }
      } catch (JsonProcessingException e) {
        problem = "not JSON: " + e.getOriginalMessage();
      } catch (IllegalArgumentException e) {
        problem = e.getMessage();
      }
      skipped++;
      if (skipped <= MAX_LINE_NOTES) {
        notes.add(
            String.format(
                "line %d of the history %s skipped: %s",
                i + 1, file.toAbsolutePath(), shorten(problem)));
      }
    }
    if (skipped > MAX_LINE_NOTES) {
      notes.add(
          String.format(
              "%d more lines of the history %s skipped",
              skipped - MAX_LINE_NOTES, file.toAbsolutePath()));
    }
    return new Lines(withoutMerged(lines), notes);
  }

  private static String shorten(String problem) {
    String line = problem == null ? "unknown" : problem.strip().lines().findFirst().orElse("");
    return line.length() > MAX_REASON ? line.substring(0, MAX_REASON - 1) + "…" : line;
  }

  /** Drops a line whose run ids a later line holds too: a fork's, before the merged report's. */
  private static List<HistoryLine> withoutMerged(List<HistoryLine> lines) {
    List<HistoryLine> kept = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Set<String> ids = Set.copyOf(lines.get(i).runIds());
      boolean merged = false;
      for (int j = i + 1; j < lines.size() && !ids.isEmpty() && !merged; j++) {
        merged = lines.get(j).runIds().containsAll(ids);
      }
      if (!merged) {
        kept.add(lines.get(i));
      }
    }
    return kept;
  }

  /**
   * The trend over the last {@code cap} of {@code lines}, whose last is this run: the runs in
   * order, and per series one point per run that measured it.
   */
  static Trend trend(String history, List<HistoryLine> lines, List<String> notes, int cap) {
    List<HistoryLine> all = withoutMerged(lines);
    HistoryLine current = all.get(all.size() - 1);
    int from = Math.max(0, all.size() - cap);
    List<Trend.Run> shown = new ArrayList<>();
    Map<String, List<Trend.Point>> points = new LinkedHashMap<>();
    Map<String, HistoryLine.Series> first = new HashMap<>();
    // this run's series first, in its order: the charts a reader of this run looks for
    current
        .series()
        .forEach(s -> points.put(key(s.group(), s.runtime(), s.figure()), new ArrayList<>()));
    int otherMachines = 0;
    for (int i = from; i < all.size(); i++) {
      HistoryLine line = all.get(i);
      boolean isCurrent = i == all.size() - 1;
      boolean otherMachine =
          !isCurrent
              && line.environment() != null
              && current.environment() != null
              && !GateRun.sameMachine(line.environment(), current.environment());
      if (otherMachine) {
        otherMachines++;
      }
      shown.add(
          new Trend.Run(
              i + 1,
              line.runIds(),
              line.started(),
              "#"
                  + (i + 1)
                  + " "
                  + LABEL_TIME.format(line.started())
                  + (isCurrent ? " (this run)" : ""),
              isCurrent,
              otherMachine,
              line.baseline()));
      int index = shown.size() - 1;
      for (HistoryLine.Series s : line.series()) {
        String key = key(s.group(), s.runtime(), s.figure());
        first.putIfAbsent(key, s);
        points
            .computeIfAbsent(key, k -> new ArrayList<>())
            .add(
                new Trend.Point(
                    index,
                    s.median(),
                    s.min(),
                    s.max(),
                    s.trials(),
                    String.format(
                        "%s [%s], %d rounds%s",
                        s.medianText(),
                        s.rangeText(),
                        s.trials(),
                        s.verdict() == null ? "" : ", gate: " + s.verdict()),
                    s.verdict(),
                    s.ratio()));
      }
    }
    List<Trend.Series> series = new ArrayList<>();
    points.forEach(
        (key, list) -> {
          HistoryLine.Series s = first.get(key);
          if (s != null) {
            series.add(
                new Trend.Series(s.group(), s.runtime(), s.figure(), s.unit(), s.better(), list));
          }
        });
    List<String> allNotes = new ArrayList<>(notes);
    if (otherMachines > 0) {
      allNotes.add(
          String.format(
              "%d of the runs shown ran on another machine than this run (CPU model, CPUs or"
                  + " memory differ): their points are hollow, and their figures say nothing about"
                  + " a runtime against this run's",
              otherMachines));
    }
    return new Trend(history, all.size(), cap, shown, series, allNotes);
  }
}
