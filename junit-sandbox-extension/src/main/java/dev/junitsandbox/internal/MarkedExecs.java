package dev.junitsandbox.internal;

import dev.junitsandbox.probe.ExecResult;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * How a sandbox finds and kills a command that ran past its timeout, whatever runs the sandbox
 * (Docker, Incus): every exec gets a random marker in its environment, inherited by everything it
 * starts, and a kill searches the sandbox's {@code /proc} for it (gVisor's processes are not the
 * host's, so the host's view would not do).
 */
final class MarkedExecs {

  /** The environment variable that carries an exec's marker. */
  static final String EXEC_MARKER = "JUNIT_SANDBOX_EXEC";

  // kills, with SIGKILL, every process whose environment holds $0=$1 (the marker), repeating
  // while it finds some, for commands that fork while they are killed; prints the pids
  private static final String KILL_MARKED =
      "m=\"$0=$1\"; all=\"\"; for round in 1 2 3 4 5 6 7 8 9 10; do found=\"\";"
          + " for p in /proc/[0-9]*; do pid=${p#/proc/};"
          + " if grep -qzx \"$m\" \"$p/environ\" 2>/dev/null; then"
          + " kill -9 \"$pid\" 2>/dev/null && found=\"$found $pid\"; fi; done;"
          + " [ -z \"$found\" ] && break; all=\"$all$found\"; sleep 0.1; done; echo $all";

  private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(30);

  private MarkedExecs() {}

  /** A new marker, unique enough that no other exec carries it. */
  static String uniqueMarker() {
    byte[] random = new byte[8];
    ThreadLocalRandom.current().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  /**
   * Kills, with SIGKILL, every process in the sandbox whose environment holds {@code marker}: the
   * exec's command and whatever it started, even if it was reparented.
   *
   * @param unmarkedExec runs a command in the sandbox without a marker of its own
   * @param reason how an exception of {@code unmarkedExec} reads in the message
   * @return what it did, for the timeout's message
   */
  static String killMarked(
      BiFunction<Duration, List<String>, ExecResult> unmarkedExec,
      String marker,
      Function<RuntimeException, String> reason) {
    try {
      ExecResult kill =
          unmarkedExec.apply(
              CONTROL_TIMEOUT, List.of("sh", "-c", KILL_MARKED, EXEC_MARKER, marker));
      String pids = kill.stdout().strip();
      if (!kill.succeeded()) {
        return "could not kill it there ("
            + kill.stderr().strip()
            + "); it ends when the container is removed";
      }
      return pids.isEmpty()
          ? "it had ended by the time it was to be killed"
          : "killed it there (SIGKILL to pids " + pids + " in the container)";
    } catch (RuntimeException e) {
      return "could not kill it there ("
          + reason.apply(e)
          + "); it ends when the container is removed";
    }
  }
}
