package dev.junitsandbox.examples;

import static dev.junitsandbox.ContainerRuntime.RUNSC;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.compare.Comparison;
import dev.junitsandbox.compare.Side;
import dev.junitsandbox.compare.Trial;
import dev.junitsandbox.gate.Gate;
import dev.junitsandbox.gate.GateFigure;
import dev.junitsandbox.gate.GateResult;
import dev.junitsandbox.probe.Probe;
import dev.junitsandbox.probe.builtin.Probes;
import dev.junitsandbox.probe.builtin.StartupProbe;
import dev.junitsandbox.probe.builtin.SyscallProbe;

/**
 * A gVisor upgrade gated side by side: the current build ({@code runsc}, 20240729, systrap) is the
 * candidate, the older build Debian 12 ships ({@code runsc-20221219}, ptrace; registered by
 * runtimes/setup.sh) the reference, their trials interleaved in one run. Each test prints what
 * changed between the two builds (version, platform, arguments, binary, as the daemon registered
 * them) and the gate's verdict per figure; the verdicts also go into the report ({@code gate} on
 * the comparison in {@code results.json}, and the console's comparisons block).
 *
 * <p>The verdicts come from the trials, not from what anyone expects: the old build runs on ptrace
 * and is far slower on system calls, but the new one may well start containers more slowly. So
 * these tests do not fail on a finding: a pipeline that gates an upgrade would assert {@code
 * assertThat(comparison).hasNoRegression()}, which fails on a regression and aborts when the trials
 * cannot tell. Here they assert only what must hold whatever the machine measures: every compared
 * figure got a verdict, each side ran its trials, and the two sides were two builds.
 *
 * <p>Cost, measured on the 2-core development machine while other builds loaded it (load average 8
 * to 9): 35 s in all, 16 s for getpid (8 trials a side of 5,000 calls, each trial a fresh
 * container) and 19 s for startup (6 trials a side of one launch). Both tests are skipped with the
 * daemon's reason where {@code runsc-20221219} is not registered (or fail, as every unavailable
 * runtime does, under {@code junit.sandbox.runtimes.required=true}).
 */
class GvisorUpgradeGateTest {

  /** The older build, under the Docker name that carries its version. */
  static final RuntimeUnderTest GVISOR_20221219 =
      RuntimeUnderTest.docker("runsc-20221219", "runsc-20221219");

  // half the study's calls: in a gate the trials are the evidence, and 500 batches of 10 still give
  // each trial a steady p99; most of a trial's time is its fresh container in any case
  private static final SyscallProbe GETPID = Probes.syscall("getpid").iterations(5_000);
  // one launch, no warm-up: each trial already starts a fresh container under the same runtime
  // first, which warms the image and the binary as the warm-up round would, and costs more than
  // the launch itself (a trial of two launches took 2.7 s, of one 1.9 s)
  private static final StartupProbe STARTUP = Probes.startup().rounds(1).warmup(0);

  /**
   * getpid: the system call path itself, where ptrace's stops and context switches cost most. Eight
   * trials a side: enough for p &lt; 0.01 with ties among the quantized percentiles.
   */
  @Runtimes(RUNSC)
  void getpid(Sandbox sandbox) {
    gate(sandbox, GETPID, 8);
  }

  /**
   * Container startup, create to first output: the platform matters less here than the sandbox's
   * setup, which changed between the builds. Six trials a side, the fewest that can be significant
   * at the default alpha, of one launch each: a trial's latency statistics and its {@code
   * launchToReady} are that launch's.
   */
  @Runtimes(RUNSC)
  void startup(Sandbox sandbox) {
    gate(sandbox, STARTUP, 6);
  }

  private static void gate(Sandbox sandbox, Probe probe, int trials) {
    Comparison upgrade = sandbox.compare(probe).trials(trials).with(GVISOR_20221219);

    GateResult gate = Gate.judge(upgrade);
    System.out.println(gate.table());

    assertThat(gate.figures())
        .as("every compared figure got a verdict")
        .extracting(GateFigure::name)
        .containsExactlyElementsOf(upgrade.figures().stream().map(f -> f.name()).toList())
        .isNotEmpty();
    assertThat(gate.figures())
        .allSatisfy(
            f -> {
              assertThat(f.candidateTrials()).isEqualTo(trials);
              assertThat(f.referenceTrials()).isEqualTo(trials);
            });
    assertThat(upgrade.trials(Side.A))
        .extracting(Trial::runtime)
        .hasSize(trials)
        .containsOnly(RUNSC.id());
    assertThat(upgrade.trials(Side.B))
        .extracting(Trial::runtime)
        .hasSize(trials)
        .containsOnly(GVISOR_20221219.id());
    assertThat(gate.whatChanged())
        .as("the two sides are two gVisor builds, as the daemon registered them")
        .anySatisfy(change -> assertThat(change).startsWith("version: "));
  }
}
