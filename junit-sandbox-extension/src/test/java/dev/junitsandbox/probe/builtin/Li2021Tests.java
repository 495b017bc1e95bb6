package dev.junitsandbox.probe.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Each preset carries Li et al.'s quoted parameters, read back as the probe reports them, and keeps
 * this project's defaults where the study's are not quoted.
 */
class Li2021Tests {

  @Test
  void cpuFindsThePrimesUpTo200000ForTenMinutesOnOneThread() {
    // WHEN
    CpuProbe cpu = Li2021.cpu();

    // THEN
    assertThat(cpu.maxPrime()).isEqualTo(200_000);
    assertThat(cpu.time()).isEqualTo(Duration.ofSeconds(600));
    assertThat(cpu.threads()).isEqualTo(1);
    assertThat(cpu.command()).contains("--cpu-max-prime=200000", "--time=600", "--threads=1");
  }

  @Test
  void getpidTimesTenThousandCallsInOurBatches() {
    // WHEN
    SyscallProbe getpid = Li2021.getpid();

    // THEN the study's count; batch and warm-up are ours (not quoted)
    assertThat(getpid.syscall()).isEqualTo("getpid");
    assertThat(getpid.calls()).isEqualTo(10_000);
    assertThat(getpid.batchSize()).isEqualTo(Probes.syscall("getpid").batchSize());
    assertThat(getpid.warmupCalls()).isEqualTo(Probes.syscall("getpid").warmupCalls());
  }

  @Test
  void iperf3RunsFortySecondsPerTestWithOurStreamsAndDirections() {
    // WHEN
    NetworkThroughputProbe iperf3 = Li2021.networkThroughput();

    // THEN
    assertThat(iperf3.duration()).isEqualTo(Duration.ofSeconds(40));
    assertThat(iperf3.streams()).isEqualTo(Probes.networkThroughput().streams());
    assertThat(iperf3.directions())
        .containsExactlyElementsOf(Probes.networkThroughput().directions());
  }

  @Test
  void fioLaysOutATenGibibyteFileForEveryStudyBlockSize() {
    for (long blockSize : DiskIoProbe.STUDY_BLOCK_SIZES) {
      // WHEN
      DiskIoProbe fio = Li2021.diskIo(DiskIoProbe.Pattern.RANDOM_READ, blockSize);

      // THEN the study's file; the ramp and timed run are ours (not quoted)
      assertThat(fio.fileSize()).isEqualTo(10L * 1024 * 1024 * 1024);
      assertThat(fio.blockSize()).isEqualTo(blockSize);
      assertThat(fio.pattern()).isEqualTo(DiskIoProbe.Pattern.RANDOM_READ);
      assertThat(fio.runtime()).isEqualTo(Probes.diskIo(fio.pattern(), blockSize).runtime());
      assertThat(fio.rampTime()).isEqualTo(Probes.diskIo(fio.pattern(), blockSize).rampTime());
    }
  }

  @Test
  void nginxTakesAThousandConnectionsForTenSecondsWithTheStudysWorkerConnections() {
    // WHEN
    HttpProbe wrk = Li2021.http();

    // THEN
    assertThat(wrk.isConstantRate()).isFalse();
    assertThat(wrk.connections()).isEqualTo(1_000);
    assertThat(wrk.duration()).isEqualTo(Duration.ofSeconds(10));
    assertThat(wrk.workerConnections()).isEqualTo(1_024);
    assertThat(wrk.parameters())
        .containsEntry("server", "nginx, 1 worker")
        .containsEntry("pageBytes", "4096")
        .containsEntry("workerConnections", "1024")
        .containsEntry("threads", "2");
    assertThat(wrk.nginxConfiguration("/scratch", "80"))
        .contains("worker_processes 1;", "worker_connections 1024;");
  }

  @Test
  void oltpLoadsOneTableOfTenMillionRowsWithOurLoad() {
    // WHEN
    OltpProbe oltp = Li2021.oltp();

    // THEN the study's table; threads, duration and buffer pool are ours (not quoted)
    assertThat(oltp.tables()).isEqualTo(1);
    assertThat(oltp.tableSize()).isEqualTo(10_000_000);
    assertThat(oltp.threads()).isEqualTo(Probes.oltp().threads());
    assertThat(oltp.duration()).isEqualTo(Probes.oltp().duration());
    assertThat(oltp.bufferPoolMiB()).isEqualTo(Probes.oltp().bufferPoolMiB());
  }

  @Test
  void startupEndsWhereTheStudysDidWithOurLaunchCount() {
    // WHEN
    StartupProbe startup = Li2021.startup();

    // THEN the study's end point; the count is ours (not quoted)
    assertThat(startup.endPoint()).isEqualTo(StartupProbe.EndPoint.NETWORK_UP);
    assertThat(startup.rounds()).isEqualTo(Probes.startup().rounds());
    assertThat(startup.warmupRounds()).isEqualTo(Probes.startup().warmupRounds());
  }

  @Test
  void probesWithoutQuotedParametersKeepOurDefaults() {
    assertThat(Li2021.memoryFootprint().parameters())
        .isEqualTo(Probes.memoryFootprint().parameters());
    assertThat(Li2021.memoryBandwidth().parameters())
        .isEqualTo(Probes.memoryBandwidth().parameters());
  }

  @Test
  void rejectsABlockSizeThatDoesNotDivideTheStudysFile() {
    assertThatThrownBy(() -> Li2021.diskIo(DiskIoProbe.Pattern.SEQUENTIAL_READ, 3 * 512))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("fileSize (10737418240) must be a multiple of blockSize (1536)");
  }
}
