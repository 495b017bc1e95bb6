package dev.junitsandbox.internal;

import dev.junitsandbox.probe.Probe;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Progress lines for probes that run long enough for someone to wonder: which probe, which runtime,
 * elapsed and about how much is left. Short probes print nothing.
 */
final class ProbeProgress implements AutoCloseable {

  private static final Duration ANNOUNCE_FROM = Duration.ofSeconds(5);
  private static final Duration TICK = Duration.ofSeconds(10);
  private static final ScheduledExecutorService TICKER =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "junit-sandbox-progress");
            thread.setDaemon(true);
            return thread;
          });

  private final String what;
  private final Optional<Duration> estimate;
  private final long started = System.nanoTime();
  private final PrintStream out;
  private final ScheduledFuture<?> ticks;

  private ProbeProgress(String what, Optional<Duration> estimate, PrintStream out) {
    this.what = what;
    this.estimate = estimate;
    this.out = out;
    if (estimate.filter(e -> e.compareTo(ANNOUNCE_FROM) >= 0).isPresent()) {
      out.printf("[junit-sandbox] %s: started, about %s%n", what, seconds(estimate.get()));
    }
    this.ticks =
        TICKER.scheduleAtFixedRate(
            this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Starts reporting on {@code probe} running on {@code runtime}; close it when the probe ends. */
  static ProbeProgress start(Probe probe, String runtime) {
    return new ProbeProgress(
        probe.name() + " on " + runtime, probe.estimatedDuration(), System.out);
  }

  private Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - started);
  }

  private void tick() {
    Duration elapsed = elapsed();
    String left =
        estimate
            .map(e -> e.minus(elapsed))
            .map(d -> d.isNegative() ? ", past the estimate" : ", about " + seconds(d) + " left")
            .orElse("");
    out.printf("[junit-sandbox] %s: %s elapsed%s%n", what, seconds(elapsed), left);
  }

  private static String seconds(Duration duration) {
    return Math.round(duration.toMillis() / 1000.0) + " s";
  }

  @Override
  public void close() {
    ticks.cancel(false);
    Duration elapsed = elapsed();
    if (elapsed.compareTo(ANNOUNCE_FROM) >= 0) {
      out.printf("[junit-sandbox] %s: finished in %s%n", what, seconds(elapsed));
    }
  }
}
