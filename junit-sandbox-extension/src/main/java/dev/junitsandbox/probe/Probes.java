package dev.junitsandbox.probe;

/** Entry point to the built-in probes. */
public final class Probes {

  private Probes() {}

  /**
   * System call latency: {@code syscall("getpid")} or {@code syscall("stat")}, 10,000 calls by
   * default as in the published comparisons. See {@link SyscallProbe} for the method.
   *
   * @throws IllegalArgumentException if the system call is not one of {@link
   *     SyscallProbe#SUPPORTED_SYSCALLS}
   */
  public static SyscallProbe syscall(String name) {
    return SyscallProbe.of(name);
  }

  /**
   * Database throughput and transaction latency: MariaDB in the sandbox under {@code sysbench
   * oltp_read_write} from the host; 1 table of 10,000 rows, 4 threads, 10 seconds by default. See
   * {@link OltpProbe} for the method and the statement mix.
   */
  public static OltpProbe oltp() {
    return OltpProbe.create();
  }

  /**
   * Container startup time, launch to ready: 20 launches of {@code echo ready} by default, timed
   * from the JVM through the daemon's API; {@code rounds(100)} for the studies' count. On the host,
   * process creation. See {@link StartupProbe}.
   */
  public static StartupProbe startup() {
    return StartupProbe.defaults();
  }

  /**
   * Memory footprint of an idle sandbox: private dirty memory and PSS of all host processes of one
   * container (its shim and the shim's descendants), averaged over 20 idle containers by default;
   * {@code containers(100)} for the studies' count. Not on the host, where it has no meaning. See
   * {@link MemoryFootprintProbe}.
   */
  public static MemoryFootprintProbe memoryFootprint() {
    return MemoryFootprintProbe.defaults();
  }

  /**
   * TCP throughput between the host and the sandbox with iperf3, both directions, 5 seconds each by
   * default (the studies' 10 s: {@code duration(Duration.ofSeconds(10))}), in Gbit/s. See {@link
   * NetworkThroughputProbe} for the method.
   */
  public static NetworkThroughputProbe networkThroughput() {
    return NetworkThroughputProbe.create();
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
}
