package dev.junitsandbox.internal.tooloutput;

import dev.junitsandbox.probe.ProbeException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed output of {@code sandbox-probe}: a versioned header of {@code key value} lines, a
 * {@code samples N} line, N integer lines and {@code end}. Anything else is rejected with a message
 * that says where and what was expected, so truncated or garbled output never turns into a
 * measurement.
 */
public final class ProbeOutput {

  public static final String MAGIC = "junit-sandbox-probe";
  public static final int SUPPORTED_VERSION = 1;
  private static final String TOOL = "sandbox-probe";
  private static final int MAX_SAMPLES = 10_000_000;

  private final String source;
  private final Map<String, String> header;
  private final long[] samples;

  private ProbeOutput(String source, Map<String, String> header, long[] samples) {
    this.source = source;
    this.header = header;
    this.samples = samples;
  }

  /**
   * @param source what produced the output, for messages (e.g. {@code "syscall.getpid on runc"})
   * @throws ProbeException if the output is not complete, well-formed probe output
   */
  public static ProbeOutput parse(String source, String output) {
    List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    if (lines.isEmpty()) {
      throw invalid(source, "it printed nothing", output);
    }
    String first = lines.get(0);
    if (!first.equals(MAGIC + " " + SUPPORTED_VERSION)) {
      throw invalid(
          source,
          "the first line must be '"
              + MAGIC
              + " "
              + SUPPORTED_VERSION
              + "' but was '"
              + first
              + "'",
          output);
    }
    Map<String, String> header = new LinkedHashMap<>();
    int index = 1;
    int declared = -1;
    for (; index < lines.size(); index++) {
      String[] keyValue = lines.get(index).split(" ", 2);
      if (keyValue.length != 2) {
        throw invalid(source, "header line " + (index + 1) + " is not 'key value'", output);
      }
      if (keyValue[0].equals("samples")) {
        declared = parseCount(source, keyValue[1], output);
        index++;
        break;
      }
      header.put(keyValue[0], keyValue[1]);
    }
    if (declared < 0) {
      throw invalid(source, "it has no 'samples N' line (output truncated?)", output);
    }
    long[] samples = new long[declared];
    for (int i = 0; i < declared; i++, index++) {
      if (index >= lines.size()) {
        throw invalid(
            source,
            "it declared " + declared + " samples but ended after " + i + " (output truncated?)",
            output);
      }
      samples[i] = parseSample(source, lines.get(index), i, output);
    }
    if (index >= lines.size() || !lines.get(index).equals("end")) {
      throw invalid(
          source,
          index >= lines.size()
              ? "it has no 'end' line after the samples (output truncated?)"
              : "expected 'end' after "
                  + declared
                  + " samples but found '"
                  + lines.get(index)
                  + "'",
          output);
    }
    return new ProbeOutput(source, header, samples);
  }

  private static int parseCount(String source, String text, String output) {
    return (int) numbers(source, output).whole("samples", text, 1, MAX_SAMPLES);
  }

  private static long parseSample(String source, String text, int index, String output) {
    return numbers(source, output).whole("sample " + (index + 1), text, 0, Long.MAX_VALUE);
  }

  private static ToolNumbers numbers(String source, String output) {
    return new ToolNumbers(TOOL, problem -> invalid(source, problem, output));
  }

  private static ProbeException invalid(String source, String problem, String output) {
    String excerpt = output.length() > 400 ? output.substring(0, 400) + "..." : output;
    return new ProbeException(
        String.format(
            "Cannot read the sandbox-probe output of %s: %s.%nOutput (%d chars):%n%s",
            source, problem, output.length(), excerpt));
  }

  String header(String key) {
    return header.get(key);
  }

  public void requireHeader(String key, String expected) {
    String actual = header.get(key);
    if (!expected.equals(actual)) {
      throw new ProbeException(
          String.format(
              "Cannot read the sandbox-probe output of %s: header '%s' must be '%s' but was '%s'",
              source, key, expected, actual));
    }
  }

  public void requireSampleCount(int expected) {
    if (samples.length != expected) {
      throw new ProbeException(
          String.format(
              "Cannot read the sandbox-probe output of %s: expected %d samples but it printed %d",
              source, expected, samples.length));
    }
  }

  public long[] samples() {
    return samples.clone();
  }
}
