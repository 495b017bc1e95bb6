package dev.junitsandbox.internal.host;

import dev.junitsandbox.internal.tooloutput.ToolOutput;
import dev.junitsandbox.probe.ProbeException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The output of a launched sandbox as it arrives in the JVM, with the {@link System#nanoTime()} at
 * which each distinct line first arrived, so that a probe asking for a line after it came still
 * gets the time it came. Fed by one thread (a pipe reader, a Docker attach callback), read by
 * others.
 */
public final class OutputLines {

  // enough for any launch's start-up chatter; beyond it only the tail is kept for messages
  private static final int MAX_TEXT_CHARS = 64 * 1024;
  private static final int MAX_LINES = 10_000;

  private final StringBuilder text = new StringBuilder();
  private final StringBuilder partial = new StringBuilder();
  private final Map<String, Long> firstArrival = new HashMap<>();
  private boolean ended;
  private Throwable error;

  /** Adds {@code chunk}, which arrived at {@code nanoTime}. */
  public synchronized void append(String chunk, long nanoTime) {
    text.append(chunk);
    if (text.length() > MAX_TEXT_CHARS) {
      text.delete(0, text.length() - MAX_TEXT_CHARS);
    }
    for (int i = 0; i < chunk.length(); i++) {
      char c = chunk.charAt(i);
      if (c == '\n') {
        completeLine(nanoTime);
      } else {
        partial.append(c);
      }
    }
    notifyAll();
  }

  /** The output has ended (the stream closed, or failed with {@code error} if not null). */
  public synchronized void end(Throwable error) {
    if (!partial.isEmpty()) {
      completeLine(System.nanoTime());
    }
    this.ended = true;
    this.error = error;
    notifyAll();
  }

  private void completeLine(long nanoTime) {
    String line = partial.toString();
    if (line.endsWith("\r")) {
      line = line.substring(0, line.length() - 1);
    }
    partial.setLength(0);
    if (firstArrival.size() < MAX_LINES) {
      firstArrival.putIfAbsent(line, nanoTime);
    }
  }

  /**
   * The {@link System#nanoTime()} at which a line equal to {@code line} first arrived, waiting up
   * to {@code timeout} for it.
   *
   * @param who the sandbox, for messages
   * @throws ProbeException if the output ends without it or it does not come in time, showing what
   *     was printed
   */
  public synchronized long awaitLine(String line, Duration timeout, String who) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!firstArrival.containsKey(line)) {
      long remaining = deadline - System.nanoTime();
      if (ended) {
        throw new ProbeException(
            String.format(
                "%s ended without printing '%s'; it printed: %s%s",
                who, line, printed(), error == null ? "" : "; the stream failed: " + error),
            error);
      }
      if (remaining <= 0) {
        throw new ProbeException(
            String.format(
                "%s printed no '%s' within %s; it printed: %s", who, line, timeout, printed()));
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, remaining);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProbeException("Interrupted while waiting for '" + line + "' from " + who, e);
      }
    }
    return firstArrival.get(line);
  }

  /** Everything so far (the last 64 KiB of it). */
  public synchronized String text() {
    return text.toString();
  }

  private String printed() {
    return text.isEmpty() ? "nothing" : ToolOutput.tail(text.toString());
  }
}
