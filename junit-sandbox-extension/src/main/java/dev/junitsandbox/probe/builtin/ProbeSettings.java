package dev.junitsandbox.probe.builtin;

import dev.junitsandbox.probe.Probe;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the built-in probes' settings share: argument checks whose messages name the setting, the
 * value and the rule (and, where one helps, the call that fixes it), and parameter maps for
 * reports. Each probe validates all its settings in its one constructor, so every copy-with method
 * (e.g. {@code rounds(100)}) is checked.
 */
final class ProbeSettings {

  private ProbeSettings() {}

  /**
   * How a built-in probe prints in test names and messages: {@code name{parameter=value, ...}}. A
   * static helper rather than a shared superclass, so that no package-private type appears in the
   * public probes' signatures.
   */
  static String describe(Probe probe) {
    return probe.name() + probe.parameters();
  }

  /** {@code name} is at least {@code minimum}; {@code hint} (may be empty) follows the message. */
  static void atLeast(String name, int value, int minimum, String hint) {
    if (value < minimum) {
      throw new IllegalArgumentException(
          String.format("%s must be at least %d, but was %d%s", name, minimum, value, hint));
    }
  }

  /**
   * {@code name} is from {@code minimum} to {@code maximum}, {@code why} (may be empty) says why.
   */
  static void range(String name, int value, int minimum, int maximum, String why, String hint) {
    if (value < minimum || value > maximum) {
      throw new IllegalArgumentException(
          String.format(
              "%s must be from %d to %d%s, but was %d%s",
              name, minimum, maximum, why, value, hint));
    }
  }

  /** {@code name} is 0 or more. */
  static void notNegative(String name, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be 0 or more, but was " + value);
    }
  }

  /** {@code name} is 0 or longer. */
  static void notNegative(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must be 0 or more, but was " + value);
    }
  }

  /** {@code name} is longer than 0. */
  static void positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, but was " + value);
    }
  }

  /**
   * {@code name} is a whole number of seconds, at least {@code minimum}, for tools that take
   * seconds; {@code why} names the tool's option, e.g. {@code " (sysbench --time)"}.
   */
  static void wholeSeconds(String name, Duration value, long minimum, String why) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.getNano() != 0 || value.getSeconds() < minimum) {
      long example = Math.max(Math.max(minimum, 1), (value.toMillis() + 999) / 1000);
      throw new IllegalArgumentException(
          String.format(
              "%s must be a whole number of seconds, at least %d%s, but was %s; e.g."
                  + " %s(Duration.ofSeconds(%d))",
              name, minimum, why, value, name, example));
    }
  }

  /** An ordered parameter map for {@code Probe.parameters()}, built one entry at a time. */
  static Parameters parameters() {
    return new Parameters();
  }

  /** Builds a parameter map in the order its entries were added. */
  static final class Parameters {

    private final Map<String, String> entries = new LinkedHashMap<>();

    private Parameters() {}

    /** Adds {@code name} with {@code value} as text. */
    Parameters with(String name, Object value) {
      entries.put(name, String.valueOf(value));
      return this;
    }

    /** The parameters, unmodifiable, in insertion order. */
    Map<String, String> build() {
      return Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }
  }
}
