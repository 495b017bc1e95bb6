package dev.junitsandbox.internal.report;

import dev.junitsandbox.measure.Measurement;

/** Writes one measurement's latency distribution in one of HdrHistogram's file formats. */
interface HistogramFormat {

  /** Writes the distribution of {@code measurement}, which has one, to this format's stream. */
  void writeOut(Measurement measurement);
}
