package dev.junitsandbox.internal.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.probe.builtin.DiskIoProbe;
import dev.junitsandbox.probe.builtin.FileIoProbe;
import dev.junitsandbox.probe.builtin.Probes;
import dev.junitsandbox.probe.builtin.StartupProbe;
import dev.junitsandbox.report.FigureResult;
import dev.junitsandbox.report.InvocationResult;
import dev.junitsandbox.report.MeasurementResult;
import dev.junitsandbox.report.RunResult;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.statistics.descriptive.Median;

/**
 * The page's section "The studies' figures": this run's measurements drawn the way the two
 * published studies drew theirs (docs/metrics.md, "The studies' figures beside ours"), in addition
 * to the page's per-test charts. Prepared here, so that the page computes nothing.
 *
 * <ul>
 *   <li>Disk: every fio measurement (parameters {@code tool=fio}, {@code rw} and {@code blockSize},
 *       a {@code bandwidth} figure), one chart per access pattern ({@code rw}) and setting, block
 *       size on the x axis in order of bytes, one series per runtime, bandwidth on the y axis: Li
 *       et al.'s figures 7 to 10.
 *   <li>Each other figure the studies compare their environments by (startup, getpid, iperf3, CPU,
 *       memory, Goyal's sysbench fileio, nginx, OLTP): one chart across the runtimes, recognised by
 *       the built-in probe's name, with the ratios the studies publish between two of their
 *       environments ({@link PublishedRatios}) beside the same ratio of the chart's medians.
 * </ul>
 *
 * <p>Trials of comparisons are left out: a single trial is no figure of its runtime. Where a chart
 * has several measurements of one runtime and x value (the rounds of a matrix, or two tests with
 * the same probe and parameters), its point is their median, with their smallest and largest value.
 * Measurements whose probe parameters differ are different charts, each naming its settings.
 *
 * @param charts in the order of docs/metrics.md; empty when no measurement matches a study figure
 */
record StudyFigures(List<Chart> charts) {

  /** The x axis of a chart. */
  enum Axis {
    /** Block sizes, in order of bytes; one series per runtime. */
    BLOCK_SIZE,
    /** The runtimes, in the report's order; one series per figure. */
    RUNTIME
  }

  /**
   * One chart.
   *
   * @param id the anchor of the chart in the page
   * @param axis what the x axis holds
   * @param title what is drawn, for the chart's title
   * @param yTitle the y axis: unit and direction
   * @param caption which study figure this is and how it differs from the study's
   * @param settings the probe's parameters that all of the chart's measurements share
   * @param labels the x values, in order; copied
   * @param series one per runtime ({@link Axis#BLOCK_SIZE}) or figure ({@link Axis#RUNTIME}), each
   *     with a point per label; copied
   * @param published the studies' ratios of this chart's figure, each beside this run's; copied
   */
  record Chart(
      String id,
      Axis axis,
      String title,
      String yTitle,
      String caption,
      String settings,
      List<String> labels,
      List<Series> series,
      List<Published> published) {

    Chart {
      labels = List.copyOf(labels);
      series = List.copyOf(series);
      published = List.copyOf(published);
      for (Series s : series) {
        if (s.points().size() != labels.size()) {
          throw new IllegalArgumentException(
              String.format(
                  "chart %s: series %s has %d points for %d x values; each needs one point per x"
                      + " value (null where it was not measured)",
                  title, s.name(), s.points().size(), labels.size()));
        }
      }
    }
  }

  /**
   * One series of a chart.
   *
   * @param name the runtime's id or the figure's name, for the legend
   * @param runtime the runtime's id for {@link Axis#BLOCK_SIZE}, else {@code null}
   * @param points one per label of the chart, {@code null} where it was not measured; unmodifiable
   */
  record Series(String name, String runtime, List<Point> points) {

    Series {
      Objects.requireNonNull(name, "name");
      points = java.util.Collections.unmodifiableList(new ArrayList<>(points));
    }

    /** The medians, {@code null} where not measured. */
    List<Double> medians() {
      return points.stream().map(p -> p == null ? null : p.median()).toList();
    }
  }

  /**
   * A ratio a study publishes, beside the same ratio of this run's chart.
   *
   * @param ratio the study's ratio and where it comes from
   * @param thisRun the chart's median of {@link PublishedRatios.PublishedRatio#numerator()} over
   *     that of its denominator, of the same figure; empty when the chart lacks either side
   */
  record Published(PublishedRatios.PublishedRatio ratio, OptionalDouble thisRun) {

    Published {
      Objects.requireNonNull(ratio, "ratio");
      Objects.requireNonNull(thisRun, "thisRun");
    }
  }

