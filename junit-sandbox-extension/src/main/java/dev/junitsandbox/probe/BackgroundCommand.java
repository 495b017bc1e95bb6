package dev.junitsandbox.probe;

import java.util.List;

/**
 * A command running in a sandbox in the background, started by {@link ProbeContext#start}; closing
 * it stops the command (SIGTERM, then SIGKILL after a grace period) and waits for it to end.
 */
public interface BackgroundCommand extends AutoCloseable {

  /** The command as started. */
  List<String> command();

  /** Whether it is still running. */
  boolean isRunning();

  /** What it wrote to standard output and standard error so far, for error messages. */
  String output();

  /** Stops the command; does nothing if it has ended. Never throws. */
  @Override
  void close();
}
