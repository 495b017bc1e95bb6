package dev.junitsandbox.examples;

import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.ContainerRuntime.RUNSC;
import static dev.junitsandbox.ContainerRuntime.RUNSC_PTRACE;
import static dev.junitsandbox.assertj.SandboxAssertions.assertThat;
import static dev.junitsandbox.measure.Statistic.P50;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.builtin.Probes;
import dev.junitsandbox.probe.builtin.SyscallProbe;

/**
 * The system call latency study: {@code getpid()} 10,000 times, as in the published comparisons of
 * runc, gVisor and Kata, and {@code stat()} for a call that touches the file system. Each
 * invocation writes its distribution and its ratio to the host into {@code
 * target/sandbox-reports/}.
 */
class SyscallLatencyTest {

  private static final SyscallProbe GETPID = Probes.syscall("getpid").iterations(10_000);
  private static final SyscallProbe STAT = Probes.syscall("stat").iterations(10_000);

  /** The raw figures for every runtime; the report holds the distributions. */
  @StudyRuntimes
  void getpid(Sandbox sandbox) {
    Measurement getpid = sandbox.measure(GETPID);

    assertThat(getpid).hasCount(GETPID.calls() / GETPID.batchSize());
  }

  /**
   * A system call that goes through the file system: {@code stat("/")}. gVisor answers it in its
   * own kernel (Sentry) from its dentry cache, so its cost above the host is a different figure
   * from getpid's; the report holds both.
   */
  @StudyRuntimes
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
   * gVisor intercepts every system call in its user-space kernel: its getpid costs far more than
   * the host's (tens of times with systrap, about a hundred with ptrace). Six trials a side, the
   * fewest that can be significant at the default alpha when values tie, are plenty for a
   * difference this large.
   */
  @Runtimes(RUNSC)
  void gvisorGetpidCostsMoreThanTwiceTheHost(Sandbox sandbox) {
    assertThat(sandbox.compare(GETPID).trials(6).withHost()).ratio(P50).isAbove(2.0);
  }

  /**
   * gVisor's systrap platform (the default since mid-2023) traps system calls with seccomp and
   * shared memory instead of ptrace's stops and context switches: the same build's getpid is
   * cheaper on systrap than on ptrace, the platform the studies measured. Ten trials a side: both
   * platforms' figures move by several times between fresh sandboxes on a busy machine.
   */
  @Runtimes(RUNSC)
  void systrapGetpidIsCheaperThanPtrace(Sandbox sandbox) {
    assertThat(sandbox.compare(GETPID).trials(10).with(RUNSC_PTRACE)).ratio(P50).isBelow(1.0);
  }
}