  /** One point: the median of {@code count} measurements with their smallest and largest value. */
  record Point(double median, double min, double max, int count) {

    Point {
      if (count < 1 || !(min <= median && median <= max)) {
        throw new IllegalArgumentException(
            String.format(
                "a point is the median (%s) of at least one value (%d) between their smallest (%s)"
                    + " and largest (%s)",
                median, count, min, max));
      }
    }

    static Point of(List<Double> values) {
      double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      return new Point(
          Median.withDefaults().evaluate(sorted),
          sorted[0],
          sorted[sorted.length - 1],
          sorted.length);
    }
  }

  static final String INTRO =
      "This run's measurements drawn as the two studies drew theirs (Li et al., CLOSER 2021, and"
          + " Goyal; docs/metrics.md, \"The studies' figures beside ours\"): the runtimes side by"
          + " side, figure by figure, across the tests that measured them. Trials of comparisons"
          + " are left out (see Comparisons). Where several measurements make one bar (the rounds"
          + " of a matrix), the bar is their median and a thin dark bar spans the smallest to the"
          + " largest. Under a chart, the ratios a study publishes between two of its environments"
          + " stand beside the same ratio of this run's medians: different machines, versions"
          + " and settings (docs/metrics.md says which), so a guide to the direction and the order"
          + " of magnitude, not a figure to match. The memory footprint, stat and the"
          + " constant-rate nginx load have no chart here: docs/metrics.md quotes no study figure"
          + " of them.";

  /** The getpid chart's figure: the mean time per call, the statistic of Li et al.'s total. */
  static final String MEAN_PER_CALL = "mean per call";

  private static final String DISK_CAPTION =
      "Li et al. drew their fio results one figure per access pattern, block size on the x axis"
          + " and the environments side by side (their figures 7 to 10; which number is which"
          + " pattern is not quoted in docs/metrics.md). y: fio's bandwidth (bw_bytes / 2^20);"
          + " the IOPS are the bandwidth divided by the block size, in the per-test charts. Li"
          + " used a 10 GB file on Docker's devicemapper storage; see the settings. gVisor's"
          + " direct=1 I/O does not reach the host's disk, so its bars can beat the host's.";

  private static final Pattern BYTES =
      Pattern.compile("(\\d+)\\s*([KMGT]?)(?:I?B)?", Pattern.CASE_INSENSITIVE);

  /** The charts of {@code run}; an empty list when nothing in it matches a study figure. */
  static StudyFigures of(RunResult run) {
    List<MeasurementResult> measured =
        run.invocations().stream()
            .filter(invocation -> invocation.comparisons().isEmpty())
            .map(InvocationResult::measurements)
            .flatMap(List::stream)
            .toList();
    // docs/metrics.md's order: the disk figures come after the network's
    List<Chart> charts = new ArrayList<>();
    for (RuntimeFigure figure : BEFORE_DISK) {
      charts.addAll(runtimeCharts(figure, measured, charts.size()));
    }
    charts.addAll(diskCharts(measured, charts.size()));
    for (RuntimeFigure figure : AFTER_DISK) {
      charts.addAll(runtimeCharts(figure, measured, charts.size()));
    }
    return new StudyFigures(List.copyOf(charts));
  }

  /**
   * A study figure across the runtimes: the built-in probe's name and the figures it is drawn by,
   * each taken from a measurement of that probe (empty where the measurement has none).
   */
  private record RuntimeFigure(
      String probe,
      String title,
      String caption,
      List<Function<MeasurementResult, Optional<FigureResult>>> figures) {}

  private static Function<MeasurementResult, Optional<FigureResult>> figure(String name) {
    return measurement -> measurement.findFigure(name);
  }

  // the names come from the probes themselves, so that a renamed probe keeps its chart
  private static final List<RuntimeFigure> BEFORE_DISK =
      List.of(
          new RuntimeFigure(
              Probes.startup().name(),
              "Startup time",
              "As Li et al. compare the environments' startup time (docs/metrics.md, startup). Li"
                  + " timed until the container's network stack was up: launchToNetwork, the"
                  + " settings' endPoint=networkUp; launchToReady ends at the container's first"
                  + " line of output.",
              List.of(
                  figure(StartupProbe.LAUNCH_TO_READY), figure(StartupProbe.LAUNCH_TO_NETWORK))),
          new RuntimeFigure(
              Probes.syscall("getpid").name(),
              "getpid: mean time per call",
              "As Li et al. compare the environments by the total time of 10,000 getpid() calls"
                  + " (docs/metrics.md, getpid). Drawn: the mean per call, i.e. the total divided"
                  + " by the calls, the statistic closest to Li's; the per-test charts and the"
                  + " examples use the p50.",
              List.of(StudyFigures::meanMicrosPerCall)),
          new RuntimeFigure(
              Probes.networkThroughput().name(),
              "iperf3: TCP throughput, both directions",
              "As Li et al. compare the environments' iperf3 throughput (docs/metrics.md,"
                  + " iperf3). Here gVisor runs with --network=host, so its own network stack, the"
                  + " one Li blames, is not in the path.",
              List.of(figure("hostToSandbox"), figure("sandboxToHost"))));

