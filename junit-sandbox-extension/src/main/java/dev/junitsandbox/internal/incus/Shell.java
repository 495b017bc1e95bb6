package dev.junitsandbox.internal.incus;

import java.util.List;
import java.util.stream.Collectors;

/**
 * POSIX shell quoting: a launched container's command reaches its init as one shell command line
 * (an Incus environment variable holds a string, not a list), which must run exactly the words the
 * probe gave.
 */
public final class Shell {

  private Shell() {}

  /** {@code command} as a shell command line that runs exactly those words, each quoted. */
  public static String commandLine(List<String> command) {
    return command.stream().map(Shell::quote).collect(Collectors.joining(" "));
  }

  /** {@code word} in single quotes, its own single quotes written as {@code '\''}. */
  public static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
