package dev.junitsandbox.probe.builtin;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import dev.junitsandbox.internal.docker.ContainerLaunches;
import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Figure.Better;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.Probe;
import dev.junitsandbox.probe.ProbeContext;
import dev.junitsandbox.probe.ProbeException;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;

/**
 * Container startup time: from asking the daemon for a container to the container's first line of
 * output, {@code "ready"}, as seen by the JVM.
 *
 * <p><b>Method.</b> Each round, through the Docker daemon's API (docker-java, the client
 * Testcontainers uses), the probe creates a container of the probe image under the sandbox's
 * runtime running {@code echo ready}, attaches to its output, starts it and waits for the line
 * {@code ready}. It then removes the container (forced) and starts the next round. {@link
 * #warmupRounds()} rounds run first and are not recorded: the first launch pays for cold caches
 * (image layers, the runtime binary) that the later ones do not. The sandbox container the test
 * holds is not used: the probe launches containers of its own, with the label {@code
 * dev.junitsandbox=probe}, and removes them even when a round fails or times out.
 *
 * <p>On {@link dev.junitsandbox.ContainerRuntime#HOST} a launch is the creation of a process: the
 * JVM starts {@code echo ready} with a {@link ProcessBuilder} and reads its first line. That is the
 * floor of process creation from a JVM, what any runtime adds to launching a program.
 *
 * <p><b>Timed region.</b> Per round, in a container: the create call, then from sending the start
 * call to the arrival of {@code ready} in the JVM. Attaching to the container's output (between
 * create and start, as {@code docker run} does), waiting for the container to exit and removing it
 * are outside. On the host: from just before {@code ProcessBuilder.start()} to the first line read.
 *
 * <p><b>Result.</b> A latency histogram of launch-to-ready times in nanoseconds, one value per
 * round, and figures in milliseconds, each the mean over the rounds with the rounds' values as
 * samples: {@code launchToReady} (the whole launch, as the studies report it), and the phases that
 * sum to it: {@code create} (the create call; containers only), {@code start} (until the start call
 * returns, or until {@code ready} arrives if that comes first) and {@code firstOutput} (from there
 * to {@code ready}). On the host {@code start} is until {@code ProcessBuilder.start()} returns.
 *
 * <p><b>Defaults.</b> 20 rounds after 1 warm-up round, at most 30 s per round and 3 minutes in all.
 * The studies used 100 rounds: {@code rounds(100)} is one setting away, but a launch and its
 * removal take about a second under runc or gVisor on the 2-core machine this is developed on, so
 * 100 rounds take close to two minutes per runtime, too long for an example run on several.
 */
public final class StartupProbe implements Probe {