  private static final List<RuntimeFigure> AFTER_DISK =
      List.of(
          new RuntimeFigure(
              Probes.cpu().name(),
              "CPU: sysbench cpu events per second",
              "As Li et al. (primes up to 200,000, 600 s) and Goyal (primes up to 20,000) compare"
                  + " the environments with sysbench cpu (docs/metrics.md, CPU).",
              List.of(figure("eventsPerSecond"))),
          new RuntimeFigure(
              Probes.memoryBandwidth().name(),
              "Memory: sysbench memory bandwidth",
              "As Li et al. compare the environments' main memory (docs/metrics.md, memory);"
                  + " their tool and settings are not quoted there.",
              List.of(figure("bandwidth"))),
          fileIo(FileIoProbe.Mode.SEQUENTIAL_READ, "readMiBps", "figure 7"),
          fileIo(FileIoProbe.Mode.SEQUENTIAL_WRITE, "writtenMiBps", "figure 8"),
          fileIo(FileIoProbe.Mode.SEQUENTIAL_REWRITE, "writtenMiBps", "figure 8"),
          new RuntimeFigure(
              Probes.http().name(),
              "nginx under wrk: requests per second",
              "As Li et al. compare the environments with nginx under wrk (docs/metrics.md,"
                  + " nginx); Li: 10 s, 1,000 connections.",
              List.of(figure("requestsPerSecond"))),
          new RuntimeFigure(
              Probes.oltp().name(),
              "MySQL under OLTP load: transactions per second",
              "As Li et al. compare the environments with an OLTP load on MySQL (docs/metrics.md,"
                  + " OLTP); Li: one table of 10 million rows.",
              List.of(figure("transactionsPerSecond"))));

  /** Goyal's sysbench fileio in one mode: its throughput across the runtimes. */
  private static RuntimeFigure fileIo(FileIoProbe.Mode mode, String figure, String goyalFigure) {
    String name = Probes.fileIo(mode).name();
    return new RuntimeFigure(
        name,
        "sysbench fileio " + name.substring(name.indexOf('.') + 1) + ": MiB per second",
        "As Goyal compares the environments with sysbench fileio (their "
            + goyalFigure
            + "; docs/metrics.md, sequential file I/O). Goyal opened 128 files without flags,"
            + " so the page cache served them; this probe opens one file with O_DIRECT unless"
            + " the settings say extraFlags=none, and gVisor serves O_DIRECT from its own cache.",
        List.of(figure(figure)));
  }

  private static Optional<FigureResult> meanMicrosPerCall(MeasurementResult measurement) {
    return Optional.ofNullable(measurement.latency())
        .map(
            latency ->
                new FigureResult(
                    MEAN_PER_CALL,
                    "us",
                    latency.mean() / 1e3,
                    Figure.Better.LOWER,
                    List.of(),
                    null));
  }

  private static List<Chart> runtimeCharts(
      RuntimeFigure figure, List<MeasurementResult> measured, int firstIndex) {
    Map<String, List<MeasurementResult>> bySettings = new LinkedHashMap<>();
    measured.stream()
        .filter(m -> m.probe().equals(figure.probe()))
        .forEach(
            m -> bySettings.computeIfAbsent(settings(m, List.of()), k -> new ArrayList<>()).add(m));
    List<Chart> charts = new ArrayList<>();
    bySettings.forEach(
        (settings, measurements) -> {
          List<String> runtimes =
              measurements.stream()
                  .map(MeasurementResult::runtime)
                  .distinct()
                  .sorted(RuntimeOrder.HOST_FIRST)
                  .toList();
          List<Series> series = new ArrayList<>();
          FigureResult first = null;
          for (Function<MeasurementResult, Optional<FigureResult>> of : figure.figures()) {
            Map<String, List<Double>> byRuntime = new LinkedHashMap<>();
            String name = null;
            for (MeasurementResult m : measurements) {
              Optional<FigureResult> value = of.apply(m);
              if (value.isPresent()) {
                first = first == null ? value.get() : first;
                name = value.get().name();
                byRuntime
                    .computeIfAbsent(m.runtime(), r -> new ArrayList<>())
                    .add(value.get().value());
              }
            }
            if (name != null) {
              series.add(new Series(name, null, points(runtimes, byRuntime)));
            }
          }
          if (first != null) {
            charts.add(
                new Chart(
                    "study-figure-" + (firstIndex + charts.size()),
                    Axis.RUNTIME,
                    figure.title(),
                    yTitle(first),
                    figure.caption(),
                    settings,
                    runtimes,
                    series,
                    published(figure.probe(), runtimes, series)));
          }
        });
    return charts;
  }

