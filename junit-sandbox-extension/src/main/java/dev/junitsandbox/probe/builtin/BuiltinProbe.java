package dev.junitsandbox.probe.builtin;

import dev.junitsandbox.probe.Probe;

/**
 * What every built-in probe shares: it is a value known by its name and parameters, and prints as
 * {@code name{parameter=value, ...}} in test names and messages.
 */
abstract class BuiltinProbe implements Probe {

  @Override
  public final String toString() {
    return name() + parameters();
  }
}
