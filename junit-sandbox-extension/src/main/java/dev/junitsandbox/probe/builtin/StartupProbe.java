package dev.junitsandbox.probe.builtin;

import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Figure.Better;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.LaunchPhases;
import dev.junitsandbox.probe.LaunchedSandbox;
import dev.junitsandbox.probe.Probe;
import dev.junitsandbox.probe.ProbeContext;
import dev.junitsandbox.probe.ProbeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * Container startup time: from asking the daemon for a container until it is up, as seen by the
 * JVM, up to one of two {@linkplain EndPoint end points}: the container's first line of output,
 * {@code ready} (the default), or its network up, the end point of Li et al. (CLOSER 2021): {@code
 * Probes.startup().until(StartupProbe.EndPoint.NETWORK_UP)}.
 *
 * <p><b>Method.</b> Each round, through {@link ProbeContext#launch} (the daemon's API, as {@code
 * docker run} uses it), the probe launches a container of the probe image under the sandbox's
 * runtime: created, attached to, started. Then, for {@link EndPoint#FIRST_OUTPUT}, the container
 * runs {@code echo ready} and the probe waits for the line {@code ready} ({@link
 * LaunchedSandbox#awaitOutputLine}). For {@link EndPoint#NETWORK_UP}, the probe listens in the JVM
 * on a TCP port at {@link ProbeContext#hostAddress()} (opened once, before the first round) and the
 * container runs {@code sandbox-probe connect <address> <port> <timeout-ms> <token>}, a static
 * binary (no shell starts in the timed region) that retries {@code connect()} every millisecond
 * until it gets through (or half the round's timeout has passed) and then sends the round's token,
 * 32 random hexadecimal digits; the round ends when the JVM accepted the connection that sent that
 * token ({@link LaunchedSandbox#phasesUntil}). A connection without the round's token (another
 * program, a replay) ends nothing, and is counted in a note. Then the probe removes the container
 * and starts the next round. {@link #warmupRounds()} rounds run first and are not recorded: the
 * first launch pays for cold caches (image layers, the runtime binary) that the later ones do not.
 * The sandbox container the test holds is not used: the launched containers are the probe's own,
 * labelled {@code dev.junitsandbox=probe}, and removed even when a round fails or times out.
 *
 * <p>"Network up" is seen from the host, by the JVM's clock only: the sandbox can reach the host,
 * and the host has accepted its connection (the TCP handshake is done and the JVM's thread waiting
 * in {@code accept()} has woken up). It includes the start of one small static process inside the
 * sandbox and the connect, not a shell or a name lookup.
 *
 * <p>On {@link dev.junitsandbox.ContainerRuntime#HOST} a launch is the creation of a process: the
 * JVM starts {@code echo ready} (or {@code sandbox-probe connect 127.0.0.1 ...}, the host's own
 * network through loopback) with a {@link ProcessBuilder} and reads its first line (or accepts its
 * connection). That is the floor of process creation from a JVM, what any runtime adds to launching
 * a program.
 *
 * <p>The probe uses only the {@link ProbeContext} SPI (and a server socket of its own): a probe of
 * your own can time launches the same way.
 *
 * <p><b>Timed region.</b> Per round, in a container: the create call, then from sending the start
 * call to the end point: the arrival of {@code ready} in the JVM, or the JVM accepting the round's
 * connection. Attaching to the container's output (between create and start, as {@code docker run}
 * does), opening the listener, waiting for the container to exit and removing it are outside. On
 * the host: from just before {@code ProcessBuilder.start()} to the end point.
 *
 * <p><b>Result.</b> A latency histogram of the launch times in nanoseconds, one value per round
 * ({@code launch to ready} or {@code launch to network up}), and figures in milliseconds, each the
 * mean over the rounds with the rounds' values as samples: the whole launch, {@value
 * #LAUNCH_TO_READY} for the first output or {@value #LAUNCH_TO_NETWORK} for the network (the figure
 * closest to the studies' startup time), and the phases that sum to it: {@code create} (the create
 * call; containers only), {@code start} (until the start call returns, or until the end point if
 * that comes first) and the rest, {@code firstOutput} (from there to {@code ready}) or {@code
 * networkUp} (from there to the accepted connection). On the host {@code start} is until {@code
 * ProcessBuilder.start()} returns. A note names the end point.
 *
 * <p><b>Defaults.</b> 20 rounds after 1 warm-up round, until the first output, at most 30 s per
 * round and 3 minutes in all. Neither study's launch count is quoted (docs/metrics.md). A launch
 * and its removal take about a second under runc or gVisor on the 2-core machine this is developed
 * on, so {@code rounds(n)} costs about n seconds per runtime.
 */
public final class StartupProbe implements Probe {

  /**
   * The name of the headline figure, the whole launch in milliseconds: the studies' startup time.
   */
  public static final String LAUNCH_TO_READY = "launchToReady";

  /**
   * The name of the headline figure for {@link EndPoint#NETWORK_UP}, the whole launch until the
   * host accepted the sandbox's connection, in milliseconds: Li et al.'s startup time.
   */
  public static final String LAUNCH_TO_NETWORK = "launchToNetwork";

  /** Where the timed region of a launch ends. */
  public enum EndPoint {
    /**
     * The launched container's first line of output, {@code ready} from {@code echo ready},
     * arriving in the JVM: the process runs and its output reached the host. The default.
     */
    FIRST_OUTPUT(LAUNCH_TO_READY, "firstOutput", "launch to ready"),

    /**
     * The launched sandbox's network up, seen from the host: the JVM accepted a TCP connection that
     * a static client in the sandbox opened to {@link ProbeContext#hostAddress()} as soon as it
     * could. The end point Li et al. (CLOSER 2021) timed.
     */
    NETWORK_UP(LAUNCH_TO_NETWORK, "networkUp", "launch to network up");

    private final String headline;
    private final String phase;
    private final String metric;

    EndPoint(String headline, String phase, String metric) {
      this.headline = headline;
      this.phase = phase;
      this.metric = metric;
    }

    /** The name of the whole launch's figure: {@code launchToReady} or {@code launchToNetwork}. */
    public String headlineFigure() {
      return headline;
    }

    /**
     * The name of the figure from the end of {@code start} to the end point: {@code firstOutput} or
     * {@code networkUp}.
     */
    public String phaseFigure() {
      return phase;
    }
  }

  static final int DEFAULT_ROUNDS = 20;
  static final int DEFAULT_WARMUP = 1;
  private static final Duration DEFAULT_ROUND_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);

  /** The workload: prints one line and exits. Present in the probe image and on every host. */
  static final List<String> COMMAND = List.of("echo", "ready");

  /** The workload of {@link EndPoint#NETWORK_UP}, as the parameters show it. */
  static final String CONNECT_COMMAND =
      "sandbox-probe connect <host address> <port> <timeout-ms> <token>";

  private static final String READY = "ready";
  private static final double NANOS_PER_MILLI = 1e6;

  private final int rounds;
  private final int warmupRounds;
  private final Duration roundTimeout;
  private final Duration timeout;
  private final EndPoint endPoint;

  private StartupProbe(
      int rounds, int warmupRounds, Duration roundTimeout, Duration timeout, EndPoint endPoint) {
    ProbeSettings.atLeast("rounds", rounds, 1, "; the default is rounds(20)");
    ProbeSettings.notNegative("warmupRounds", warmupRounds);
    ProbeSettings.positive("roundTimeout", roundTimeout);
    ProbeSettings.positive("timeout", timeout);
    if (endPoint == null) {
      throw new IllegalArgumentException(
          "endPoint must not be null; e.g. until(StartupProbe.EndPoint.NETWORK_UP)");
    }
    this.rounds = rounds;
    this.warmupRounds = warmupRounds;
    this.roundTimeout = roundTimeout;
    this.timeout = timeout;
    this.endPoint = endPoint;
  }

  static StartupProbe defaults() {
    return new StartupProbe(
        DEFAULT_ROUNDS,
        DEFAULT_WARMUP,
        DEFAULT_ROUND_TIMEOUT,
        DEFAULT_TIMEOUT,
        EndPoint.FIRST_OUTPUT);
  }

  /** The same probe recording {@code rounds} launches (default 20). */
  public StartupProbe rounds(int rounds) {
    return new StartupProbe(rounds, warmupRounds, roundTimeout, timeout, endPoint);
  }

  /** The same probe launching {@code warmupRounds} unrecorded times first (default 1). */
  public StartupProbe warmup(int warmupRounds) {
    return new StartupProbe(rounds, warmupRounds, roundTimeout, timeout, endPoint);
  }

  /** The same probe giving up on a launch not up within {@code roundTimeout} (default 30 s). */
  public StartupProbe roundTimeout(Duration roundTimeout) {
    return new StartupProbe(rounds, warmupRounds, roundTimeout, timeout, endPoint);
  }

  /** The same probe giving up when all rounds take longer than {@code timeout} (default 3 min). */
  public StartupProbe timeout(Duration timeout) {
    return new StartupProbe(rounds, warmupRounds, roundTimeout, timeout, endPoint);
  }

  /**
   * The same probe timing each launch until {@code endPoint} (default {@link
   * EndPoint#FIRST_OUTPUT}); {@link EndPoint#NETWORK_UP} is Li et al.'s.
   */
  public StartupProbe until(EndPoint endPoint) {
    return new StartupProbe(rounds, warmupRounds, roundTimeout, timeout, endPoint);
  }

  /** Where each launch's timed region ends. */
  public EndPoint endPoint() {
    return endPoint;
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

  /**
   * {@code command}, {@code rounds} and {@code warmupRounds}; with {@link EndPoint#NETWORK_UP} also
   * {@code endPoint=networkUp}. The first output's parameters are those of the probe before it had
   * end points, so that its measurements and baselines keep their settings.
   */
  @Override
  public Map<String, String> parameters() {
    ProbeSettings.Parameters parameters = ProbeSettings.parameters();
    if (endPoint == EndPoint.NETWORK_UP) {
      parameters.with("endPoint", endPoint.phaseFigure()).with("command", CONNECT_COMMAND);
    } else {
      parameters.with("command", String.join(" ", COMMAND));
    }
    return parameters.with("rounds", rounds).with("warmupRounds", warmupRounds).build();
  }

  @Override
  public Measurement run(ProbeContext context) {
    String where = name() + " on " + context.runtime().id();
    if (endPoint == EndPoint.FIRST_OUTPUT) {
      return measurement(
          context,
          runRounds(
              where, (round, roundTimeout) -> untilReady(context, round, roundTimeout, where)),
          null);
    }
    // opened before the first launch and outside every timed region
    try (ConnectionListener listener = ConnectionListener.open(context.hostAddress())) {
      List<LaunchPhases> recorded =
          runRounds(
              where,
              (round, roundTimeout) ->
                  untilNetworkUp(context, listener, round, roundTimeout, where));
      return measurement(context, recorded, listener);
    }
  }

  /** One round: a launch timed up to the probe's end point, within {@code timeout}. */
  private interface Round {
    LaunchPhases launch(int round, Duration timeout);
  }

  private List<LaunchPhases> runRounds(String where, Round launch) {
    List<LaunchPhases> recorded = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int round = 1; round <= warmupRounds + rounds; round++) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        throw new ProbeException(
            String.format(
                "%s: only %d of %d rounds (after %d warm-up) finished within the timeout of %s;"
                    + " allow more with timeout(...) or measure fewer with rounds(...)",
                where, recorded.size(), rounds, warmupRounds, timeout));
      }
      LaunchPhases phases =
          launch.launch(round, Duration.ofNanos(Math.min(remaining, roundTimeout.toNanos())));
      if (round > warmupRounds) {
        recorded.add(phases);
      }
    }
    return recorded;
  }

  /** One launch timed until its first output, removed afterwards; the removal is not timed. */
  private static LaunchPhases untilReady(
      ProbeContext context, int round, Duration timeout, String where) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (LaunchedSandbox launched = context.launch(COMMAND, timeout)) {
      return launched.awaitOutputLine(READY, remainingUntil(deadline));
    } catch (ProbeException e) {
      throw launchFailed(e, round, timeout, deadline, "was not ready", where);
    }
  }

  /**
   * One launch timed until the host accepted its connection, removed afterwards; the removal is not
   * timed.
   */
  private static LaunchPhases untilNetworkUp(
      ProbeContext context,
      ConnectionListener listener,
      int round,
      Duration timeout,
      String where) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String token = ConnectionListener.newToken();
    // the client gives up halfway through the round, so that its last error (e.g. "Connection
    // refused") reaches the message even when the launch itself was slow
    long clientMillis = Math.max(1, timeout.toMillis() / 2);
    List<String> command =
        List.of(
            context.probeBinary(),
            "connect",
            listener.address(),
            String.valueOf(listener.port()),
            String.valueOf(clientMillis),
            token);
    try (ConnectionListener.Arrival arrival = listener.expect(token)) {
      LaunchedSandbox launched;
      try {
        launched = context.launch(command, timeout);
      } catch (ProbeException e) {
        throw launchFailed(e, round, timeout, deadline, "did not connect", where);
      }
      try (launched) {
        OptionalLong accepted = arrival.await(remainingUntil(deadline));
        if (accepted.isEmpty()) {
          throw new ProbeException(
              String.format(
                  "%s: launch %d did not connect to the host at %s port %d within %s (the"
                      + " listener ignored %d connections without a launch's token); it printed:"
                      + " %s. The"
                      + " sandbox must reach the host at ProbeContext.hostAddress() (%s): check"
                      + " the host's firewall and the runtime's network mode (%s)",
                  where,
                  round,
                  listener.address(),
                  listener.port(),
                  timeout,
                  listener.ignoredConnections(),
                  launched.output().isBlank() ? "nothing" : "'" + launched.output() + "'",
                  listener.address(),
                  context.networkMode()));
        }
        return launched.phasesUntil(accepted.getAsLong());
      }
    }
  }

  private static Duration remainingUntil(long deadline) {
    return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
  }

  private static ProbeException launchFailed(
      ProbeException e, int round, Duration timeout, long deadline, String late, String where) {
    String what =
        System.nanoTime() - deadline >= 0
            ? String.format("launch %d %s within %s", round, late, timeout)
            : String.format("launch %d failed", round);
    return new ProbeException(String.format("%s: %s: %s", where, what, e.getMessage()), e);
  }

  /**
   * @param listener the listener of {@link EndPoint#NETWORK_UP}, else null
   */
  private Measurement measurement(
      ProbeContext context, List<LaunchPhases> recorded, ConnectionListener listener) {
    Histogram nanos = Measurement.newNanosHistogram();
    for (int i = 0; i < recorded.size(); i++) {
      Workloads.recordNanos(
          nanos,
          name() + " on " + context.runtime().id(),
          "the " + endPoint.metric.replace(' ', '-') + " time of round " + (i + 1),
          recorded.get(i).total());
    }
    Measurement.Builder builder =
        Measurement.builder(name(), context.runtime().id(), parameters())
            .latency(endPoint.metric, nanos)
            // first, so reports show it as the headline: the studies' startup figure
            .figure(millis(endPoint.headlineFigure(), recorded, LaunchPhases::total));
    if (!context.runtime().isHost()) {
      builder.figure(millis("create", recorded, LaunchPhases::create));
    }
    builder
        .figure(millis("start", recorded, LaunchPhases::start))
        .figure(millis(endPoint.phaseFigure(), recorded, LaunchPhases::afterStart));
    if (listener == null) {
      builder.note(
          "end point: the first line of output, 'ready', arriving in the JVM (Li et al. timed"
              + " until the network was up: until(EndPoint.NETWORK_UP))");
    } else {
      builder
          .note(
              String.format(
                  "end point: network up, seen from the host: this JVM listened at %s"
                      + " (ProbeContext.hostAddress()), each launch ran 'sandbox-probe connect'"
                      + " (a static binary, retrying connect() every millisecond) and ended when"
                      + " the JVM accepted the connection that sent its token",
                  listener.address()))
          .note(NetworkNotes.networkMode(context));
    }
    String workload =
        listener == null
            ? "'" + String.join(" ", COMMAND) + "' to its first line"
            : "'sandbox-probe connect' until its loopback connection is accepted";
    if (context.runtime().isHost()) {
      builder.note(
          "host: a launch is ProcessBuilder.start() of "
              + workload
              + ", the floor of process creation from a JVM");
    } else if (context.runtime().isIncus()) {
      builder.note(
          "launch = Incus API create + start of a system container, then the command as an exec"
              + " whose recorded output is polled every few milliseconds (no websockets), until "
              + (listener == null
                  ? "'ready' is in that output (seen up to one poll late)"
                  : "the connection is accepted")
              + "; exit and forced removal are not timed");
    } else {
      builder.note(
          "launch = docker-java create + start until "
              + (listener == null ? "'ready' arrives" : "the connection is accepted")
              + "; attaching to the output (between create and start), exit and forced removal"
              + " are not timed; 'docker run' by hand adds the CLI, attach, wait and removal");
    }
    if (listener != null && listener.ignoredConnections() > 0) {
      builder.note(
          listener.ignoredConnections()
              + " connections to the listener sent no launch's token and were ignored");
    }
    return builder.build();
  }

  private static Figure millis(
      String name, List<LaunchPhases> rounds, Function<LaunchPhases, Duration> phase) {
    return Figure.meanOf(
        name,
        "ms",
        Better.LOWER,
        rounds.stream().map(round -> phase.apply(round).toNanos() / NANOS_PER_MILLI).toList());
  }

  /** {@code name{parameter=value, ...}}, as in test names and messages. */
  @Override
  public String toString() {
    return ProbeSettings.describe(this);
  }
}
