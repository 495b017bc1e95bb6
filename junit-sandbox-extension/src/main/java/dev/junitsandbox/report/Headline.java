package dev.junitsandbox.report;

import dev.junitsandbox.measure.Figure;
import java.util.Objects;

/**
 * The one number that stands for a measurement in summary tables: its first figure, or else its
 * median latency.
 *
 * @param name the figure's name, or {@code "p50"}
 * @param value the figure's value, or the median in nanoseconds
 * @param better which direction is an improvement
 * @param text the value for people, with its unit: {@code "450 req/s"}, {@code "14.3 us"}
 * @param toHost the ratio to the host's headline of the same name in the same group, or {@code
 *     null} on the host and where there is none
 */
public record Headline(
    String name, double value, Figure.Better better, String text, HostRatio toHost) {

  public Headline {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(better, "better");
    Objects.requireNonNull(text, "text");
  }

  /**
   * For people: the text, and the ratio to the host where there is one: {@code "450 req/s
   * (0.02x)"}.
   */
  public String format() {
    return toHost == null ? text : text + " (" + toHost.format() + ")";
  }
}
