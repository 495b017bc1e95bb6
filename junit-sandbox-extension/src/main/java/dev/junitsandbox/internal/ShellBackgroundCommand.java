package dev.junitsandbox.internal;

import dev.junitsandbox.probe.BackgroundCommand;
import dev.junitsandbox.probe.ExecResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A command started in a sandbox in the background through a shell that records its pid and sends
 * its output to a log file, both under {@code base} in the sandbox; known afterwards only by those
 * files, so that any kind of sandbox that can run a command to its end (a Docker container, an
 * Incus container) can tell whether it runs, show its output and stop it.
 */
final class ShellBackgroundCommand implements BackgroundCommand {

  private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(30);

  private final List<String> command;
  private final String base;
  private final BiFunction<Duration, List<String>, ExecResult> exec;
  private final String where;

  /**
   * @param command the command as the probe gave it
   * @param base the path prefix of its pid and log files in the sandbox
   * @param exec runs a command in the sandbox to its end
   * @param where the sandbox, for messages, e.g. "the runc sandbox"
   */
  ShellBackgroundCommand(
      List<String> command,
      String base,
      BiFunction<Duration, List<String>, ExecResult> exec,
      String where) {
    this.command = List.copyOf(command);
    this.base = base;
    this.exec = exec;
    this.where = where;
  }

  /** The command that starts {@code command} so that it writes the files under {@code base}. */
  static List<String> wrapped(List<String> command, String base) {
    List<String> wrapped = new ArrayList<>();
    wrapped.addAll(
        List.of("sh", "-c", "echo $$ > \"$0.pid\" && exec \"$@\" > \"$0.log\" 2>&1", base));
    wrapped.addAll(command);
    return wrapped;
  }

  @Override
  public List<String> command() {
    return command;
  }

  @Override
  public boolean isRunning() {
    return shell("test -f \"$0.pid\" && kill -0 \"$(cat \"$0.pid\")\"").succeeded();
  }

  @Override
  public String output() {
    return shell("cat \"$0.log\" 2>/dev/null").stdout();
  }

  @Override
  public void close() {
    try {
      // the pid file may lag a just-started command; TERM, then KILL after 10 s
      shell(
          "for i in $(seq 50); do test -s \"$0.pid\" && break; sleep 0.1; done;"
              + " pid=$(cat \"$0.pid\" 2>/dev/null) || exit 0; kill \"$pid\" 2>/dev/null;"
              + " for i in $(seq 100); do kill -0 \"$pid\" 2>/dev/null || exit 0; sleep 0.1;"
              + " done; kill -9 \"$pid\"");
    } catch (RuntimeException e) {
      // the sandbox is removed at the end of the invocation anyway
    }
  }

  private ExecResult shell(String script) {
    return exec.apply(CONTROL_TIMEOUT, List.of("sh", "-c", script, base));
  }

  @Override
  public String toString() {
    return String.join(" ", command) + " in " + where;
  }
}
