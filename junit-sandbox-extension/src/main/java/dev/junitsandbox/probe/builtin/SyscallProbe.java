package dev.junitsandbox.probe.builtin;

import dev.junitsandbox.internal.tooloutput.ProbeOutput;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.ExecResult;
import dev.junitsandbox.probe.Probe;
import dev.junitsandbox.probe.ProbeContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * Latency of one system call, measured by the native {@code sandbox-probe} inside the sandbox.
 *
 * <p><b>Method.</b> The probe makes {@link #warmupCalls()} untimed calls, then {@link #calls()}
 * timed calls in batches of {@link #batchSize()}. It reads {@code CLOCK_MONOTONIC} just before and
 * just after each batch; one sample is the batch's elapsed time divided by the batch size, i.e. the
 * mean latency of one call in that batch. The calls are raw {@code syscall(2)}s ({@code
 * SYS_getpid}; {@code SYS_newfstatat} on {@code "/"} for {@code stat}), so libc cannot answer from
 * a cache.
 *
 * <p><b>Timed region.</b> Only the batch loop. Starting the process, {@code docker exec}, the
 * warm-up and printing the samples are outside it.
 *
 * <p><b>Result.</b> One histogram value per batch, in nanoseconds per call (rounded from the
 * probe's picoseconds), {@code calls / batchSize} values in all.
 *
 * <p><b>The study.</b> Li et al. ("Comparative Performance Study of Lightweight Hypervisors Used in
 * Container Environment", CLOSER 2021) report the total time of 10,000 {@code getpid()} calls
 * (gVisor on ptrace: 36 times the host's). The mean of this probe's values is, up to the
 * histogram's rounding, that total divided by the number of calls; its p50, which the examples
 * compare, leaves out the slow tail and is a different statistic.
 */
public final class SyscallProbe implements Probe {

  /** The system calls the native probe can time. */
  public static final Set<String> SUPPORTED_SYSCALLS = Set.of("getpid", "stat");

  private static final int DEFAULT_CALLS = 10_000;
  private static final int DEFAULT_BATCH = 10;
  private static final int DEFAULT_WARMUP = 1_000;
  private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

  private final String syscall;
  private final int calls;
  private final int batchSize;
  private final int warmupCalls;
  private final Duration timeout;

  private SyscallProbe(
      String syscall, int calls, int batchSize, int warmupCalls, Duration timeout) {
    if (!SUPPORTED_SYSCALLS.contains(syscall)) {
      throw new IllegalArgumentException(
          String.format(
              "system call '%s' is not supported by the syscall probe; use one of %s",
              syscall, SUPPORTED_SYSCALLS.stream().sorted().toList()));
    }
    ProbeSettings.atLeast("calls", calls, 1, "");
    ProbeSettings.atLeast("batchSize", batchSize, 1, "");
    ProbeSettings.notNegative("warmupCalls", warmupCalls);
    if (calls % batchSize != 0) {
      throw new IllegalArgumentException(
          String.format(
              "calls (%d) must be a multiple of batchSize (%d), e.g. calls(%d)",
              calls, batchSize, (calls / batchSize + 1) * batchSize));
    }
    ProbeSettings.positive("timeout", timeout);
    this.syscall = syscall;
    this.calls = calls;
    this.batchSize = batchSize;
    this.warmupCalls = warmupCalls;
    this.timeout = timeout;
  }

  static SyscallProbe of(String syscall) {
    return new SyscallProbe(syscall, DEFAULT_CALLS, DEFAULT_BATCH, DEFAULT_WARMUP, DEFAULT_TIMEOUT);
  }

  /** The same probe making {@code calls} timed calls (default 10,000). */
  public SyscallProbe iterations(int calls) {
    return new SyscallProbe(
        syscall, calls, Math.min(batchSize, Math.max(calls, 1)), warmupCalls, timeout);
  }

  /** The same probe timing batches of {@code batchSize} calls (default 10). */
  public SyscallProbe batchSize(int batchSize) {
    return new SyscallProbe(syscall, calls, batchSize, warmupCalls, timeout);
  }

  /** The same probe making {@code warmupCalls} untimed calls first (default 1,000). */
  public SyscallProbe warmup(int warmupCalls) {
    return new SyscallProbe(syscall, calls, batchSize, warmupCalls, timeout);
  }

  /** The same probe giving up after {@code timeout} (default 2 minutes). */
  public SyscallProbe timeout(Duration timeout) {
    return new SyscallProbe(syscall, calls, batchSize, warmupCalls, timeout);
  }

  /** The system call timed. */
  public String syscall() {
    return syscall;
  }

  /** Timed calls in all. */
  public int calls() {
    return calls;
  }

  /** Calls per timed batch. */
  public int batchSize() {
    return batchSize;
  }

  /** Untimed calls before the timed ones. */
  public int warmupCalls() {
    return warmupCalls;
  }

  @Override
  public String name() {
    return "syscall." + syscall;
  }

  @Override
  public Map<String, String> parameters() {
    return ProbeSettings.parameters()
        .with("syscall", syscall)
        .with("calls", Integer.toString(calls))
        .with("batchSize", Integer.toString(batchSize))
        .with("warmupCalls", Integer.toString(warmupCalls))
        .build();
  }

  @Override
  public Measurement run(ProbeContext context) {
    List<String> command = new ArrayList<>();
    command.add(context.probeBinary());
    command.add("syscall");
    command.add(syscall);
    command.add(Integer.toString(calls));
    command.add(Integer.toString(batchSize));
    command.add(Integer.toString(warmupCalls));
    String where = name() + " on " + context.runtime().id();
    ExecResult result = Workloads.execChecked(context, where, timeout, command);
    ProbeOutput output = ProbeOutput.parse(where, result.stdout());
    output.requireHeader("probe", "syscall");
    output.requireHeader("syscall", syscall);
    output.requireHeader("unit", "ps-per-call");
    output.requireSampleCount(calls / batchSize);
    Histogram nanos = Measurement.newNanosHistogram();
    long[] samples = output.samples();
    for (int i = 0; i < samples.length; i++) {
      Workloads.recordNanos(
          nanos,
          where,
          String.format(
              "sample %d of sandbox-probe's output (%d ps per call), a latency per call",
              i + 1, samples[i]),
          Math.round(samples[i] / 1000.0));
    }
    return new Measurement(name(), context.runtime().id(), "latency per call", parameters(), nanos);
  }

  /** {@code name{parameter=value, ...}}, as in test names and messages. */
  @Override
  public String toString() {
    return ProbeSettings.describe(this);
  }
}