  static final int DEFAULT_ROUNDS = 20;
  static final int DEFAULT_WARMUP = 1;
  private static final Duration DEFAULT_ROUND_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);
  // after a timed-out round: how long its thread may still need before it has removed its container
  private static final Duration CLEANUP_GRACE = Duration.ofSeconds(30);

  /** The workload: prints one line and exits. Present in the probe image and on every host. */
  static final List<String> COMMAND = List.of("echo", "ready");

  private static final String READY = "ready";
  private static final double NANOS_PER_MILLI = 1e6;

  private final int rounds;
  private final int warmupRounds;
  private final Duration roundTimeout;
  private final Duration timeout;

  private StartupProbe(int rounds, int warmupRounds, Duration roundTimeout, Duration timeout) {
    if (rounds < 1) {
      throw new IllegalArgumentException(
          "rounds must be at least 1, but was " + rounds + "; the studies used rounds(100)");
    }
    if (warmupRounds < 0) {
      throw new IllegalArgumentException("warmupRounds must be 0 or more, but was " + warmupRounds);
    }
    requirePositive("roundTimeout", roundTimeout);
    requirePositive("timeout", timeout);
    this.rounds = rounds;
    this.warmupRounds = warmupRounds;
    this.roundTimeout = roundTimeout;
    this.timeout = timeout;
  }

  static StartupProbe defaults() {
    return new StartupProbe(DEFAULT_ROUNDS, DEFAULT_WARMUP, DEFAULT_ROUND_TIMEOUT, DEFAULT_TIMEOUT);
  }

  private static void requirePositive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, but was " + value);
    }
  }

  /** The same probe recording {@code rounds} launches (default 20; the studies used 100). */
  public StartupProbe rounds(int rounds) {
    return new StartupProbe(rounds, warmupRounds, roundTimeout, timeout);
  }

  /** The same probe launching {@code warmupRounds} unrecorded times first (default 1). */
  public StartupProbe warmup(int warmupRounds) {
    return new StartupProbe(rounds, warmupRounds, roundTimeout, timeout);
  }

  /** The same probe giving up on a launch not ready within {@code roundTimeout} (default 30 s). */
  public StartupProbe roundTimeout(Duration roundTimeout) {
    return new StartupProbe(rounds, warmupRounds, roundTimeout, timeout);
  }

  /** The same probe giving up when all rounds take longer than {@code timeout} (default 3 min). */
  public StartupProbe timeout(Duration timeout) {
    return new StartupProbe(rounds, warmupRounds, roundTimeout, timeout);
  }

  /** Recorded launches. */
  public int rounds() {
    return rounds;
  }

  /** Unrecorded launches before the recorded ones. */
  public int warmupRounds() {
    return warmupRounds;
  }

  @Override
  public String name() {
    return "startup";
  }

  @Override
  public Map<String, String> parameters() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("command", String.join(" ", COMMAND));
    parameters.put("rounds", Integer.toString(rounds));
    parameters.put("warmupRounds", Integer.toString(warmupRounds));
    return parameters;
  }

  @Override
  public Measurement run(ProbeContext context) {
    String where = name() + " on " + context.runtime().id();
    Launcher launcher =
        context.runtime().isHost()
            ? new ProcessLauncher()
            : new ContainerLauncher(
                ContainerLaunches.docker(),
                context.image(),
                context.runtime().dockerName().orElseThrow());
    List<Round> recorded = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "junit-sandbox-startup-probe");
              thread.setDaemon(true);
              return thread;
            });
    try {
      for (int round = 1; round <= warmupRounds + rounds; round++) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          throw new ProbeException(
              String.format(
                  "%s: only %d of %d rounds (after %d warm-up) finished within the timeout of %s;"
                      + " allow more with timeout(...) or measure fewer with rounds(...)",
                  where, recorded.size(), rounds, warmupRounds, timeout));
        }
        Round result =
            runRound(executor, launcher, round, Math.min(remaining, roundTimeout.toNanos()), where);
        if (round > warmupRounds) {
          recorded.add(result);
        }
      }
    } finally {
      executor.shutdownNow();
    }
    return measurement(context, recorded);
  }

  private Round runRound(
      ExecutorService executor, Launcher launcher, int round, long timeoutNanos, String where) {
    Future<Round> launch = executor.submit(() -> launcher.launch(round, timeoutNanos));
    try {
      return launch.get(timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      launch.cancel(true);
      launcher.abandon(round);
      throw new ProbeException(
          String.format(
              "%s: launch %d was not ready within %s; by hand: %s",
              where, round, Duration.ofNanos(timeoutNanos), launcher.reproduce()),
          e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String what =
          cause instanceof ProbeException
              ? cause.getMessage()
              : String.format("launch %d failed: %s", round, cause);
      throw new ProbeException(
          String.format("%s: %s; by hand: %s", where, what, launcher.reproduce()), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      launch.cancel(true);
      launcher.abandon(round);
      throw new ProbeException(where + ": interrupted", e);
    }
  }

  private Measurement measurement(ProbeContext context, List<Round> recorded) {
    Histogram nanos = Measurement.newNanosHistogram();
    recorded.forEach(round -> nanos.recordValue(round.total()));
    Measurement.Builder builder =
        Measurement.builder(name(), context.runtime().id(), parameters())
            .latency("launch to ready", nanos)
            // first, so reports show it as the headline: the studies' startup figure
            .figure(millis("launchToReady", recorded.stream().map(Round::total).toList()));
    if (!context.runtime().isHost()) {
      builder.figure(millis("create", recorded.stream().map(Round::createNanos).toList()));
    }
    builder
        .figure(millis("start", recorded.stream().map(Round::startNanos).toList()))
        .figure(millis("firstOutput", recorded.stream().map(Round::firstOutputNanos).toList()));
    if (context.runtime().isHost()) {
      builder.note(
          "host: a launch is ProcessBuilder.start() of '"
              + String.join(" ", COMMAND)
              + "' to its first line, the floor of process creation from a JVM");
    } else {
      builder.note(
          "launch = docker-java create + start until 'ready' arrives; attaching to the output"
              + " (between create and start), exit and forced removal are not timed; 'docker run'"
              + " by hand adds the CLI, attach, wait and removal");
    }
    if (rounds != 100) {
      builder.note(rounds + " rounds; the studies used 100 (rounds(100))");
    }
    return builder.build();
  }

  private static long remainingMillis(long deadline) {
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
  }

  private static Figure millis(String name, List<Long> nanos) {
    return Figure.meanOf(
        name, "ms", Better.LOWER, nanos.stream().map(n -> n / NANOS_PER_MILLI).toList());
  }

  @Override
  public String toString() {
    return name() + parameters();
  }

  /**
   * One launch's phases, in nanoseconds; {@code create} is 0 on the host.
   *
   * @param createNanos the create call
   * @param startNanos from sending start until it returned, or until ready came if sooner
   * @param firstOutputNanos from there until ready came
   */
  record Round(long createNanos, long startNanos, long firstOutputNanos) {

    /**
     * The phases of one launch from raw {@link System#nanoTime()} readings.
     *
     * @param begin before the create call (or before starting a process)
     * @param created after the create call returned (equal to {@code begin} on the host)
     * @param startSent before the start call was sent
     * @param startReturned after the start call returned
     * @param ready when the line {@code ready} arrived
     */
    static Round of(long begin, long created, long startSent, long startReturned, long ready) {
      long startEnd = Math.min(startReturned, ready);
      return new Round(created - begin, startEnd - startSent, ready - startEnd);
    }

    long total() {
      return createNanos + startNanos + firstOutputNanos;
    }
  }

  /** Launches the workload once, where the probe measures. */
  private interface Launcher {

    /** One timed launch; cleans up after itself, also when it fails. */
    Round launch(int round, long timeoutNanos) throws Exception;

    /** Cleans up a launch whose thread the probe stopped waiting for. */
    void abandon(int round);

    /** How a person reproduces one launch. */
    String reproduce();
  }

  private static final class ProcessLauncher implements Launcher {

    @Override
    public Round launch(int round, long timeoutNanos) throws IOException, InterruptedException {
      ProcessBuilder builder =
          new ProcessBuilder(COMMAND)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectErrorStream(true);
      long begin = System.nanoTime();
      Process process = builder.start();
      long started = System.nanoTime();
      try (BufferedReader output =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line = output.readLine();
        long ready = System.nanoTime();
        if (!READY.equals(line)) {
          throw new ProbeException(
              String.format(
                  "launch %d: '%s' printed %s first, not '%s'",
                  round, String.join(" ", COMMAND), line == null ? "nothing" : line, READY));
        }
        return Round.of(begin, begin, begin, started, ready);
      } finally {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }

    @Override
    public void abandon(int round) {
      // the launch thread's finally destroys the process once the interrupt reaches it
    }

    @Override
    public String reproduce() {
      return String.join(" ", COMMAND);
    }
  }

  private static final class ContainerLauncher implements Launcher {

    private final DockerClient docker;
    private final String image;
    private final String runtime;
    private final String prefix = ContainerLaunches.uniquePrefix("startup");

    ContainerLauncher(DockerClient docker, String image, String runtime) {
      this.docker = docker;
      this.image = image;
      this.runtime = runtime;
    }

    @Override
    public Round launch(int round, long timeoutNanos) throws Exception {
      String name = prefix + round;
      long deadline = System.nanoTime() + timeoutNanos;
      Round result;
      try {
        result = timedLaunch(round, name, deadline);
      } catch (Exception | Error e) {
        RuntimeException notRemoved = ContainerLaunches.removeQuietly(docker, name);
        if (notRemoved != null) {
          e.addSuppressed(notRemoved);
        }
        throw e;
      }
      RuntimeException notRemoved = ContainerLaunches.removeQuietly(docker, name);
      if (notRemoved != null) {
        throw new ProbeException(
            String.format(
                "launch %d: cannot remove container %s: %s; remove it with docker rm -f %s",
                round, name, notRemoved.getMessage(), name),
            notRemoved);
      }
      return result;
    }

    private Round timedLaunch(int round, String name, long deadline) throws Exception {
      long begin = System.nanoTime();
      String id = ContainerLaunches.create(docker, image, runtime, name, COMMAND).exec().getId();
      long created = System.nanoTime();
      try (ReadyWatcher watcher =
          docker
              .attachContainerCmd(id)
              .withStdOut(true)
              .withStdErr(true)
              .withFollowStream(true)
              .exec(new ReadyWatcher())) {
        if (!watcher.awaitStarted(remainingMillis(deadline), TimeUnit.MILLISECONDS)) {
          throw new ProbeException(
              String.format("launch %d: could not attach to container %s in time", round, id));
        }
        long startSent = System.nanoTime();
        docker.startContainerCmd(id).exec();
        long startReturned = System.nanoTime();
        long ready = watcher.awaitReady(round, id, deadline);
        return Round.of(begin, created, startSent, startReturned, ready);
      }
    }

    @Override
    public void abandon(int round) {
      String name = prefix + round;
      // a create call still in flight may make the container after a first removal: retry a while
      long deadline = System.nanoTime() + CLEANUP_GRACE.toNanos();
      do {
        ContainerLaunches.removeQuietly(docker, name);
        Workloads.sleep(Duration.ofSeconds(1));
      } while (System.nanoTime() < deadline && exists(name));
    }

    private boolean exists(String name) {
      return !docker
          .listContainersCmd()
          .withShowAll(true)
          .withNameFilter(List.of(name))
          .exec()
          .isEmpty();
    }

    @Override
    public String reproduce() {
      return ContainerLaunches.dockerRun(runtime, image, COMMAND);
    }
  }

  /** Notes when the container's output first holds the line {@code ready}. */
  private static final class ReadyWatcher extends ResultCallback.Adapter<Frame> {

    private final StringBuilder output = new StringBuilder();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile long readyAt;
    private volatile Throwable error;

    @Override
    public void onNext(Frame frame) {
      long now = System.nanoTime();
      synchronized (output) {
        output.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
        if (readyAt == 0 && output.toString().lines().anyMatch(READY::equals)) {
          readyAt = now;
          done.countDown();
        }
      }
    }

    @Override
    public void onComplete() {
      super.onComplete();
      done.countDown();
    }

    @Override
    public void onError(Throwable throwable) {
      error = throwable;
      super.onError(throwable);
      done.countDown();
    }

    long awaitReady(int round, String id, long deadline) throws InterruptedException {
      if (!done.await(remainingMillis(deadline), TimeUnit.MILLISECONDS)) {
        throw new ProbeException(
            String.format(
                "launch %d: container %s printed no '%s' in time; it printed: %s",
                round, id, READY, printed()));
      }
      if (readyAt == 0) {
        throw new ProbeException(
            String.format(
                "launch %d: container %s ended without printing '%s'; it printed: %s%s",
                round, id, READY, printed(), error == null ? "" : "; the stream failed: " + error),
            error);
      }
      return readyAt;
    }

    private String printed() {
      synchronized (output) {
        return output.isEmpty() ? "nothing" : Workloads.tail(output.toString());
      }
    }
  }
}
