package dev.junitsandbox.probe.builtin;

import dev.junitsandbox.internal.tooloutput.FioOutput;
import dev.junitsandbox.measure.Figure.Better;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.ExecResult;
import dev.junitsandbox.probe.Probe;
import dev.junitsandbox.probe.ProbeContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Disk I/O bandwidth, IOPS and latency of one access pattern and block size, measured with fio in
 * the sandbox: {@code Probes.diskIo(Pattern.RANDOM_READ, Probes.kib(64))}.
 *
 * <p><b>Method.</b> One fio job ({@code numjobs=1}, {@code ioengine=psync}, so one synchronous
 * {@code pread}/{@code pwrite} at a time) with {@code direct=1} (O_DIRECT: the page cache of the
 * sandbox's kernel is bypassed where the kernel honours it) on one file of {@link #fileSize()} in
 * the sandbox's {@link ProbeContext#scratchDirectory() scratch directory}. The job is time based:
 * {@link #rampTime()} untimed, then {@link #runtime()} timed; sequential patterns wrap around the
 * file. fio lays the file out (writes it in full) before the job starts, for write patterns too
 * ({@code overwrite=1}), so writes overwrite allocated blocks instead of growing the file. fio
 * deletes the file afterwards ({@code unlink=1}); the probe removes it again if fio did not get
 * that far.
 *
 * <p><b>Timed region.</b> fio's runtime only: from the end of the ramp time to the end of the job.
 * Starting fio, the layout of the file, the ramp and the deletion are outside it.
 *
 * <p><b>Result.</b> A latency distribution: one value per I/O, fio's completion latency ({@code
 * clat}, which for the synchronous psync engine is the whole system call), in nanoseconds, from
 * fio's own histogram ({@code clat_ns.bins} of {@code --output-format=json+}, buckets about 1.6%
 * wide). Figures: {@code bandwidth} in MiB/s (fio's {@code bw_bytes} / 2^20) and {@code iops} in
 * I/O operations per second, both higher is better. Notes: the file size and the file system type
 * of the scratch directory, and under gVisor that {@code direct=1} does not reach the host's disk.
 *
 * <p><b>Defaults.</b> File 256 MiB, ramp 1 s, runtime 3 s, timeout 2 minutes: short, for a shared
 * 2-core machine. Li et al. ("Comparative Performance Study of Lightweight Hypervisors Used in
 * Container Environment", CLOSER 2021) used a 10 GB file, 5 times the 2 GB of RAM of each
 * environment (so no cache could hold it): {@code .fileSize(Probes.gib(10))}, with block sizes
 * {@link #STUDY_BLOCK_SIZES}. Their storage is not a setting of this probe: Li's Docker used the
 * {@code devicemapper} storage driver in {@code direct-lvm} mode, while under runc the scratch
 * directory lies on whatever driver the daemon uses ({@code overlay2} on this project's machines),
 * so runc's figures are that driver's.
 *
 * <p>Immutable: every {@code withX}-style method returns a changed copy.
 */
public final class DiskIoProbe implements Probe {

  /** The access pattern of the job, as fio's {@code rw} option. */
  public enum Pattern {
    /** Reads from the start of the file to its end, block after block ({@code rw=read}). */
    SEQUENTIAL_READ("read", true),
    /** Writes from the start of the file to its end ({@code rw=write}). */
    SEQUENTIAL_WRITE("write", false),
    /** Reads blocks at random block-aligned offsets ({@code rw=randread}). */
    RANDOM_READ("randread", true),
    /** Writes blocks at random block-aligned offsets ({@code rw=randwrite}). */
    RANDOM_WRITE("randwrite", false);

    private final String fioName;
    private final boolean read;

    Pattern(String fioName, boolean read) {
      this.fioName = fioName;
      this.read = read;
    }

    /** fio's name of the pattern, its {@code rw} value: {@code "randread"}. */
    public String fioName() {
      return fioName;
    }

    /** Whether the pattern reads (otherwise it writes). */
    public boolean isRead() {
      return read;
    }
  }

  /** The block sizes of the published comparisons: 16 KiB, 64 KiB, 256 KiB and 1 MiB. */
  public static final List<Long> STUDY_BLOCK_SIZES =
      List.of(Probes.kib(16), Probes.kib(64), Probes.kib(256), Probes.mib(1));

  private static final long DEFAULT_FILE_SIZE = 256 * ByteSizes.MIB;
  private static final Duration DEFAULT_RAMP = Duration.ofSeconds(1);
  private static final Duration DEFAULT_RUNTIME = Duration.ofSeconds(3);
  private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
  private static final String FILE_NAME = "junit-sandbox-fio.dat";

  private final Pattern pattern;
  private final long blockSize;
  private final long fileSize;
  private final Duration rampTime;
  private final Duration runtime;
  private final Duration timeout;

  private DiskIoProbe(
      Pattern pattern,
      long blockSize,
      long fileSize,
      Duration rampTime,
      Duration runtime,
      Duration timeout) {
    Objects.requireNonNull(pattern, "pattern");
    if (blockSize < 512 || blockSize % 512 != 0) {
      throw new IllegalArgumentException(
          String.format(
              "blockSize must be a positive multiple of 512 bytes (O_DIRECT needs aligned I/O),"
                  + " but was %d; e.g. Probes.kib(64)",
              blockSize));
    }
    if (fileSize < blockSize || fileSize % blockSize != 0) {
      throw new IllegalArgumentException(
          String.format(
              "fileSize (%d) must be a multiple of blockSize (%d) and at least one block; e.g."
                  + " fileSize(Probes.mib(256))",
              fileSize, blockSize));
    }
    ProbeSettings.wholeSeconds("rampTime", rampTime, 0, "");
    ProbeSettings.wholeSeconds("runtime", runtime, 1, "");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.compareTo(rampTime.plus(runtime)) <= 0) {
      throw new IllegalArgumentException(
          String.format(
              "timeout (%s) must be longer than rampTime plus runtime (%s), with room for laying"
                  + " out the file; e.g. timeout(Duration.ofMinutes(2))",
              timeout, rampTime.plus(runtime)));
    }
    this.pattern = pattern;
    this.blockSize = blockSize;
    this.fileSize = fileSize;
    this.rampTime = rampTime;
    this.runtime = runtime;
    this.timeout = timeout;
  }

  static DiskIoProbe of(Pattern pattern, long blockSize) {
    return new DiskIoProbe(
        pattern, blockSize, DEFAULT_FILE_SIZE, DEFAULT_RAMP, DEFAULT_RUNTIME, DEFAULT_TIMEOUT);
  }

  /** The same probe with blocks of {@code bytes} (a multiple of 512). */
  public DiskIoProbe blockSize(long bytes) {
    return new DiskIoProbe(pattern, bytes, fileSize, rampTime, runtime, timeout);
  }

  /**
   * The same probe on a file of {@code bytes} (default 256 MiB; Li et al.: 10 GB, 5 times their
   * environments' 2 GB of memory). It needs that much free space in the scratch directory, and
   * laying it out takes time outside the timed region but inside {@link #timeout(Duration)}.
   */
  public DiskIoProbe fileSize(long bytes) {
    return new DiskIoProbe(pattern, blockSize, bytes, rampTime, runtime, timeout);
  }

  /** The same probe with {@code rampTime} of untimed I/O before the timed region (default 1 s). */
  public DiskIoProbe rampTime(Duration rampTime) {
    return new DiskIoProbe(pattern, blockSize, fileSize, rampTime, runtime, timeout);
  }

  /** The same probe timing {@code runtime} of I/O (default 3 s), whole seconds. */
  public DiskIoProbe runtime(Duration runtime) {
    return new DiskIoProbe(pattern, blockSize, fileSize, rampTime, runtime, timeout);
  }

  /** The same probe giving up after {@code timeout} (default 2 minutes), layout included. */
  public DiskIoProbe timeout(Duration timeout) {
    return new DiskIoProbe(pattern, blockSize, fileSize, rampTime, runtime, timeout);
  }

  /** The access pattern. */
  public Pattern pattern() {
    return pattern;
  }

  /** Bytes per I/O. */
  public long blockSize() {
    return blockSize;
  }

  /** Size of the file the job reads or writes, in bytes. */
  public long fileSize() {
    return fileSize;
  }

  /** Untimed I/O before the timed region. */
  public Duration rampTime() {
    return rampTime;
  }

  /** The timed region's length. */
  public Duration runtime() {
    return runtime;
  }

  /** {@code "disk.randread.64k"}: the pattern in fio's words and the block size. */
  @Override
  public String name() {
    return "disk." + pattern.fioName() + "." + ByteSizes.shortLabel(blockSize);
  }

  /** Ramp and timed run, plus about two seconds to lay out the file. */
  @Override
  public Optional<Duration> estimatedDuration() {
    return Optional.of(rampTime.plus(runtime).plusSeconds(2));
  }

  @Override
  public Map<String, String> parameters() {
    return ProbeSettings.parameters()
        .with("tool", "fio")
        .with("rw", pattern.fioName())
        .with("blockSize", ByteSizes.label(blockSize))
        .with("fileSize", ByteSizes.label(fileSize))
        .with("direct", "1")
        .with("ioengine", "psync")
        .with("numjobs", "1")
        .with("rampTime", rampTime.getSeconds() + "s")
        .with("runtime", runtime.getSeconds() + "s")
        .build();
  }

  /** fio's command line for a job on {@code file}, as the probe runs it. */
  List<String> fioCommand(String file) {
    List<String> command = new ArrayList<>();
    command.add("fio");
    command.add("--name=" + name());
    command.add("--filename=" + file);
    command.add("--rw=" + pattern.fioName());
    command.add("--bs=" + blockSize);
    command.add("--size=" + fileSize);
    command.add("--direct=1");
    command.add("--ioengine=psync");
    command.add("--numjobs=1");
    command.add("--time_based");
    command.add("--ramp_time=" + rampTime.getSeconds());
    command.add("--runtime=" + runtime.getSeconds());
    command.add("--overwrite=1");
    command.add("--unlink=1");
    command.add("--output-format=json+");
    return command;
  }

  @Override
  public Measurement run(ProbeContext context) {
    String where = name() + " on " + context.runtime().id();
    String file = context.scratchDirectory() + "/" + FILE_NAME;
    String fileSystem = fileSystemType(context);
    FioOutput fio;
    try {
      ExecResult result = Workloads.execChecked(context, where, timeout, fioCommand(file));
      fio = FioOutput.parse(where, pattern.isRead() ? "read" : "write", result.stdout());
    } finally {
      removeQuietly(context, file);
    }
    Measurement.Builder measurement =
        Measurement.builder(name(), context.runtime().id(), parameters())
            .latency(
                "completion latency per " + ByteSizes.label(blockSize) + " " + pattern.fioName(),
                fio.completionNanos())
            .figure(
                "bandwidth",
                "MiB/s",
                fio.bandwidthBytesPerSecond() / (double) ByteSizes.MIB,
                Better.HIGHER)
            .figure("iops", "IOPS", fio.iops(), Better.HIGHER)
            .note(
                String.format(
                    Locale.ROOT,
                    "file %s in %s (%s); Li et al. used a file of 5x the sandbox's memory so that"
                        + " no cache could hold it",
                    ByteSizes.label(fileSize),
                    context.scratchDirectory(),
                    fileSystem));
    if (isGvisor(context)) {
      measurement.note(
          pattern.isRead()
              ? "gVisor serves direct=1 reads from its own cache, not from the host's disk: its"
                  + " read figures can beat runc's"
              : "gVisor does not pass direct=1 on to the host: its writes land in the host's page"
                  + " cache (seen here: the host's Dirty memory grew by the file size), so its write"
                  + " figures can beat runc's");
    }
    return measurement.build();
  }

  /** fio unlinks the file itself; this covers a fio that failed or was stopped before. */
  private static void removeQuietly(ProbeContext context, String file) {
    try {
      context.exec(Duration.ofSeconds(30), List.of("rm", "-f", file));
    } catch (RuntimeException e) {
      // the container goes with the sandbox anyway; the probe's own failure matters more
    }
  }

  static boolean isGvisor(ProbeContext context) {
    return context.runtime().id().startsWith("runsc")
        || context.runtime().dockerName().filter(name -> name.startsWith("runsc")).isPresent();
  }

  /**
   * The scratch directory's file system, e.g. ext2/ext3/ext4, overlayfs or v9fs; for the report.
   */
  static String fileSystemType(ProbeContext context) {
    ExecResult stat =
        context.exec(
            Duration.ofSeconds(30), List.of("stat", "-f", "-c", "%T", context.scratchDirectory()));
    if (!stat.succeeded() || stat.stdout().isBlank()) {
      return "file system unknown";
    }
    String type = stat.stdout().strip();
    // ext4 shares its magic number with ext2 and ext3; stat cannot tell them apart
    return "file system " + (type.equals("ext2/ext3") ? "ext2/ext3/ext4" : type);
  }

  /** {@code name{parameter=value, ...}}, as in test names and messages. */
  @Override
  public String toString() {
    return ProbeSettings.describe(this);
  }
}
