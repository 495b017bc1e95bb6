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
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * Container startup time: from asking the daemon for a container to the container's first line of
 * output, {@code "ready"}, as seen by the JVM.
 *
 * <p><b>Method.</b> Each round, through {@link ProbeContext#launch} (the daemon's API, as {@code
 * docker run} uses it), the probe launches a container of the probe image under the sandbox's
 * runtime running {@code echo ready}: created, attached to, started; it waits for the line {@code
 * ready} ({@link LaunchedSandbox#awaitOutputLine}), then removes the container and starts the next
 * round. {@link #warmupRounds()} rounds run first and are not recorded: the first launch pays for
 * cold caches (image layers, the runtime binary) that the later ones do not. The sandbox container
 * the test holds is not used: the launched containers are the probe's own, labelled {@code
 * dev.junitsandbox=probe}, and removed even when a round fails or times out.
 *
 * <p>On {@link dev.junitsandbox.ContainerRuntime#HOST} a launch is the creation of a process: the
 * JVM starts {@code echo ready} with a {@link ProcessBuilder} and reads its first line. That is the
 * floor of process creation from a JVM, what any runtime adds to launching a program.
 *
 * <p>The probe uses only the {@link ProbeContext} SPI: a probe of your own can time launches the
 * same way.
 *
 * <p><b>Timed region.</b> Per round, in a container: the create call, then from sending the start
 * call to the arrival of {@code ready} in the JVM. Attaching to the container's output (between
 * create and start, as {@code docker run} does), waiting for the container to exit and removing it
 * are outside. On the host: from just before {@code ProcessBuilder.start()} to the first line read.
 *
 * <p><b>Result.</b> A latency histogram of launch-to-ready times in nanoseconds, one value per
 * round, and figures in milliseconds, each the mean over the rounds with the rounds' values as
 * samples: {@code launchToReady} (the whole launch, the figure closest to the studies' startup
 * time, though Li et al. timed until the container's network stack was up), and the phases that sum
 * to it: {@code create} (the create call; containers only), {@code start} (until the start call
 * returns, or until {@code ready} arrives if that comes first) and {@code firstOutput} (from there
 * to {@code ready}). On the host {@code start} is until {@code ProcessBuilder.start()} returns.
 *
 * <p><b>Defaults.</b> 20 rounds after 1 warm-up round, at most 30 s per round and 3 minutes in all.
 * The studies used 100 rounds: {@code rounds(100)} is one setting away, but a launch and its
 * removal take about a second under runc or gVisor on the 2-core machine this is developed on, so
 * 100 rounds take close to two minutes per runtime, too long for an example run on several.
 */
public final class StartupProbe implements Probe {

  /**
   * The name of the headline figure, the whole launch in milliseconds: the studies' startup time.
   */
  public static final String LAUNCH_TO_READY = "launchToReady";

  static final int DEFAULT_ROUNDS = 20;
  static final int DEFAULT_WARMUP = 1;
  private static final Duration DEFAULT_ROUND_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);

  /** The workload: prints one line and exits. Present in the probe image and on every host. */
  static final List<String> COMMAND = List.of("echo", "ready");

  private static final String READY = "ready";
  private static final double NANOS_PER_MILLI = 1e6;

  private final int rounds;
  private final int warmupRounds;
  private final Duration roundTimeout;
  private final Duration timeout;

  private StartupProbe(int rounds, int warmupRounds, Duration roundTimeout, Duration timeout) {
    ProbeSettings.atLeast("rounds", rounds, 1, "; the studies used rounds(100)");
    ProbeSettings.notNegative("warmupRounds", warmupRounds);
    ProbeSettings.positive("roundTimeout", roundTimeout);
    ProbeSettings.positive("timeout", timeout);
    this.rounds = rounds;
    this.warmupRounds = warmupRounds;
    this.roundTimeout = roundTimeout;
    this.timeout = timeout;
  }

  static StartupProbe defaults() {
    return new StartupProbe(DEFAULT_ROUNDS, DEFAULT_WARMUP, DEFAULT_ROUND_TIMEOUT, DEFAULT_TIMEOUT);
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
    return ProbeSettings.parameters()
        .with("command", String.join(" ", COMMAND))
        .with("rounds", rounds)
        .with("warmupRounds", warmupRounds)
        .build();
  }

  @Override
  public Measurement run(ProbeContext context) {
    String where = name() + " on " + context.runtime().id();
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
          launchOnce(
              context, round, Duration.ofNanos(Math.min(remaining, roundTimeout.toNanos())), where);
      if (round > warmupRounds) {
        recorded.add(phases);
      }
    }
    return measurement(context, recorded);
  }

  /** One timed launch, removed afterwards; the removal is not timed. */
  private static LaunchPhases launchOnce(
      ProbeContext context, int round, Duration timeout, String where) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (LaunchedSandbox launched = context.launch(COMMAND, timeout)) {
      return launched.awaitOutputLine(
          READY, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    } catch (ProbeException e) {
      String what =
          System.nanoTime() - deadline >= 0
              ? String.format("launch %d was not ready within %s", round, timeout)
              : String.format("launch %d failed", round);
      throw new ProbeException(String.format("%s: %s: %s", where, what, e.getMessage()), e);
    }
  }

  private Measurement measurement(ProbeContext context, List<LaunchPhases> recorded) {
    Histogram nanos = Measurement.newNanosHistogram();
    for (int i = 0; i < recorded.size(); i++) {
      Workloads.recordNanos(
          nanos,
          name() + " on " + context.runtime().id(),
          "the launch-to-ready time of round " + (i + 1),
          recorded.get(i).total());
    }
    Measurement.Builder builder =
        Measurement.builder(name(), context.runtime().id(), parameters())
            .latency("launch to ready", nanos)
            // first, so reports show it as the headline: the studies' startup figure
            .figure(millis(LAUNCH_TO_READY, recorded, LaunchPhases::total));
    if (!context.runtime().isHost()) {
      builder.figure(millis("create", recorded, LaunchPhases::create));
    }
    builder
        .figure(millis("start", recorded, LaunchPhases::start))
        .figure(millis("firstOutput", recorded, LaunchPhases::firstOutput));
    if (context.runtime().isHost()) {
      builder.note(
          "host: a launch is ProcessBuilder.start() of '"
              + String.join(" ", COMMAND)
              + "' to its first line, the floor of process creation from a JVM");
    } else if (context.runtime().isIncus()) {
      builder.note(
          "launch = Incus API create + start of a system container until 'ready' is in its"
              + " console log, which is polled every few milliseconds (no websockets): a line is"
              + " seen up to one poll late; exit and forced removal are not timed");
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