  /** The studies' ratios of {@code probe}, each with the same ratio of the chart's medians. */
  private static List<Published> published(
      String probe, List<String> runtimes, List<Series> series) {
    return PublishedRatios.of(probe).stream()
        .map(
            ratio ->
                new Published(
                    ratio,
                    series.stream()
                        .filter(s -> s.name().equals(ratio.figure()))
                        .findFirst()
                        .map(
                            s ->
                                ratioOf(
                                    s.medians(),
                                    runtimes.indexOf(ratio.numerator()),
                                    runtimes.indexOf(ratio.denominator())))
                        .orElse(OptionalDouble.empty())))
        .toList();
  }

  private static OptionalDouble ratioOf(List<Double> medians, int numerator, int denominator) {
    if (numerator < 0 || denominator < 0) {
      return OptionalDouble.empty();
    }
    Double top = medians.get(numerator);
    Double bottom = medians.get(denominator);
    return top == null || bottom == null || !(bottom > 0)
        ? OptionalDouble.empty()
        : OptionalDouble.of(top / bottom);
  }

  /** fio measurements, one chart per pattern and settings, patterns in the probe's order. */
  private static List<Chart> diskCharts(List<MeasurementResult> measured, int firstIndex) {
    Map<String, List<MeasurementResult>> byPatternAndSettings = new LinkedHashMap<>();
    measured.stream()
        .filter(
            m ->
                "fio".equals(m.parameters().get("tool"))
                    && m.parameters().containsKey("rw")
                    && m.parameters().containsKey("blockSize")
                    && m.findFigure("bandwidth").isPresent())
        .sorted(Comparator.comparingInt(m -> patternRank(m.parameters().get("rw"))))
        .forEach(
            m ->
                byPatternAndSettings
                    .computeIfAbsent(
                        m.parameters().get("rw")
                            + "\u0000"
                            + m.findFigure("bandwidth").orElseThrow().unit()
                            + "\u0000"
                            + settings(m, List.of("rw", "blockSize")),
                        k -> new ArrayList<>())
                    .add(m));
    List<Chart> charts = new ArrayList<>();
    byPatternAndSettings.forEach(
        (key, measurements) -> {
          MeasurementResult first = measurements.get(0);
          String rw = first.parameters().get("rw");
          List<String> blockSizes =
              measurements.stream()
                  .map(m -> m.parameters().get("blockSize"))
                  .distinct()
                  .sorted(BY_BYTES)
                  .toList();
          Map<String, Map<String, List<Double>>> byRuntime = new LinkedHashMap<>();
          measurements.stream()
              .sorted(Comparator.comparing(MeasurementResult::runtime, RuntimeOrder.HOST_FIRST))
              .forEach(
                  m ->
                      byRuntime
                          .computeIfAbsent(m.runtime(), r -> new LinkedHashMap<>())
                          .computeIfAbsent(m.parameters().get("blockSize"), b -> new ArrayList<>())
                          .add(m.findFigure("bandwidth").orElseThrow().value()));
          List<Series> series = new ArrayList<>();
          byRuntime.forEach(
              (runtime, bySize) ->
                  series.add(new Series(runtime, runtime, points(blockSizes, bySize))));
          charts.add(
              new Chart(
                  "study-figure-" + (firstIndex + charts.size()),
                  Axis.BLOCK_SIZE,
                  patternTitle(rw) + ": bandwidth by block size",
                  yTitle(first.findFigure("bandwidth").orElseThrow()),
                  DISK_CAPTION,
                  settings(first, List.of("rw", "blockSize")),
                  blockSizes,
                  series,
                  List.of()));
        });
    return charts;
  }

  private static List<Point> points(List<String> labels, Map<String, List<Double>> values) {
    return labels.stream()
        .map(label -> values.containsKey(label) ? Point.of(values.get(label)) : null)
        .toList();
  }

