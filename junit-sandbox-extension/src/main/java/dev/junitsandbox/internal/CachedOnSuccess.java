package dev.junitsandbox.internal;

import dev.junitsandbox.probe.ProbeException;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * A value of the run (the probe image, the host's probe binary) computed on first use and kept once
 * it is computed. A failure is not kept: the next caller tries again, so one transient failure (a
 * daemon that restarts, a mirror that times out) costs one invocation, not the whole run. After
 * {@link #MAX_ATTEMPTS} failures every later caller fails at once, so a failure that lasts does not
 * repeat a slow build for each of hundreds of invocations.
 *
 * <p>Callers wait for each other: two invocations never build the same thing at the same time.
 */
final class CachedOnSuccess<T> {

  /** How many failed attempts a run makes before it gives up on the value. */
  static final int MAX_ATTEMPTS = 3;

  private static final Logger LOG = Logger.getLogger(CachedOnSuccess.class.getName());

  private final String what;
  private final Supplier<T> supplier;
  private T value;
  private RuntimeException lastFailure;
  private int failures;

  /**
   * @param what the value, for messages, e.g. {@code "the probe image"}
   * @param supplier computes the value; never returns {@code null}
   */
  CachedOnSuccess(String what, Supplier<T> supplier) {
    this.what = Objects.requireNonNull(what, "what");
    this.supplier = Objects.requireNonNull(supplier, "supplier");
  }

  /**
   * The value: the kept one, or a new attempt.
   *
   * @throws RuntimeException what the attempt threw, as it was thrown; after {@link #MAX_ATTEMPTS}
   *     failures a {@link ProbeException} that says so, caused by the last failure
   */
  synchronized T get() {
    if (value != null) {
      return value;
    }
    if (failures >= MAX_ATTEMPTS) {
      throw new ProbeException(
          String.format(
              "Gave up on %s after %d failed attempts in this run; the next run tries again. The"
                  + " last failure: %s",
              what, failures, lastFailure.getMessage()),
          lastFailure);
    }
    try {
      value = Objects.requireNonNull(supplier.get(), () -> what + " came out null");
      return value;
    } catch (RuntimeException e) {
      failures++;
      lastFailure = e;
      if (failures < MAX_ATTEMPTS) {
        LOG.warning(
            () ->
                String.format(
                    "Could not make %s (attempt %d of %d; the next invocation tries again): %s",
                    what, failures, MAX_ATTEMPTS, e.getMessage()));
      }
      throw e;
    }
  }
}
