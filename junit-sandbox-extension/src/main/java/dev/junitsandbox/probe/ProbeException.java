package dev.junitsandbox.probe;

/** A probe could not measure: its workload failed, timed out or printed unusable output. */
public class ProbeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ProbeException(String message) {
    super(message);
  }

  public ProbeException(String message, Throwable cause) {
    super(message, cause);
  }
}