  /** {@code key=value, ...} of the measurement's parameters but {@code left}, in their order. */
  private static String settings(MeasurementResult measurement, List<String> left) {
    return measurement.parameters().entrySet().stream()
        .filter(e -> !left.contains(e.getKey()))
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static String yTitle(FigureResult figure) {
    return figure.unit()
        + ", "
        + (figure.better() == Figure.Better.HIGHER ? "higher" : "lower")
        + " is better";
  }

  /** The probe's patterns first, in its order (sequential read, write, random read, write). */
  private static int patternRank(String rw) {
    DiskIoProbe.Pattern[] patterns = DiskIoProbe.Pattern.values();
    for (int i = 0; i < patterns.length; i++) {
      if (patterns[i].fioName().equals(rw)) {
        return i;
      }
    }
    return patterns.length;
  }

  /** {@code "Random read (fio rw=randread)"}; another fio pattern by its name. */
  private static String patternTitle(String rw) {
    return Arrays.stream(DiskIoProbe.Pattern.values())
        .filter(p -> p.fioName().equals(rw))
        .findFirst()
        .map(
            p -> {
              String words = p.name().replace('_', ' ').toLowerCase(Locale.ROOT);
              return Character.toUpperCase(words.charAt(0))
                  + words.substring(1)
                  + " (fio rw="
                  + rw
                  + ")";
            })
        .orElse("fio rw=" + rw);
  }

  /** Block sizes by bytes ({@code 4KiB < 64KiB < 1MiB}); labels that are no size last, by name. */
  static final Comparator<String> BY_BYTES =
      Comparator.<String>comparingLong(label -> bytes(label).orElse(Long.MAX_VALUE))
          .thenComparing(Comparator.naturalOrder());

  /** {@code "64KiB"}, {@code "64k"}, {@code "1MiB"}, {@code "512B"}, {@code "4096"} in bytes. */
  static OptionalLong bytes(String label) {
    Matcher matcher = BYTES.matcher(label.strip());
    if (!matcher.matches()) {
      return OptionalLong.empty();
    }
    int shift =
        switch (matcher.group(2).toUpperCase(Locale.ROOT)) {
          case "K" -> 10;
          case "M" -> 20;
          case "G" -> 30;
          case "T" -> 40;
          default -> 0;
        };
    try {
      long number = Long.parseLong(matcher.group(1));
      return number > (Long.MAX_VALUE >> shift)
          ? OptionalLong.empty()
          : OptionalLong.of(number << shift);
    } catch (NumberFormatException e) {
      return OptionalLong.empty(); // more digits than a long holds: no size to order by
    }
  }

  /**
   * The charts as the page reads them ({@code STUDY_FIGURES}). The page fills its template in one
   * pass, so a name holding a placeholder's text (a probe parameter {@code /*DATA*}{@code /}) stays
   * as it is.
   */
  String toJson() {
    ObjectNode json = ResultJson.MAPPER.createObjectNode();
    json.put("intro", INTRO);
    ArrayNode all = json.putArray("charts");
    for (Chart chart : charts) {
      ObjectNode node = all.addObject();
      node.put("id", chart.id());
      node.put("axis", chart.axis().name());
      node.put("title", chart.title());
      node.put("yTitle", chart.yTitle());
      node.put("caption", chart.caption());
      node.put("settings", chart.settings());
      chart.labels().forEach(node.putArray("labels")::add);
      ArrayNode series = node.putArray("series");
      for (Series s : chart.series()) {
        ObjectNode one = series.addObject();
        one.put("name", s.name());
        if (s.runtime() != null) {
          one.put("runtime", s.runtime());
        }
        ArrayNode points = one.putArray("points");
        for (Point p : s.points()) {
          if (p == null) {
            points.addNull();
          } else {
            points
                .addObject()
                .put("median", p.median())
                .put("min", p.min())
                .put("max", p.max())
                .put("count", p.count());
          }
        }
      }
      ArrayNode published = node.putArray("published");
      for (Published p : chart.published()) {
        PublishedRatios.PublishedRatio ratio = p.ratio();
        published
            .addObject()
            .put("study", ratio.study())
            .put("studyPair", ratio.studyPair())
            .put("studyRatio", PublishedRatios.format(ratio.ratio()))
            .put("quoted", ratio.quoted())
            .put("source", ratio.source())
            .put("pair", ratio.pair())
            .put(
                "thisRun",
                p.thisRun().isPresent()
                    ? PublishedRatios.format(p.thisRun().getAsDouble())
                    : "not measured in this run");
      }
    }
    try {
      return ResultJson.MAPPER.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("Cannot write the studies' figures as JSON: " + e, e);
    }
  }
}
