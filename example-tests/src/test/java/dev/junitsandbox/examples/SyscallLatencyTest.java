package dev.junitsandbox.examples;

import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.ContainerRuntime.RUNSC;
import static dev.junitsandbox.assertj.SandboxAssertions.assertThat;

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

  /** runc adds namespaces and cgroups, not a system call path: getpid stays close to the host. */
  @Runtimes(RUNC)
  void runcGetpidIsWithinTwiceTheHost(Sandbox sandbox) {
    assertThat(sandbox.measure(GETPID)).p50().isWithinFactorOf(2.0, sandbox.host(GETPID));
  }

  /**
   * gVisor intercepts every system call in its user-space kernel: its getpid costs far more than
   * the host's (about 100x with the ptrace platform). The ratio goes into the report.
   */
  @Runtimes(RUNSC)
  void gvisorGetpidCostsMoreThanTwiceTheHost(Sandbox sandbox) {
    assertThat(sandbox.measure(GETPID)).p50().isMoreThanFactorOf(2.0, sandbox.host(GETPID));
  }
}
