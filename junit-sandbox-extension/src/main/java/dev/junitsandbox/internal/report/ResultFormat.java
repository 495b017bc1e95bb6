package dev.junitsandbox.internal.report;

import dev.junitsandbox.report.RunResult;

/**
 * Writes a whole run in one format ({@code results.json}, {@code index.html}, the console table).
 * One small class per format, made by {@link ResultFormatFactory}, as JMH's result formats are.
 */
public interface ResultFormat {

  /** Writes {@code run} to this format's stream. */
  void writeOut(RunResult run);
}
