package dev.junitsandbox.internal.report;

import dev.junitsandbox.report.RunResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code index.html}: one self-contained page (Chart.js, the data and the renderer inlined, so it
 * opens offline). The page draws what the run model holds, and the studies' figures as {@link
 * StudyFigures} prepared them; it computes no ratio of its own.
 */
final class HtmlResultFormat implements ResultFormat {

  private static final String RESOURCES = "dev/junitsandbox/report/";
  // keep in step with the chart.js version in the parent pom
  private static final String CHART_JS =
      "META-INF/resources/webjars/chart.js/4.5.1/dist/chart.umd.min.js";

  private static final Pattern PLACEHOLDER =
      Pattern.compile(
          "/\\*(STYLE|CHART_JS|STUDY_FIGURES_JS|REPORT_JS|STUDY_FIGURES|DATA|TREND)\\*/");

  private final PrintStream out;
  private final Trend trend;

  HtmlResultFormat(PrintStream out) {
    this(out, null);
  }

  /**
   * @param trend the trend over the run history ({@code junit.sandbox.gate.history}) the page draws
   *     in its Trend section, or null for a page without one
   */
  HtmlResultFormat(PrintStream out, Trend trend) {
    this.out = out;
    this.trend = trend;
  }

  @Override
  public void writeOut(RunResult run) {
    try {
      String data = inlineScriptSafe(ResultJson.MAPPER.writeValueAsString(run));
      // the studies' figures and the trend are the page's own data, not part of the run model:
      // results.json stays the run
      String studyFigures = inlineScriptSafe(StudyFigures.of(run).toJson());
      String trendData =
          trend == null ? "null" : inlineScriptSafe(ResultJson.MAPPER.writeValueAsString(trend));
      Map<String, String> parts =
          Map.of(
              "STYLE", resource(RESOURCES + "report.css"),
              "CHART_JS", resource(CHART_JS),
              "STUDY_FIGURES_JS", resource(RESOURCES + "study-figures.js"),
              "REPORT_JS", resource(RESOURCES + "report.js"),
              "STUDY_FIGURES", studyFigures,
              "DATA", data,
              "TREND", trendData);
      // one pass over the template: a placeholder's text inside inserted data (a test named
      // "/*TREND*/") is never taken for the placeholder
      Matcher placeholder = PLACEHOLDER.matcher(resource(RESOURCES + "report.html"));
      StringBuilder page = new StringBuilder();
      while (placeholder.find()) {
        placeholder.appendReplacement(
            page, Matcher.quoteReplacement(parts.get(placeholder.group(1))));
      }
      placeholder.appendTail(page);
      out.print(page);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the run as HTML: " + e, e);
    }
  }

  /**
   * JSON that can stand inside {@code <script>}: escaping only {@code </} is not enough, because
   * {@code <!--<script>} in a test name puts the HTML parser in a state where the next {@code
   * </script>} no longer ends the script, and the page stays blank. These characters occur only
   * inside JSON strings, where {@code \\u003c} means the same, so no markup survives; U+2028 and
   * U+2029 end a line in older JavaScript parsers.
   */
  static String inlineScriptSafe(String json) {
    StringBuilder safe = new StringBuilder(json.length() + 64);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      switch (c) {
        case '<', '>', '&', '\u2028', '\u2029' -> safe.append(String.format("\\u%04x", (int) c));
        default -> safe.append(c);
      }
    }
    return safe.toString();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = HtmlResultFormat.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing resource " + name + " on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
