package dev.junitsandbox.assertj;

import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Statistic;

/** The argument checks every comparison with a reference measurement makes. */
final class References {

  private References() {}

  /**
   * @throws IllegalArgumentException if {@code reference} is null or measured another probe or
   *     other parameters than {@code actual}
   */
  static void requireSameProbe(Measurement actual, Measurement reference) {
    if (reference == null) {
      throw new IllegalArgumentException(
          "The reference measurement must not be null; pass e.g. sandbox.host(probe)");
    }
    if (!actual.sameProbeAs(reference)) {
      throw new IllegalArgumentException(
          String.format(
              "Cannot compare %s%s with %s%s: they measure different probes or parameters;"
                  + " measure the reference with the same probe object",
              actual.probe(), actual.parameters(), reference.probe(), reference.parameters()));
    }
  }

  /**
   * @throws IllegalArgumentException if {@code reference} holds no latency distribution to read
   *     {@code statistic} from
   */
  static void requireLatency(Measurement reference, Statistic statistic) {
    if (!reference.hasLatency()) {
      throw new IllegalArgumentException(
          String.format(
              "Cannot compare %s with a reference that holds no latency distribution;"
                  + " compare figures with figure(name). The reference: %s",
              statistic.label(), reference.summary()));
    }
  }
}
