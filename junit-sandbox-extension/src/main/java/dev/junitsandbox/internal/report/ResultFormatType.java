package dev.junitsandbox.internal.report;

/** The formats a run is written in. */
public enum ResultFormatType {
  /** {@code results.json}: the run model, for tools and gates. */
  JSON,
  /** {@code index.html}: one self-contained page with charts, for people. */
  HTML,
  /** The summary table printed at the end of a run: one line per group, one column per runtime. */
  TEXT
}
