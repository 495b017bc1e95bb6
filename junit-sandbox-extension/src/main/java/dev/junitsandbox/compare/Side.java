package dev.junitsandbox.compare;

/**
 * Which side of a {@link Comparison} a trial belongs to. Sides are named rather than identified by
 * their runtimes because a runtime may be compared with itself (an A/A comparison).
 */
public enum Side {
  /** The side under test: the runtime of the sandbox that started the comparison. */
  A,
  /** The reference it is compared with: the numerator's denominator in every ratio A/B. */
  B
}
