package dev.junitsandbox.internal.report;

import dev.junitsandbox.report.RunResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

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

  private final PrintStream out;

  HtmlResultFormat(PrintStream out) {
    this.out = out;
  }

  @Override
  public void writeOut(RunResult run) {
    try {
      String data = inlineScriptSafe(ResultJson.MAPPER.writeValueAsString(run));
      // holds no "/" (StudyFigures.toJson), so no placeholder replaced after it can be inside it
      String studyFigures = inlineScriptSafe(StudyFigures.of(run).toJson());
      out.print(
          resource(RESOURCES + "report.html")
              .replace("/*STYLE*/", resource(RESOURCES + "report.css"))
              .replace("/*CHART_JS*/", resource(CHART_JS))
              .replace("/*STUDY_FIGURES_JS*/", resource(RESOURCES + "study-figures.js"))
              .replace("/*REPORT_JS*/", resource(RESOURCES + "report.js"))
              .replace("/*STUDY_FIGURES*/", studyFigures)
              .replace("/*DATA*/", data));
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
