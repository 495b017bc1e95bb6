package dev.junitsandbox.probe.builtin;

/**
 * Entry point to the built-in probes, with defaults sized for a small shared machine. {@link
 * Li2021} gives the same probes with the parameters of Li et al. (CLOSER 2021) where they are
 * quoted.
 */
public final class Probes {

  private Probes() {}

  /**
   * System call latency: {@code syscall("getpid")} or {@code syscall("stat")}, 10,000 calls by
   * default as in Li et al. (who report the total time of the 10,000 calls; this probe records
   * per-call values, one per batch). See {@link SyscallProbe} for the method.
   *
   * @throws IllegalArgumentException if the system call is not one of {@link
   *     SyscallProbe#SUPPORTED_SYSCALLS}
   */
  public static SyscallProbe syscall(String name) {
    return SyscallProbe.of(name);
  }

  /**
   * Container startup time, launch to ready: 20 launches of {@code echo ready} by default, timed
   * from the JVM through the daemon's API; {@code rounds(n)} for another count. On the host,
   * process creation. Li et al.'s end point, the sandbox's network up as the host sees it, is
   * {@code startup().until(StartupProbe.EndPoint.NETWORK_UP)}. See {@link StartupProbe}.
   */
  public static StartupProbe startup() {
    return StartupProbe.defaults();
  }

  /**
   * Memory footprint of an idle sandbox: private dirty memory and PSS of all host processes of one
   * container (its shim and the shim's descendants), averaged over 20 idle containers by default;
   * {@code containers(n)} for another count. Not on the host, where it has no meaning. See {@link
   * MemoryFootprintProbe}.
   */
  public static MemoryFootprintProbe memoryFootprint() {
    return MemoryFootprintProbe.defaults();
  }

  /**
   * TCP throughput between the host and the sandbox with iperf3, both directions, 5 seconds each by
   * default (Li et al.: 40 s, {@code duration(Duration.ofSeconds(40))}), in Gbit/s. See {@link
   * NetworkThroughputProbe} for the method.
   */
  public static NetworkThroughputProbe networkThroughput() {
    return NetworkThroughputProbe.create();
  }

  /**
   * Disk I/O with fio: one access pattern and block size, {@code direct=1}, one synchronous job on
   * a 256 MiB file for 3 s after a 1 s ramp, e.g. {@code Probes.diskIo(Pattern.RANDOM_READ,
   * Probes.kib(64))}. See {@link DiskIoProbe} for the method and the studies' settings.
   *
   * @param blockSizeBytes bytes per I/O, a multiple of 512; the studies used {@link
   *     DiskIoProbe#STUDY_BLOCK_SIZES}
   * @throws IllegalArgumentException if the block size is not a positive multiple of 512
   */
  public static DiskIoProbe diskIo(DiskIoProbe.Pattern pattern, long blockSizeBytes) {
    return DiskIoProbe.of(pattern, blockSizeBytes);
  }

  /**
   * Sequential file I/O with {@code sysbench fileio}, as Goyal measured it: one mode ({@code
   * seqrd}, {@code seqwr} or {@code seqrewr}), one file of 256 MiB, 16 KiB requests with {@code
   * O_DIRECT}, one thread, 3 s, in the sandbox's own file system; MiB/s, requests per second and
   * the latency per request, e.g. {@code Probes.fileIo(Mode.SEQUENTIAL_READ)}. See {@link
   * FileIoProbe}.
   */
  public static FileIoProbe fileIo(FileIoProbe.Mode mode) {
    return FileIoProbe.of(mode);
  }

  /**
   * CPU speed with sysbench: primes up to 20,000 (as Goyal), one thread, 5 s (Li et al.: primes up
   * to 200,000 for 600 s). See {@link CpuProbe}.
   */
  public static CpuProbe cpu() {
    return CpuProbe.create();
  }

  /**
   * Memory bandwidth with sysbench: 1 MiB blocks written sequentially by one thread for 5 s. See
   * {@link MemoryBandwidthProbe}.
   */
  public static MemoryBandwidthProbe memoryBandwidth() {
    return MemoryBandwidthProbe.create();
  }

  /**
   * nginx serving a 4 KB page in the sandbox, loaded from the host by wrk in a closed loop (64
   * connections, 2 threads, 5 s by default): requests per second and the latency distribution.
   * {@code http().constantRate(200)} sends at a constant rate instead and corrects coordinated
   * omission. See {@link HttpProbe} for the method.
   */
  public static HttpProbe http() {
    return HttpProbe.create();
  }

  /**
   * Database throughput and transaction latency: MariaDB in the sandbox under {@code sysbench
   * oltp_read_write} from the host; 1 table of 10,000 rows, 4 threads, 10 seconds by default. See
   * {@link OltpProbe} for the method and the statement mix.
   */
  public static OltpProbe oltp() {
    return OltpProbe.create();
  }

  /** {@code n} kibibytes in bytes, for block and file sizes: {@code kib(64)} is 65,536. */
  public static long kib(long n) {
    return Math.multiplyExact(n, 1024L);
  }

  /** {@code n} mebibytes in bytes: {@code mib(1)} is 1,048,576. */
  public static long mib(long n) {
    return Math.multiplyExact(n, 1024L * 1024);
  }

  /** {@code n} gibibytes in bytes: {@code gib(1)} is 1,073,741,824. */
  public static long gib(long n) {
    return Math.multiplyExact(n, 1024L * 1024 * 1024);
  }
}
