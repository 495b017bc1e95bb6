package dev.junitsandbox.probe;

import java.util.List;
import java.util.Objects;

/**
 * A finished command.
 *
 * @param command the command as run
 * @param exitCode its exit status
 * @param stdout everything it wrote to standard output
 * @param stderr everything it wrote to standard error
 */
public record ExecResult(List<String> command, int exitCode, String stdout, String stderr) {

  public ExecResult {
    command = List.copyOf(command);
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
  }

  /** Whether the command exited with status 0. */
  public boolean succeeded() {
    return exitCode == 0;
  }
}
