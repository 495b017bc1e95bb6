package dev.junitsandbox.internal.docker;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.DockerClientFactory;

/**
 * Every daemon call of the library's own containers, each bounded by one limit ({@code
 * junit.sandbox.docker.timeout-seconds}).
 *
 * <p>Why not a timeout of the HTTP client: Testcontainers builds docker-java's zerodep transport
 * without one and offers no hook to set it, and a response timeout there is a socket read timeout,
 * which would also cut the legitimate long, quiet streams of an exec or an attach. So each call
 * runs on a thread of its own and the caller waits for it at most the limit. A call that does not
 * come back in time is abandoned, never interrupted: interrupting a create can make the daemon
 * create the container after our removal (that left footprint containers behind). The abandoned
 * thread is a daemon thread; it ends when the daemon answers, which it does once the processes that
 * block it are killed.
 */
public final class DaemonCalls {

  /** The limit when {@code junit.sandbox.docker.timeout-seconds} is not set. */
  public static final Duration DEFAULT_LIMIT = Duration.ofSeconds(60);

  /**
   * How to get a daemon running, the one wording every message that needs one uses (a daemon down
   * at the start, one that stopped answering, a HOST baseline that needs the probe image): a clause
   * that follows "Fix: " or "or ".
   */
  public static final String START_DAEMON =
      "start the Docker daemon (as root: runtimes/setup.sh starts dockerd and registers the"
          + " runtimes; or systemctl start docker)";

  // the daemon's /_ping answers in milliseconds when it is alive, even while a runtime hangs
  private static final Duration PING_LIMIT = Duration.ofSeconds(5);

  // shared by every invocation: abandoned calls must not keep the JVM alive, and a pool per
  // sandbox would leak threads that outlive it
  private static final ExecutorService CALLS =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "junit-sandbox-docker-call");
            thread.setDaemon(true);
            return thread;
          });

  private final DockerClient docker;
  private final Duration limit;

  /**
   * @param docker the daemon's client
   * @param limit how long each call may take
   */
  public DaemonCalls(DockerClient docker, Duration limit) {
    if (limit.isNegative() || limit.isZero()) {
      throw new IllegalArgumentException("limit must be positive, but was " + limit);
    }
    this.docker = docker;
    this.limit = limit;
  }

  /** Calls through Testcontainers' client, each bounded by {@code limit}. */
  public static DaemonCalls of(Duration limit) {
    return new DaemonCalls(DockerClientFactory.instance().client(), limit);
  }

  /** The client, for calls that are bounded otherwise (streams awaited with their own timeout). */
  public DockerClient docker() {
    return docker;
  }

  /** How long each call may take. */
  public Duration limit() {
    return limit;
  }

  /** The daemon's address as the client sees it, for messages. */
  public String endpoint() {
    try {
      return String.valueOf(DockerClientFactory.instance().getTransportConfig().getDockerHost());
    } catch (RuntimeException e) {
      return "unix:///var/run/docker.sock";
    }
  }

  /**
   * Runs {@code call}, waiting at most the limit.
   *
   * @param what the call, for messages, e.g. {@code "start of container x"}
   * @throws DaemonCallTimeout if it did not come back in time (it goes on in the background)
   * @throws RuntimeException what the call threw
   */
  public <T> T call(String what, Callable<T> call) {
    return call(what, limit, call);
  }

  /** Runs {@code call}, waiting at most {@code timeout}; see {@link #call(String, Callable)}. */
  public <T> T call(String what, Duration timeout, Callable<T> call) {
    long begin = System.nanoTime();
    Future<T> future = CALLS.submit(call);
    try {
      return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new DaemonCallTimeout(
          what, Duration.ofNanos(System.nanoTime() - begin), timeout, future);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for " + what, e);
    }
  }

  /**
   * Why the daemon itself does not answer, or empty if it answers {@code /_ping} now: tells a
   * runtime that hangs (the daemon answers, one container does not) from a daemon that died.
   */
  public Optional<String> daemonDown() {
    try {
      call("ping of the daemon", PING_LIMIT, () -> docker.pingCmd().exec());
      return Optional.empty();
    } catch (DaemonCallTimeout e) {
      return Optional.of("it did not answer /_ping within " + DaemonCallTimeout.format(PING_LIMIT));
    } catch (RuntimeException e) {
      return Optional.of(rootMessage(e));
    }
  }

  /** Whether {@code failure} is the client failing to talk to the daemon at all. */
  public static boolean isConnectionFailure(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  /**
   * The innermost message of {@code failure}'s causes; the daemon's own words when docker-java
   * wraps them ({@code Status 500: {"message":"..."}}).
   */
  public static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.toString() : root.getMessage();
    Matcher daemonSays = DAEMON_MESSAGE.matcher(message.strip());
    return daemonSays.matches()
        ? daemonSays.group(1).replace("\\\"", "\"").replace("\\n", " ")
        : message.strip();
  }

  private static final Pattern DAEMON_MESSAGE =
      Pattern.compile("Status \\d+: \\{\"message\":\"(.*)\"\\}", Pattern.DOTALL);

  /**
   * The fix for a daemon that stopped answering, for messages: it names the socket and what to do.
   */
  public String daemonDownMessage(String during, String why) {
    return String.format(
        "The Docker daemon at %s stopped answering during %s (%s). Fix: %s, and run the tests"
            + " again; see 'docker info' and the daemon's log for why it stopped",
        endpoint(), during, why, START_DAEMON);
  }

  /** A daemon call that did not come back within its limit; it goes on in the background. */
  public static final class DaemonCallTimeout extends RuntimeException {

    private final String what;
    private final Duration waited;
    private final Duration limit;
    private final transient Future<?> abandoned;

    DaemonCallTimeout(String what, Duration waited, Duration limit, Future<?> abandoned) {
      super(
          String.format(
              "%s did not return within %s (waited %s)", what, format(limit), format(waited)));
      this.what = what;
      this.waited = waited;
      this.limit = limit;
      this.abandoned = abandoned;
    }

    /**
     * Waits at most {@code timeout} for the abandoned call to come back, whatever it returned: a
     * create that came back late may have made a container, which the caller then removes.
     *
     * @return whether it came back
     */
    public boolean awaitAbandoned(Duration timeout) {
      if (abandoned == null) {
        return true;
      }
      try {
        abandoned.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        return true;
      } catch (ExecutionException failed) {
        return true;
      } catch (TimeoutException stillRunning) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    /** The call, e.g. {@code "start of container x"}. */
    public String what() {
      return what;
    }

    /** How long the caller waited. */
    public Duration waited() {
      return waited;
    }

    /** The limit it did not keep. */
    public Duration limit() {
      return limit;
    }

    /** {@code 5 s} or {@code 4.8 s}: seconds, for messages. */
    public static String format(Duration duration) {
      long millis = duration.toMillis();
      return millis % 1000 == 0
          ? millis / 1000 + " s"
          : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
  }
}
