package dev.junitsandbox.internal.report;

import dev.junitsandbox.report.RunResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/** {@code results.json}: the run model as JSON, read back by {@link RunResult#read}. */
final class JsonResultFormat implements ResultFormat {

  private final PrintStream out;

  JsonResultFormat(PrintStream out) {
    this.out = out;
  }

  @Override
  public void writeOut(RunResult run) {
    try {
      out.print(ResultJson.MAPPER.writeValueAsString(run));
      out.println();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the run as JSON: " + e, e);
    }
  }
}
