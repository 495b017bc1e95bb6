package dev.junitsandbox.internal.incus;

/**
 * A call to Incus that failed: it could not be sent or answered in time ({@link #status()} 0), or
 * Incus answered with an error (its HTTP status, e.g. 404 or 409), or the operation it started
 * failed (400). The message names the call and says what Incus said.
 */
public final class IncusException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  IncusException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** A failure of something done through Incus, e.g. a command in an instance that failed. */
  public IncusException(int status, String message) {
    this(status, message, null);
  }

  /** The HTTP status Incus answered with, 400 for a failed operation, 0 if there was no answer. */
  public int status() {
    return status;
  }

  /** Whether Incus answered that the thing asked for does not exist (404). */
  public boolean notFound() {
    return status == 404;
  }
}
