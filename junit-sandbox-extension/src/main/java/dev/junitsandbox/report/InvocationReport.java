package dev.junitsandbox.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Statistic;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * The report of one invocation of a {@code @Runtimes} test: {@code invocation.json} with the
 * runtime, the environment, every measurement's latency statistics, figures and notes, and each
 * one's ratios to the host's measurement of the same probe, plus, per measurement that has a
 * latency distribution, an HdrHistogram percentile file ({@code .hgrm}, for people) and a histogram
 * log ({@code .hlog}, lossless, for tools). The JSON holds each histogram losslessly too
 * (HdrHistogram's compressed form in Base64), so a later run can compare against it.
 *
 * <p>Every {@link #add} rewrites the JSON file at once (through a temporary file, so a reader never
 * sees half of it): a test that fails or crashes later keeps what it measured.
 */
public final class InvocationReport {

  /** Identifies the JSON layout; bumped on any incompatible change. */
  public static final String SCHEMA = "junit-sandbox/invocation/2";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path directory;
  private final Map<String, Object> test;
  private final RuntimeDescription runtime;
  private final Environment environment;
  private final List<Measurement> measurements = new ArrayList<>();
  // each measurement's JSON entry, built once when it is added: rewriting the file must not
  // re-encode every histogram taken so far
  private final List<Map<String, Object>> entries = new ArrayList<>();

  /**
   * @param directory where this invocation's files go; created when the first is written
   * @param test what ran: class, method and display name
   */
  public InvocationReport(
      Path directory,
      Map<String, Object> test,
      RuntimeDescription runtime,
      Environment environment) {
    this.directory = directory;
    this.test = Map.copyOf(test);
    this.runtime = runtime;
    this.environment = environment;
  }

  /** The directory this invocation's files go to. */
  public Path directory() {
    return directory;
  }

  /** The JSON file. */
  public Path jsonFile() {
    return directory.resolve("invocation.json");
  }

  /**
   * Records a measurement: writes its {@code .hgrm} file and rewrites {@code invocation.json}.
   *
   * @throws UncheckedIOException if a file cannot be written
   */
  public synchronized void add(Measurement measurement) {
    String base =
        String.format(
            "%02d-%s-%s", measurements.size() + 1, measurement.probe(), measurement.runtime());
    try {
      Files.createDirectories(directory);
      if (measurement.hasLatency()) {
        writePercentiles(measurement, directory.resolve(base + ".hgrm"));
        writeLog(measurement, directory.resolve(base + ".hlog"));
      }
      measurements.add(measurement);
      entries.add(entry(measurement, base));
      writeAtomically(jsonFile(), JSON.writeValueAsBytes(toJson()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the report in " + directory + ": " + e, e);
    }
  }

  private static void writePercentiles(Measurement measurement, Path file) throws IOException {
    try (PrintStream out =
        new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
      out.printf("# %s%n# values in nanoseconds%n", measurement.summary());
      // scaling ratio 1.0: the histogram already holds nanoseconds
      measurement.histogram().outputPercentileDistribution(out, 1.0);
    }
  }

  /** HdrHistogram's lossless log format, readable by its HistogramLogReader and plotting tools. */
  private static void writeLog(Measurement measurement, Path file) throws IOException {
    try (PrintStream out =
        new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
      HistogramLogWriter log = new HistogramLogWriter(out);
      log.outputComment(measurement.summary() + "; values in nanoseconds");
      log.outputLogFormatVersion();
      log.outputLegend();
      log.outputIntervalHistogram(measurement.histogram());
    }
  }

  /** The histogram in HdrHistogram's compressed form, Base64: lossless and compact. */
  static String encode(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
  }

  /** Reads what {@link #encode} wrote. */
  public static Histogram decode(String base64) {
    try {
      return Histogram.decodeFromCompressedByteBuffer(
          ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
    } catch (DataFormatException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "not an HdrHistogram in compressed Base64 form: " + e.getMessage(), e);
    }
  }

  private static void writeAtomically(Path file, byte[] content) throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(temporary, content);
    Files.move(
        temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private Map<String, Object> toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("schema", SCHEMA);
    root.put("test", test);
    root.put("runtime", runtime);
    root.put("environment", environment);
    root.put("measurements", entries);
    root.put("ratiosToHost", ratiosToHost());
    return root;
  }

  private static Map<String, Object> entry(Measurement measurement, String fileBase) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("probe", measurement.probe());
    entry.put("runtime", measurement.runtime());
    entry.put("parameters", measurement.parameters());
    if (measurement.hasLatency()) {
      Map<String, Object> latency = new LinkedHashMap<>();
      latency.put("metric", measurement.metric());
      latency.put("unit", "ns");
      latency.put("count", measurement.count());
      for (Statistic statistic : Statistic.values()) {
        latency.put(statistic.label(), measurement.nanos(statistic));
      }
      latency.put("percentileFile", fileBase + ".hgrm");
      latency.put("logFile", fileBase + ".hlog");
      latency.put("histogram", encode(measurement.histogram()));
      entry.put("latency", latency);
    }
    entry.put("figures", measurement.figures());
    entry.put("notes", measurement.notes());
    return entry;
  }

  /** For each measurement not on the host, its figures divided by the host's for that probe. */
  private List<Map<String, Object>> ratiosToHost() {
    List<Map<String, Object>> ratios = new ArrayList<>();
    for (Measurement measured : measurements) {
      if (measured.runtime().equals("host")) {
        continue;
      }
      measurements.stream()
          .filter(m -> m.runtime().equals("host") && m.sameProbeAs(measured))
          .reduce((first, second) -> second)
          .ifPresent(
              host -> {
                Map<String, Object> ratio = new LinkedHashMap<>();
                ratio.put("probe", measured.probe());
                ratio.put("runtime", measured.runtime());
                ratio.put("parameters", measured.parameters());
                if (measured.hasLatency() && host.hasLatency()) {
                  for (Statistic statistic : Statistic.values()) {
                    ratio.put(statistic.label(), finite(measured.ratioTo(host, statistic)));
                  }
                }
                for (Figure figure : measured.figures()) {
                  host.findFigure(figure.name())
                      .ifPresent(base -> ratio.put(figure.name(), finite(figure.ratioTo(base))));
                }
                ratios.add(ratio);
              });
    }
    return ratios;
  }

  private static Double finite(double ratio) {
    return Double.isInfinite(ratio) ? null : ratio;
  }
}
