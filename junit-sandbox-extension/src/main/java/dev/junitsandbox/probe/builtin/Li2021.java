package dev.junitsandbox.probe.builtin;

import java.time.Duration;

/**
 * The built-in probes with the parameters of Li et al., "Comparative Performance Study of
 * Lightweight Hypervisors Used in Container Environment" (CLOSER 2021,
 * doi:10.5220/0010440502150223), as far as this project quotes them (issue 14, {@code
 * docs/metrics.md}, "The studies' figures beside ours"): {@code sandbox.measure(Li2021.cpu())}
 * instead of {@code sandbox.measure(Probes.cpu())}.
 *
 * <p>Each method says which settings are the study's and which stay this project's defaults because
 * the study's value is not quoted here; no value of the study is guessed. Settings that are not the
 * study's but that its parameters make necessary (a timeout long enough to lay out a 10 GB file)
 * say so too. What no probe setting reaches stays as it is: the machine (Li et al. gave each
 * environment 6 vCPUs and 2 GB of RAM), Docker's storage driver ({@code devicemapper} in {@code
 * direct-lvm} mode there), gVisor's network mode and the statistic a test compares.
 *
 * <p>These runs are long: the CPU probe alone runs 10 minutes per runtime. The presets are for a
 * study that sets time aside for them, not for tests run on every build.
 */
public final class Li2021 {

  private Li2021() {}

  /**
   * {@code sysbench cpu}: the study's primes up to 200,000, 600 s, one thread. All three are Li's;
   * nothing of this probe is left at a default of ours.
   */
  public static CpuProbe cpu() {
    return Probes.cpu().maxPrime(200_000).time(Duration.ofSeconds(600)).threads(1);
  }

  /**
   * {@code getpid()}: the study's 10,000 calls. Li et al. report the total time of the calls; this
   * probe's mean per call is that total divided by 10,000, up to the histogram's rounding. Ours,
   * not quoted: the batch of 10 calls per value and the 1,000 untimed warm-up calls.
   */
  public static SyscallProbe getpid() {
    return Probes.syscall("getpid").iterations(10_000);
  }

  /**
   * Container startup until the sandbox's network is up, the study's end point: {@link
   * Probes#startup()} {@code .until(}{@link StartupProbe.EndPoint#NETWORK_UP}{@code )}, seen from
   * the host (the JVM accepting a connection the sandbox opens as soon as it can). Ours, not
   * quoted: the launch count, the probe's default of 20.
   */
  public static StartupProbe startup() {
    return Probes.startup().until(StartupProbe.EndPoint.NETWORK_UP);
  }

  /**
   * Memory footprint of an idle sandbox: no parameter of the study's is quoted here, so this is
   * {@link Probes#memoryFootprint()} (20 containers).
   */
  public static MemoryFootprintProbe memoryFootprint() {
    return Probes.memoryFootprint();
  }

  /**
   * Main memory: the study's tool and settings are not quoted here, so this is {@link
   * Probes#memoryBandwidth()} ({@code sysbench memory}, 1 MiB blocks, one thread, 5 s).
   */
  public static MemoryBandwidthProbe memoryBandwidth() {
    return Probes.memoryBandwidth();
  }

  /**
   * iperf3: the study's 40 s per test. Ours, not quoted: one stream ({@code -P 1}), both directions
   * (host to sandbox, then sandbox to host), server on the host and client in the sandbox. gVisor
   * runs with {@code --network=host} here, so its own network stack, which Li et al. blame for
   * gVisor's result, is not in the path.
   */
  public static NetworkThroughputProbe networkThroughput() {
    return Probes.networkThroughput().duration(Duration.ofSeconds(40));
  }

  /**
   * fio: the study's 10 GB file (5 times each environment's 2 GB of RAM), taken as 10 GiB ({@code
   * Probes.gib(10)}, which every block size divides). Ours, not quoted: {@code direct=1}, one
   * synchronous job ({@code psync}), 1 s ramp, 3 s timed. Not the study's but needed by its file: a
   * 30-minute timeout, since fio writes the whole file before the job (about a minute at 200 MiB/s)
   * and the scratch directory needs 10 GiB free. Not reachable by a setting: the study's {@code
   * devicemapper} storage driver in {@code direct-lvm} mode.
   *
   * @param blockSizeBytes bytes per I/O, a multiple of 512; the study's are {@link
   *     DiskIoProbe#STUDY_BLOCK_SIZES}
   * @throws IllegalArgumentException if the block size is not a positive multiple of 512 or does
   *     not divide 10 GiB
   */
  public static DiskIoProbe diskIo(DiskIoProbe.Pattern pattern, long blockSizeBytes) {
    // the file first (512 divides it), so that a block size is checked against 10 GiB, not 256 MiB
    return Probes.diskIo(pattern, 512)
        .fileSize(Probes.gib(10))
        .blockSize(blockSizeBytes)
        .timeout(Duration.ofMinutes(30));
  }

  /**
   * nginx under wrk: the study's 1,000 connections for 10 s against one nginx worker with {@code
   * worker_connections 1024} serving a 4 KB page (one worker and the 4,096-byte page are this
   * probe's anyway). Ours, not quoted: 2 wrk threads and wrk's 2 s request timeout.
   */
  public static HttpProbe http() {
    return Probes.http()
        .connections(1_000)
        .duration(Duration.ofSeconds(10))
        .workerConnections(1_024);
  }

  /**
   * sysbench OLTP on MariaDB: the study's one table of 10 million rows. Ours, not quoted: the
   * {@code oltp_read_write} workload, 4 client threads, 10 s, a 64 MiB buffer pool (the study's
   * environments had 2 GB of RAM), MariaDB for MySQL. Not the study's but needed by its table: a
   * one-hour limit per step, since {@code prepare} loads about 2.5 GB (minutes on the host, several
   * times that under gVisor).
   */
  public static OltpProbe oltp() {
    return Probes.oltp().tables(1).tableSize(10_000_000).timeout(Duration.ofHours(1));
  }
}
