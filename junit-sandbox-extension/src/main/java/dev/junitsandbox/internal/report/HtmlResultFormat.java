package dev.junitsandbox.internal.report;

import dev.junitsandbox.report.RunResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code index.html}: one self-contained page (Chart.js, the data and the renderer inlined, so it
 * opens offline). The page draws what the run model holds; it computes no ratio of its own.
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
      // "</" would end the inline script early; JSON allows the escaped form
      String data = ResultJson.MAPPER.writeValueAsString(run).replace("</", "<\\/");
      out.print(
          resource(RESOURCES + "report.html")
              .replace("/*STYLE*/", resource(RESOURCES + "report.css"))
              .replace("/*CHART_JS*/", resource(CHART_JS))
              .replace("/*REPORT_JS*/", resource(RESOURCES + "report.js"))
              .replace("/*DATA*/", data));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the run as HTML: " + e, e);
    }
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
