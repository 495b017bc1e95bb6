package dev.junitsandbox.examples;

import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.ContainerRuntime.RUNSC;
import static dev.junitsandbox.assertj.SandboxAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.builtin.OltpProbe;
import dev.junitsandbox.probe.builtin.Probes;
import java.time.Duration;

/**
 * The "MySQL under sysbench OLTP" study: MariaDB in the sandbox, {@code sysbench oltp_read_write}
 * from the host, transactions and queries per second and the latency of each transaction. The
 * published comparisons found gVisor well below runc here (every statement crosses gVisor's network
 * stack and every commit its file system); this machine saw about 117 tps under runsc against 275
 * under runc once, but in later runs, with other benchmarks sharing its 2 cores, runsc and runc
 * overlapped (96 to 188 against 118 to 236 tps) while both stayed below the host (226 to 413). So
 * only the ratios to the host, measured in the same invocation, are asserted. Each invocation
 * writes its figures and distribution into {@code target/sandbox-reports/}.
 */
class MysqlOltpTest {

  /**
   * 1 table of 10,000 rows, 4 threads, 5 seconds (the default is 10: the study runs it on nine
   * columns, see StudyRuntimes).
   */
  private static final OltpProbe OLTP = Probes.oltp().duration(Duration.ofSeconds(5));

  /** Shorter runs for the comparisons, which measure twice. */
  private static final OltpProbe SHORT = OLTP.duration(Duration.ofSeconds(3));

  /** The raw figures for every runtime; the report holds the distributions. */
  @StudyRuntimes
  void oltpReadWrite(Sandbox sandbox) {
    Measurement oltp = sandbox.measure(OLTP);

    double tps = oltp.figure("transactionsPerSecond").value();
    assertThat(tps).isPositive();
    // 20 statements per oltp_read_write transaction, BEGIN and COMMIT included
    assertThat(oltp.figure("queriesPerSecond").value()).isCloseTo(20 * tps, withinPercentage(5));
    // one latency value per transaction
    assertThat((double) oltp.count())
        .isCloseTo(tps * OLTP.duration().getSeconds(), withinPercentage(10));
  }

  /**
   * runc adds namespaces, cgroups, overlayfs and a bridge hop, not a new kernel path: it keeps a
   * good share of the host's transactions (0.4x to 0.8x here, on a busy 2-core machine; a fifth
   * leaves a wide margin for noise).
   */
  @Runtimes(RUNC)
  void runcKeepsAGoodShareOfTheHostsTransactions(Sandbox sandbox) {
    assertThat(sandbox.measure(SHORT))
        .figure("transactionsPerSecond")
        .isAtLeastFractionOf(0.2, sandbox.host(SHORT));
  }

  /**
   * gVisor serves every statement through its user-space network stack and every commit's log flush
   * through its file system: it stays below the host (0.35x to 0.65x here). Against runc it was
   * anywhere from 0.6x to 1.6x here, so that is not asserted.
   */
  @Runtimes(RUNSC)
  void gvisorStaysBelowTheHostsTransactions(Sandbox sandbox) {
    assertThat(sandbox.measure(SHORT))
        .figure("transactionsPerSecond")
        .isBelowFractionOf(1.0, sandbox.host(SHORT));
  }
}
