package dev.junitsandbox.probe.builtin;

import dev.junitsandbox.internal.tooloutput.SysbenchOutput;
import dev.junitsandbox.measure.Figure.Better;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.ExecResult;
import dev.junitsandbox.probe.Probe;
import dev.junitsandbox.probe.ProbeContext;
import dev.junitsandbox.probe.ProbeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sequential file I/O as {@code sysbench fileio} measures it, the tool of Goyal's sequential read,
 * write and rewrite figures ("Performance Evaluation of Lightweight Virtualization Technologies"):
 * {@code Probes.fileIo(Mode.SEQUENTIAL_READ)}.
 *
 * <p><b>Method.</b> In a directory of its own under the sandbox's {@link
 * ProbeContext#scratchDirectory() scratch directory}, so on the sandbox's own file system: the
 * container's writable layer under runc and crun ({@code overlay2} on this project's machines),
 * gVisor's file system over that layer under runsc, a temporary directory under {@code
 * java.io.tmpdir} on the HOST. Three steps, each a sysbench command:
 *
 * <ol>
 *   <li>{@code sysbench fileio --file-num=1 --file-total-size=256M prepare} writes the file (not
 *       for {@link Mode#SEQUENTIAL_WRITE}, whose run truncates the file and writes it anew);
 *   <li>{@code sysbench fileio --file-num=1 --file-total-size=256M --file-test-mode=seqrd
 *       --file-block-size=16384 --file-extra-flags=direct --threads=1 --time=3 --histogram=on run}:
 *       one thread, one synchronous {@code pread}/{@code pwrite} of one block at a time from the
 *       start of the file to its end, over again until the time is up; write modes also call {@code
 *       fsync} every 100 writes and at the end (sysbench's defaults);
 *   <li>{@code sysbench fileio ... cleanup} and the removal of the directory, which always run,
 *       whatever happened before.
 * </ol>
 *
 * <p><b>Timed region.</b> sysbench's own: from its worker thread's start to the end of {@link
 * #time()}. Starting sysbench, {@code prepare} and {@code cleanup} are outside it.
 *
 * <p><b>Result.</b> For reads, figures {@code readMiBps} (MiB/s, sysbench's {@code "read, MiB/s:"})
 * and {@code readsPerSecond} ({@code "reads/s:"}); for writes and rewrites {@code writtenMiBps},
 * {@code writesPerSecond} and {@code fsyncsPerSecond}; all higher is better. As Goyal reports
 * sysbench runs: {@code totalTime} (s, about {@link #time()}), {@code latencyMin} and {@code
 * latencyAvg} (ms per request), lower is better. A latency distribution: one value per request (for
 * write modes the {@code fsync} calls are requests too, so the slowest values are mostly theirs),
 * in nanoseconds, from sysbench's histogram (buckets about 1.8% wide, printed to 1 us).
 *
 * <p><b>O_DIRECT.</b> On by default ({@code --file-extra-flags=direct}), so that reads come from
 * the disk, not from the page cache that {@code prepare} just filled. gVisor accepts the flag but
 * does not pass it on to the host: under runsc reads come from gVisor's cache and writes land in
 * the host's page cache, so its figures can beat the disk's (a note in each runsc measurement says
 * so). A file system that refuses {@code O_DIRECT} makes the run fail with a message that names
 * {@code direct(false)}, the fix; the probe does not fall back by itself, since the figure would
 * then measure the page cache under the same name.
 *
 * <p><b>Defaults.</b> One file of 256 MiB, blocks of 16 KiB (sysbench's default block), {@code
 * O_DIRECT}, one thread, 3 s, a 2-minute limit per step. sysbench's own defaults are 128 files of 2
 * GiB in all: 256 MiB in one file is written by {@code prepare} in well under a second here and
 * fits any container's writable layer, and with {@code O_DIRECT} the size matters little on the
 * host and under runc, since the page cache is bypassed. Goyal's scripts ({@code
 * src/bench/benchio.sh} in the study's repository) ran {@code --file-total-size=250M} (sysbench's
 * 128 files of about 2 MiB), one thread, and sysbench 1.0.20's other defaults: 16 KiB blocks, no
 * {@code O_DIRECT} ("Extra file open flags: (none)"), an {@code fsync} every 100 requests, 10 s.
 * Without {@code O_DIRECT} the host's page cache serves those reads; this probe measures the file
 * system path instead, so Goyal's figures are one setting and the file count away ({@code
 * direct(false)}, {@code totalSize(Probes.mib(250))}, {@code time(Duration.ofSeconds(10))}).
 *
 * <p>Immutable: every setting method returns a changed copy.
 */
public final class FileIoProbe implements Probe {

  /** Goyal's three sequential tests, as sysbench's {@code --file-test-mode}. */
  public enum Mode {
    /** Reads the prepared file from its start to its end, block after block ({@code seqrd}). */
    SEQUENTIAL_READ("seqrd", true),
    /**
     * Writes a new file from its start to its end ({@code seqwr}, sysbench's "sequential write
     * (creation)"): the run truncates the file, so its first pass allocates blocks.
     */
    SEQUENTIAL_WRITE("seqwr", false),
    /** Overwrites the prepared file from its start to its end ({@code seqrewr}). */
    SEQUENTIAL_REWRITE("seqrewr", false);

    private final String sysbenchName;
    private final boolean read;

    Mode(String sysbenchName, boolean read) {
      this.sysbenchName = sysbenchName;
      this.read = read;
    }

    /** sysbench's name of the mode, its {@code --file-test-mode} value: {@code "seqrd"}. */
    public String sysbenchName() {
      return sysbenchName;
    }

    /** Whether the mode reads (otherwise it writes). */
    public boolean isRead() {
      return read;
    }
  }

  private static final long DEFAULT_TOTAL_SIZE = 256 * ByteSizes.MIB;
  private static final long DEFAULT_BLOCK_SIZE = 16 * ByteSizes.KIB;
  private static final Duration DEFAULT_TIME = Duration.ofSeconds(3);
  private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
  private static final String DIRECTORY = "junit-sandbox-sysbench-fileio";
  // sysbench's defaults, written out so that the parameters say what ran
  private static final int FSYNC_FREQUENCY = 100;
  // the slowest write speed seen here for a prepare (gVisor 2022 under load), for the estimate
  private static final long SLOW_BYTES_PER_SECOND = 100 * ByteSizes.MIB;

  private final Mode mode;
  private final long totalSize;
  private final long blockSize;
  private final boolean direct;
  private final SysbenchRun sysbench;
  private final Duration timeout;

  private FileIoProbe(
      Mode mode,
      long totalSize,
      long blockSize,
      boolean direct,
      SysbenchRun sysbench,
      Duration timeout) {
    Objects.requireNonNull(mode, "mode");
    if (blockSize < 512 || blockSize % 512 != 0) {
      throw new IllegalArgumentException(
          String.format(
              "blockSize must be a positive multiple of 512 bytes (O_DIRECT needs aligned I/O),"
                  + " but was %d; e.g. blockSize(Probes.kib(16))",
              blockSize));
    }
    if (totalSize < blockSize || totalSize % blockSize != 0) {
      throw new IllegalArgumentException(
          String.format(
              "totalSize (%d) must be a multiple of blockSize (%d) and at least one block; e.g."
                  + " totalSize(Probes.mib(256))",
              totalSize, blockSize));
    }
    ProbeSettings.positive("timeout", timeout);
    this.mode = mode;
    this.totalSize = totalSize;
    this.blockSize = blockSize;
    this.direct = direct;
    this.sysbench = sysbench;
    this.timeout = timeout;
  }

  static FileIoProbe of(Mode mode) {
    return new FileIoProbe(
        mode,
        DEFAULT_TOTAL_SIZE,
        DEFAULT_BLOCK_SIZE,
        true,
        new SysbenchRun(1, DEFAULT_TIME),
        DEFAULT_TIMEOUT);
  }

  /**
   * The same probe on a file of {@code bytes} (default 256 MiB; sysbench's default 2 GiB), a
   * multiple of the block size. It needs that much free space in the sandbox's file system.
   */
  public FileIoProbe totalSize(long bytes) {
    return new FileIoProbe(mode, bytes, blockSize, direct, sysbench, timeout);
  }

  /** The same probe with requests of {@code bytes} (default 16 KiB, sysbench's default). */
  public FileIoProbe blockSize(long bytes) {
    return new FileIoProbe(mode, totalSize, bytes, direct, sysbench, timeout);
  }

  /**
   * The same probe with ({@code true}, the default) or without {@code O_DIRECT}. Without it, reads
   * of a file that {@code prepare} just wrote come from the page cache.
   */
  public FileIoProbe direct(boolean direct) {
    return new FileIoProbe(mode, totalSize, blockSize, direct, sysbench, timeout);
  }

  /** The same probe with {@code threads} worker threads (default 1), all on the one file. */
  public FileIoProbe threads(int threads) {
    return new FileIoProbe(
        mode, totalSize, blockSize, direct, new SysbenchRun(threads, sysbench.time()), timeout);
  }

  /** The same probe running for {@code time}, whole seconds (default 3 s). */
  public FileIoProbe time(Duration time) {
    return new FileIoProbe(
        mode, totalSize, blockSize, direct, new SysbenchRun(sysbench.threads(), time), timeout);
  }

  /**
   * The same probe allowing {@code timeout} (default 2 minutes) for {@code prepare} and for {@code
   * cleanup} each; the run itself is allowed {@link #time()} plus a minute.
   */
  public FileIoProbe timeout(Duration timeout) {
    return new FileIoProbe(mode, totalSize, blockSize, direct, sysbench, timeout);
  }

  /** The test mode. */
  public Mode mode() {
    return mode;
  }

  /** Size of the file in bytes. */
  public long totalSize() {
    return totalSize;
  }

  /** Bytes per request. */
  public long blockSize() {
    return blockSize;
  }

  /** Whether the file is opened with {@code O_DIRECT}. */
  public boolean direct() {
    return direct;
  }

  /** sysbench's worker threads. */
  public int threads() {
    return sysbench.threads();
  }

  /** The timed run's length. */
  public Duration time() {
    return sysbench.time();
  }

  /** {@code "fileio.seqrd"}: sysbench's test and mode. */
  @Override
  public String name() {
    return "fileio." + mode.sysbenchName();
  }

  /** The timed run, about a second to start sysbench, and writing the file at 100 MiB/s. */
  @Override
  public Optional<Duration> estimatedDuration() {
    Duration run = sysbench.estimatedDuration().orElseThrow();
    return Optional.of(
        mode == Mode.SEQUENTIAL_WRITE
            ? run
            : run.plusMillis(Math.multiplyExact(totalSize, 1000L) / SLOW_BYTES_PER_SECOND));
  }

  @Override
  public Map<String, String> parameters() {
    return sysbench
        .addTo(
            ProbeSettings.parameters()
                .with("tool", "sysbench fileio")
                .with("mode", mode.sysbenchName())
                .with("totalSize", ByteSizes.label(totalSize))
                .with("files", 1)
                .with("blockSize", ByteSizes.label(blockSize))
                .with("extraFlags", direct ? "direct" : "none")
                .with("ioMode", "sync")
                .with("fsyncFrequency", mode.isRead() ? "none" : FSYNC_FREQUENCY))
        .build();
  }

  /** The options every step gives, so that prepare, run and cleanup agree on the files. */
  private List<String> fileOptions() {
    return List.of("--file-num=1", "--file-total-size=" + totalSize);
  }

  /** {@code sysbench fileio <files> prepare}. */
  List<String> prepareCommand() {
    List<String> command = new ArrayList<>(List.of("sysbench", "fileio"));
    command.addAll(fileOptions());
    command.add("prepare");
    return List.copyOf(command);
  }

  /** {@code sysbench fileio <files> --file-test-mode=.. ... run}. */
  List<String> runCommand() {
    List<String> options = new ArrayList<>(fileOptions());
    options.add("--file-test-mode=" + mode.sysbenchName());
    options.add("--file-block-size=" + blockSize);
    options.add("--file-io-mode=sync");
    options.add("--file-fsync-freq=" + FSYNC_FREQUENCY);
    if (direct) {
      options.add("--file-extra-flags=direct");
    }
    return sysbench.command("fileio", options);
  }

  /** {@code sysbench fileio <files> cleanup}. */
  List<String> cleanupCommand() {
    List<String> command = new ArrayList<>(List.of("sysbench", "fileio"));
    command.addAll(fileOptions());
    command.add("cleanup");
    return List.copyOf(command);
  }

  /** {@code command} run in {@code directory}, made if missing: sysbench works in its cwd. */
  static List<String> in(String directory, List<String> command) {
    List<String> wrapped =
        new ArrayList<>(
            List.of("sh", "-c", "mkdir -p \"$1\" && cd \"$1\" && shift && exec \"$@\"", "sh"));
    wrapped.add(directory);
    wrapped.addAll(command);
    return List.copyOf(wrapped);
  }

  @Override
  public Measurement run(ProbeContext context) {
    String where = name() + " on " + context.runtime().id();
    String directory = context.scratchDirectory() + "/" + DIRECTORY;
    String fileSystem = DiskIoProbe.fileSystemType(context);
    SysbenchOutput output;
    Instant start;
    Instant end;
    try {
      if (mode != Mode.SEQUENTIAL_WRITE) {
        Workloads.execChecked(
            context, where + " (prepare)", timeout, in(directory, prepareCommand()));
      }
      start = Instant.now();
      output = runTimed(context, where, directory, fileSystem);
      end = Instant.now();
    } finally {
      cleanUp(context, directory);
    }
    Measurement.Builder measurement =
        Measurement.builder(name(), context.runtime().id(), parameters())
            // the run's command, sysbench's start included; prepare and cleanup are not
            .timedRegion(start, end);
    if (mode.isRead()) {
      measurement
          .figure("readMiBps", "MiB/s", output.labelled("read, MiB/s:"), Better.HIGHER)
          .figure("readsPerSecond", "reads/s", output.labelled("reads/s:"), Better.HIGHER);
    } else {
      measurement
          .figure("writtenMiBps", "MiB/s", output.labelled("written, MiB/s:"), Better.HIGHER)
          .figure("writesPerSecond", "writes/s", output.labelled("writes/s:"), Better.HIGHER)
          .figure("fsyncsPerSecond", "fsyncs/s", output.labelled("fsyncs/s:"), Better.HIGHER);
    }
    SysbenchRun.addSummaryFigures(measurement, output)
        .note(
            String.format(
                Locale.ROOT,
                "one file of %s in %s (%s), %s",
                ByteSizes.label(totalSize),
                context.scratchDirectory(),
                fileSystem,
                direct
                    ? "O_DIRECT"
                    : "without O_DIRECT: reads of the prepared file come from the page cache"));
    output
        .latencyHistogramNanos()
        .ifPresentOrElse(
            nanos ->
                measurement.latency(
                    mode.isRead()
                        ? "time per " + ByteSizes.label(blockSize) + " read"
                        : "time per "
                            + ByteSizes.label(blockSize)
                            + " write or fsync (one per "
                            + FSYNC_FREQUENCY
                            + " writes)",
                    nanos),
            () -> measurement.note("sysbench printed no latency histogram rows"));
    if (direct && DiskIoProbe.isGvisor(context)) {
      measurement.note(
          "gVisor accepts O_DIRECT but does not pass it on to the host: reads come from its own"
              + " cache and writes land in the host's page cache, so its figures can beat runc's");
    }
    return measurement.build();
  }

  private SysbenchOutput runTimed(
      ProbeContext context, String where, String directory, String fileSystem) {
    List<String> command = in(directory, runCommand());
    ExecResult result = context.exec(sysbench.time().plus(Duration.ofMinutes(1)), command);
    if (!result.succeeded() && direct && refusedDirectIo(result)) {
      throw new ProbeException(
          String.format(
              "%s failed: the file system of %s (%s) refuses O_DIRECT, or O_DIRECT at %d-byte"
                  + " requests (sysbench: errno 22, Invalid argument); measure through the page"
                  + " cache with Probes.fileIo(Mode.%s).direct(false), or try"
                  + " blockSize(Probes.kib(16))%nstdout: %s%nstderr: %s",
              where,
              directory,
              fileSystem,
              blockSize,
              mode.name(),
              Workloads.tail(result.stdout()),
              Workloads.tail(result.stderr())));
    }
    return SysbenchOutput.of(where, Workloads.requireSuccess(where, result).stdout());
  }

  /** sysbench's message when {@code open(O_DIRECT)} or the first direct request fails: EINVAL. */
  static boolean refusedDirectIo(ExecResult result) {
    String output = result.stdout() + "\n" + result.stderr();
    return output.contains("errno = 22");
  }

  /** Runs whatever happened before: sysbench's cleanup, then the directory, leftovers and all. */
  private void cleanUp(ProbeContext context, String directory) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "sh",
                "-c",
                "dir=\"$1\"; shift; cd \"$dir\" && \"$@\" > /dev/null; cd / && rm -rf \"$dir\"",
                "sh"));
    command.add(directory);
    command.addAll(cleanupCommand());
    try {
      context.exec(timeout, command);
    } catch (RuntimeException e) {
      // the container goes with the sandbox anyway; the probe's own failure matters more
    }
  }

  /** {@code name{parameter=value, ...}}, as in test names and messages. */
  @Override
  public String toString() {
    return ProbeSettings.describe(this);
  }
}
