package dev.junitsandbox.examples;

import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.ContainerRuntime.RUNSC;
import static dev.junitsandbox.ContainerRuntime.RUNSC_PTRACE;
import static dev.junitsandbox.assertj.SandboxAssertions.assertThat;
import static dev.junitsandbox.measure.Statistic.P50;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.builtin.Li2021;
import dev.junitsandbox.probe.builtin.Probes;
import dev.junitsandbox.probe.builtin.SyscallProbe;

/**
 * The system call latency study: {@code getpid()} 10,000 times, as in Li et al. ("Comparative
 * Performance Study of Lightweight Hypervisors Used in Container Environment", CLOSER 2021), and
 * {@code stat()} for a call that touches the file system. Each invocation writes its distribution
 * and its ratio to the host into {@code target/sandbox-reports/}.
 *
 * <p>Li et al. report the total time of the 10,000 calls: gVisor on ptrace 36 times the host's,
 * gVisor on KVM "still approximately 1.5x slower than the rest", the VMs comparable with the host,
 * Docker slightly slower than the host (seccomp). This example compares p50s of per-call values
 * (batches of 10), a different statistic: in the README's run of 2026-11-25 runc's p50 was 1.26
 * times the host's, gVisor's 28 times on systrap and 383 (2024 build) and 413 (2022 build) times on
 * ptrace.
 */
class SyscallLatencyTest {

  private static final SyscallProbe GETPID = Probes.syscall("getpid").iterations(10_000);
  private static final SyscallProbe STAT = Probes.syscall("stat").iterations(10_000);

  /** The matrix's getpid: Li et al.'s under {@code -Dstudy.preset=li2021} (StudySettings). */
  private static final SyscallProbe STUDY_GETPID = StudySettings.probe(GETPID, Li2021::getpid);

  /** The raw figures for every runtime; the report holds the distributions. */
  @GoyalRuntimes
  void getpid(Sandbox sandbox) {
    Measurement getpid = sandbox.measure(STUDY_GETPID);

    assertThat(getpid).hasCount(STUDY_GETPID.calls() / STUDY_GETPID.batchSize());
  }

  /**
   * A system call that goes through the file system: {@code stat("/")}. gVisor answers it in its
   * own kernel (Sentry) from its dentry cache, so its cost above the host is a different figure
   * from getpid's; the report holds both.
   */
  @GoyalRuntimes
  void stat(Sandbox sandbox) {
    Measurement stat = sandbox.measure(STAT);

    assertThat(stat).hasCount(STAT.calls() / STAT.batchSize());
  }

  /**
   * runc adds namespaces and cgroups, not a system call path: getpid stays close to the host. Eight
   * trials a side, each a fresh container or host process, interleaved with the host's: the whole
   * interval of the ratio of medians must lie below 2 (the test is aborted, not failed, when the
   * trials cannot tell).
   */
  @Runtimes(RUNC)
  void runcGetpidIsWithinTwiceTheHost(Sandbox sandbox) {
    assertThat(sandbox.compare(GETPID).trials(8).withHost()).ratio(P50).isBelow(2.0);
  }

  /**
   * Li et al.'s finding that must hold anywhere: gVisor intercepts every system call in its
   * user-space kernel, so its getpid costs far more than the host's (Li: 36 times on ptrace, in the
   * total of 10,000 calls). Asserted on systrap, gVisor's default platform since mid-2023 and the
   * cheaper one, with a wide margin: the whole interval above 5 times the host's p50 (the README's
   * run of 2026-11-25: 25.9x [19.0, 36.7]; p50 28 times with systrap and 383 with ptrace). Six
   * trials a side, the fewest that can be significant at the default alpha when values tie, are
   * plenty for a difference this large.
   */
  @Runtimes(RUNSC)
  void gvisorGetpidCostsMoreThanFiveTimesTheHost(Sandbox sandbox) {
    assertThat(sandbox.compare(GETPID).trials(6).withHost()).ratio(P50).isAbove(5.0);
  }

  /**
   * gVisor's systrap platform (the default since mid-2023) traps system calls with seccomp and
   * shared memory instead of ptrace's stops and context switches: the same build's getpid is
   * cheaper on systrap than on ptrace, which Li et al. measured (beside KVM). Ten trials a side:
   * both platforms' figures move by several times between fresh sandboxes on a busy machine.
   */
  @Runtimes(RUNSC)
  void systrapGetpidIsCheaperThanPtrace(Sandbox sandbox) {
    assertThat(sandbox.compare(GETPID).trials(10).with(RUNSC_PTRACE)).ratio(P50).isBelow(1.0);
  }
}
