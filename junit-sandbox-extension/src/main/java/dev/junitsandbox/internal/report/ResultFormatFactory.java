package dev.junitsandbox.internal.report;

import java.io.PrintStream;
import java.util.Objects;

/** Makes the {@link ResultFormat} of a {@link ResultFormatType}. */
public final class ResultFormatFactory {

  private ResultFormatFactory() {}

  /** The format {@code type}, writing to {@code out}, which it never closes. */
  public static ResultFormat getInstance(ResultFormatType type, PrintStream out) {
    Objects.requireNonNull(out, "out");
    return switch (Objects.requireNonNull(type, "type")) {
      case JSON -> new JsonResultFormat(out);
      case HTML -> new HtmlResultFormat(out);
      case TEXT -> new TextResultFormat(out);
    };
  }
}
