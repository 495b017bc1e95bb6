package dev.junitsandbox.examples;

import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.ContainerRuntime.RUNSC;
import static dev.junitsandbox.assertj.SandboxAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.builtin.Li2021;
import dev.junitsandbox.probe.builtin.OltpProbe;
import dev.junitsandbox.probe.builtin.Probes;
import java.time.Duration;

/**
 * The "MySQL under sysbench OLTP" study: MariaDB in the sandbox, {@code sysbench oltp_read_write}
 * from the host, transactions and queries per second and the latency of each transaction. Li et al.
 * ("Comparative Performance Study of Lightweight Hypervisors Used in Container Environment", CLOSER
 * 2021) used one table of 10 million rows; this example uses 10,000 rows, so that every trial can
 * start and load a fresh server in seconds. Under gVisor every statement's socket calls go through
 * gVisor's system call interception (with {@code --network=host} here its own network stack is not
 * in the path) and every commit through its file system; this machine saw about 117 tps under runsc
 * against 275 under runc once, but in later runs, with other benchmarks sharing its 2 cores, runsc
 * and runc overlapped (96 to 188 against 118 to 236 tps) while both stayed below the host (226 to
 * 413). So only the ratios to the host are asserted, each from interleaved trials of fresh servers.
 * Each invocation writes its figures and distribution into {@code target/sandbox-reports/}.
 */
class MysqlOltpTest {

  /**
   * 1 table of 10,000 rows, 4 threads, 3 seconds (the default is 10: the study runs it on nine
   * columns, see StudyRuntimes, and the two comparisons below run 24 more servers); Li et al.'s
   * table of 10 million rows under {@code -Dstudy.preset=li2021} (StudySettings).
   */
  private static final OltpProbe OLTP =
      StudySettings.probe(Probes.oltp().duration(Duration.ofSeconds(3)), Li2021::oltp);

  /**
   * One trial of a comparison with the host: a fresh MariaDB, its table prepared, 1 s of load. The
   * trial, not the second, is the unit of evidence: six fresh servers a side, interleaved with the
   * host's, say more than one long run each.
   */
  private static final OltpProbe TRIAL = Probes.oltp().duration(Duration.ofSeconds(1));

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
   * good share of the host's transactions. Six trials a side; the whole interval of the ratio of
   * median transactions/s must lie above a fifth. On 2026-11-25 (with other builds on the machine)
   * runc kept 0.925x [0.789, 1.01] of the host's 760 tx/s; the comparison took 46 s.
   */
  @Runtimes(RUNC)
  void runcKeepsAGoodShareOfTheHostsTransactions(Sandbox sandbox) {
    assertThat(sandbox.compare(TRIAL).trials(6).withHost())
        .ratio("transactionsPerSecond")
        .isAbove(0.2);
  }

  /**
   * gVisor intercepts every statement's socket calls in its user-space kernel (the host's network
   * stack then carries them: --network=host here) and every commit's log flush goes through its
   * file system: the whole interval of its ratio to the host's median transactions/s must lie below
   * 1. Against runc it was anywhere from 0.6x to 1.6x in single runs here, so that is not asserted.
   */
  @Runtimes(RUNSC)
  void gvisorStaysBelowTheHostsTransactions(Sandbox sandbox) {
    assertThat(sandbox.compare(TRIAL).trials(6).withHost())
        .ratio("transactionsPerSecond")
        .isBelow(1.0);
  }
}
