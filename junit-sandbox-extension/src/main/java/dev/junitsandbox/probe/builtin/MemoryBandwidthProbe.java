package dev.junitsandbox.probe.builtin;

import dev.junitsandbox.internal.tooloutput.SysbenchOutput;
import dev.junitsandbox.measure.Figure.Better;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.Probe;
import dev.junitsandbox.probe.ProbeContext;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Memory bandwidth as sysbench measures it: how many MiB per second one thread writes (or reads) in
 * blocks of {@link #blockSize()}, in the sandbox.
 *
 * <p><b>Method.</b> {@code sysbench memory --memory-block-size=1M --memory-oper=write
 * --memory-access-mode=seq --memory-total-size=10T --threads=1 --time=5 --histogram=on run}. One
 * event writes (or reads) one block of a buffer of that size, word by word, in user space. The
 * total size is out of reach on purpose: the time limit ends the run. The buffer is one block, so a
 * 1 MiB block mostly stays in the CPU's caches: the figure compares runtimes, it is not the
 * machine's DRAM bandwidth.
 *
 * <p><b>Timed region.</b> sysbench's own: from its worker threads' start to the end of {@link
 * #time()}. Starting sysbench and allocating the buffer are outside it.
 *
 * <p><b>Result.</b> Figures {@code bandwidth} (MiB/s, sysbench's {@code "MiB transferred (x
 * MiB/sec)"}) and {@code operationsPerSecond} (blocks per second, sysbench's {@code "Total
 * operations: n (x per second)"}), higher is better; as Goyal reports the run, {@code totalTime}
 * (s, sysbench's {@code "total time:"}: about {@link #time()}, since the time limit ends the run),
 * {@code latencyMin} and {@code latencyAvg} (ms per block, sysbench's latency summary), lower is
 * better. A latency distribution: one value per block, its duration in nanoseconds, from sysbench's
 * histogram (logarithmic buckets about 1.8% wide, printed to 1 us).
 *
 * <p><b>Defaults.</b> Blocks of 1 MiB, writes, sequential, one thread, 5 s. sysbench's own default
 * block is 1 KiB, one setting away: {@code .blockSize(Probes.kib(1))}; each event then lasts less
 * than sysbench's 1 us histogram resolution, so the distribution collapses into its lowest bucket
 * and the figure weighs sysbench's per-event bookkeeping as much as memory.
 */
public final class MemoryBandwidthProbe implements Probe {

  /** What each event does to its block, as sysbench's {@code --memory-oper}. */
  public enum Operation {
    /** Stores into every word of the block ({@code write}, sysbench's default). */
    WRITE,
    /** Loads every word of the block ({@code read}). */
    READ;

    String sysbenchName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final long DEFAULT_BLOCK_SIZE = ByteSizes.MIB;
  private static final Duration DEFAULT_TIME = Duration.ofSeconds(5);
  private static final String TOTAL_SIZE = "10T";
  private static final Pattern TRANSFERRED =
      Pattern.compile("MiB transferred \\(\\s*(\\d+(?:\\.\\d+)?) MiB/sec\\)");
  private static final Pattern OPERATIONS =
      Pattern.compile("Total operations:\\s*\\d+\\s*\\(\\s*(\\d+(?:\\.\\d+)?) per second\\)");

  private final long blockSize;
  private final Operation operation;
  private final SysbenchRun sysbench;

  private MemoryBandwidthProbe(long blockSize, Operation operation, SysbenchRun sysbench) {
    if (blockSize < 8 || blockSize % 8 != 0) {
      throw new IllegalArgumentException(
          String.format(
              "blockSize must be a positive multiple of 8 bytes (sysbench moves 8-byte words), but"
                  + " was %d; e.g. blockSize(Probes.mib(1))",
              blockSize));
    }
    Objects.requireNonNull(operation, "operation");
    this.blockSize = blockSize;
    this.operation = operation;
    this.sysbench = sysbench;
  }

  static MemoryBandwidthProbe create() {
    return new MemoryBandwidthProbe(
        DEFAULT_BLOCK_SIZE, Operation.WRITE, new SysbenchRun(1, DEFAULT_TIME));
  }

  /** The same probe moving blocks of {@code bytes} (default 1 MiB; sysbench's default 1 KiB). */
  public MemoryBandwidthProbe blockSize(long bytes) {
    return new MemoryBandwidthProbe(bytes, operation, sysbench);
  }

  /** The same probe doing {@code operation} (default {@link Operation#WRITE}). */
  public MemoryBandwidthProbe operation(Operation operation) {
    return new MemoryBandwidthProbe(blockSize, operation, sysbench);
  }

  /** The same probe with {@code threads} worker threads (default 1). */
  public MemoryBandwidthProbe threads(int threads) {
    return new MemoryBandwidthProbe(
        blockSize, operation, new SysbenchRun(threads, sysbench.time()));
  }

  /** The same probe running for {@code time}, whole seconds (default 5 s). */
  public MemoryBandwidthProbe time(Duration time) {
    return new MemoryBandwidthProbe(
        blockSize, operation, new SysbenchRun(sysbench.threads(), time));
  }

  /** Bytes per event. */
  public long blockSize() {
    return blockSize;
  }

  /** What each event does. */
  public Operation operation() {
    return operation;
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
    return "memory.bandwidth";
  }

  /** The timed run plus about a second to start sysbench. */
  @Override
  public Optional<Duration> estimatedDuration() {
    return sysbench.estimatedDuration();
  }

  @Override
  public Map<String, String> parameters() {
    return sysbench
        .addTo(
            ProbeSettings.parameters()
                .with("tool", "sysbench memory")
                .with("blockSize", ByteSizes.label(blockSize))
                .with("operation", operation.sysbenchName())
                .with("accessMode", "seq"))
        .build();
  }

  List<String> command() {
    return sysbench.command(
        "memory",
        List.of(
            "--memory-block-size=" + blockSize,
            "--memory-oper=" + operation.sysbenchName(),
            "--memory-access-mode=seq",
            "--memory-total-size=" + TOTAL_SIZE));
  }

  @Override
  public Measurement run(ProbeContext context) {
    String where = name() + " on " + context.runtime().id();
    SysbenchOutput output = sysbench.run(context, where, command());
    Measurement.Builder measurement =
        Measurement.builder(name(), context.runtime().id(), parameters())
            .figure(
                "bandwidth",
                "MiB/s",
                output.find(TRANSFERRED, 1, "<n> MiB transferred (<x> MiB/sec)"),
                Better.HIGHER)
            .figure(
                "operationsPerSecond",
                "ops/s",
                output.find(OPERATIONS, 1, "Total operations: <n> (<x> per second)"),
                Better.HIGHER);
    SysbenchRun.addSummaryFigures(measurement, output)
        .note(
            "the buffer is one "
                + ByteSizes.label(blockSize)
                + " block, mostly held in the CPU's caches; MiB/s counts wall-clock time and"
                + " follows the CPU share the run got on a busy machine");
    output
        .latencyHistogramNanos()
        .ifPresentOrElse(
            nanos ->
                measurement.latency(
                    "time per " + ByteSizes.label(blockSize) + " " + operation.sysbenchName(),
                    nanos),
            () -> measurement.note("sysbench printed no latency histogram rows"));
    if (blockSize < 64 * ByteSizes.KIB) {
      measurement.note(
          "blocks under 64 KiB take a few microseconds or less: the latency distribution is near"
              + " sysbench's 1 us resolution");
    }
    return measurement.build();
  }

  /** {@code name{parameter=value, ...}}, as in test names and messages. */
  @Override
  public String toString() {
    return ProbeSettings.describe(this);
  }
}
