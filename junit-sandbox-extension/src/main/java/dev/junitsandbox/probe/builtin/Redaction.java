package dev.junitsandbox.probe.builtin;

import dev.junitsandbox.probe.ProbeException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Keeps a secret a probe made up (the OLTP probe's database password) out of its failures: the
 * commands quoted in messages hold it ({@code sysbench --mysql-password=...}), and so may what a
 * server printed and the messages of the sandbox's own exceptions (a timed-out command is quoted
 * whole). The secret is replaced by {@value #REDACTED} wherever it appears in the failure, its
 * causes and their suppressed exceptions; the stack traces stay as they were.
 */
final class Redaction {

  static final String REDACTED = "<redacted>";

  private Redaction() {}

  /**
   * {@code failure} itself if {@code secret} appears nowhere in it (so callers keep its type), else
   * a {@link ProbeException} that says the same with the secret replaced.
   */
  static RuntimeException redact(RuntimeException failure, String secret) {
    if (!printed(failure).contains(secret)) {
      return failure;
    }
    String message = failure instanceof ProbeException ? failure.getMessage() : failure.toString();
    ProbeException redacted = new ProbeException(replace(message, secret));
    copyInto(redacted, failure, secret, new IdentityHashMap<>());
    return redacted;
  }

  private static void copyInto(
      Throwable copy, Throwable original, String secret, Map<Throwable, Throwable> copies) {
    copies.put(original, copy);
    copy.setStackTrace(original.getStackTrace());
    Throwable cause = original.getCause();
    if (cause != null) {
      copy.initCause(copyOf(cause, secret, copies));
    }
    for (Throwable suppressed : original.getSuppressed()) {
      copy.addSuppressed(copyOf(suppressed, secret, copies));
    }
  }

  private static Throwable copyOf(
      Throwable original, String secret, Map<Throwable, Throwable> copies) {
    Throwable known = copies.get(original);
    if (known != null) {
      return known; // a cycle in the chain: printStackTrace shows it as "CIRCULAR REFERENCE"
    }
    Throwable copy = new RedactedCause(replace(original.toString(), secret));
    copyInto(copy, original, secret, copies);
    return copy;
  }

  private static String replace(String text, String secret) {
    return text == null ? null : text.replace(secret, REDACTED);
  }

  private static String printed(Throwable failure) {
    StringWriter out = new StringWriter();
    failure.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  /**
   * A cause of a redacted failure: prints as the original did ({@code java.io.IOException: ...}),
   * less the secret.
   */
  private static final class RedactedCause extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String description;

    RedactedCause(String description) {
      super(description, null, true, true);
      this.description = description;
    }

    @Override
    public String toString() {
      return description;
    }
  }
}
