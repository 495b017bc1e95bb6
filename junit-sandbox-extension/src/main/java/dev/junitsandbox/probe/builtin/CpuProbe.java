package dev.junitsandbox.probe.builtin;

import dev.junitsandbox.internal.tooloutput.SysbenchOutput;
import dev.junitsandbox.measure.Figure.Better;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.Probe;
import dev.junitsandbox.probe.ProbeContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CPU speed as sysbench measures it: how many times per second one thread finds the primes up to
 * {@link #maxPrime()} by trial division, in the sandbox.
 *
 * <p><b>Method.</b> {@code sysbench cpu --cpu-max-prime=20000 --threads=1 --time=5 --histogram=on
 * run}. One event is one pass over the numbers up to {@code maxPrime}: pure arithmetic in user
 * space, no system calls, so every runtime that runs code natively (runc, gVisor, a Kata VM with
 * hardware virtualisation) should match the host, give or take scheduling noise.
 *
 * <p><b>Timed region.</b> sysbench's own: from its worker threads' start to the end of {@link
 * #time()}. Starting sysbench ({@code docker exec} in a container) is outside it.
 *
 * <p><b>Result.</b> Figure {@code eventsPerSecond} (events/s, higher is better): sysbench's {@code
 * "events per second:"}. A latency distribution: one value per event, its duration in nanoseconds,
 * from sysbench's histogram (logarithmic buckets about 1.8% wide, printed to 1 us).
 *
 * <p><b>Defaults.</b> Primes up to 20,000 (Goyal, "Performance Evaluation of Lightweight
 * Virtualization Technologies": one thread and sysbench's default 10 s in the study's scripts and
 * output), one thread, 5 s. Li et al. ("Comparative Performance Study of Lightweight Hypervisors
 * Used in Container Environment", CLOSER 2021) found the primes up to 200,000 for 600 s with one
 * thread: one setting away, {@code .maxPrime(200_000).time(Duration.ofSeconds(600))}. The defaults
 * stay short for a shared 2-core machine, where the example runs this probe on many runtimes.
 */
public final class CpuProbe implements Probe {

  private static final int DEFAULT_MAX_PRIME = 20_000;
  private static final int DEFAULT_THREADS = 1;
  private static final Duration DEFAULT_TIME = Duration.ofSeconds(5);

  private final int maxPrime;
  private final SysbenchRun sysbench;

  private CpuProbe(int maxPrime, SysbenchRun sysbench) {
    if (maxPrime < 3) {
      throw new IllegalArgumentException(
          "maxPrime must be at least 3, but was "
              + maxPrime
              + "; Goyal used maxPrime(20000), Li et al. maxPrime(200000)");
    }
    this.maxPrime = maxPrime;
    this.sysbench = sysbench;
  }

  static CpuProbe create() {
    return new CpuProbe(DEFAULT_MAX_PRIME, new SysbenchRun(DEFAULT_THREADS, DEFAULT_TIME));
  }

  /**
   * The same probe finding the primes up to {@code maxPrime} in each event (default 20,000, as
   * Goyal; Li et al.: 200,000).
   */
  public CpuProbe maxPrime(int maxPrime) {
    return new CpuProbe(maxPrime, sysbench);
  }

  /** The same probe with {@code threads} worker threads (default 1). */
  public CpuProbe threads(int threads) {
    return new CpuProbe(maxPrime, new SysbenchRun(threads, sysbench.time()));
  }

  /** The same probe running for {@code time}, whole seconds (default 5 s; Li et al.: 600 s). */
  public CpuProbe time(Duration time) {
    return new CpuProbe(maxPrime, new SysbenchRun(sysbench.threads(), time));
  }

  /** Upper limit of the primes each event finds. */
  public int maxPrime() {
    return maxPrime;
  }

  /** sysbench's worker threads. */
  public int threads() {
    return sysbench.threads();
  }

  /** The timed run's length. */
  public Duration time() {
    return sysbench.time();
  }

  @Override
  public String name() {
    return "cpu.sysbench";
  }

  /** The timed run plus about a second to start sysbench. */
  @Override
  public Optional<Duration> estimatedDuration() {
    return sysbench.estimatedDuration();
  }

  @Override
  public Map<String, String> parameters() {
    return sysbench
        .addTo(ProbeSettings.parameters().with("tool", "sysbench cpu").with("maxPrime", maxPrime))
        .build();
  }

  List<String> command() {
    return sysbench.command("cpu", List.of("--cpu-max-prime=" + maxPrime));
  }

  @Override
  public Measurement run(ProbeContext context) {
    String where = name() + " on " + context.runtime().id();
    SysbenchOutput output = sysbench.run(context, where, command());
    double eventsPerSecond = output.labelled("events per second:");
    Measurement.Builder measurement =
        Measurement.builder(name(), context.runtime().id(), parameters())
            .figure("eventsPerSecond", "events/s", eventsPerSecond, Better.HIGHER)
            .note(
                "events/s counts wall-clock time: on a busy machine it follows the CPU share the"
                    + " run got; the fastest events (low percentiles) do not");
    output
        .latencyHistogramNanos()
        .ifPresent(
            nanos -> measurement.latency("time per event (primes up to " + maxPrime + ")", nanos));
    return measurement.build();
  }

  /** {@code name{parameter=value, ...}}, as in test names and messages. */
  @Override
  public String toString() {
    return ProbeSettings.describe(this);
  }
}
