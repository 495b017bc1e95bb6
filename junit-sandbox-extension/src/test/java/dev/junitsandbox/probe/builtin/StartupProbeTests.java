package dev.junitsandbox.probe.builtin;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.assertj.SandboxAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.internal.docker.ContainerLauncher;
import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.BackgroundCommand;
import dev.junitsandbox.probe.ExecResult;
import dev.junitsandbox.probe.HostBackgroundCommand;
import dev.junitsandbox.probe.HostProcess;
import dev.junitsandbox.probe.LaunchedSandbox;
import dev.junitsandbox.probe.Probe;
import dev.junitsandbox.probe.ProbeContext;
import dev.junitsandbox.probe.ProbeException;
import dev.junitsandbox.probe.ProcessMemory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StartupProbeTests {

  private static final StartupProbe FEW_ROUNDS = Probes.startup().rounds(3);

  @Test
  void defaultsToTwentyRoundsAfterOneWarmUp() {
    StartupProbe startup = Probes.startup();

    assertThat(startup.rounds()).isEqualTo(20);
    assertThat(startup.warmupRounds()).isEqualTo(1);
    assertThat(startup.name()).isEqualTo("startup");
    assertThat(startup.parameters())
        .containsExactly(
            Map.entry("command", "echo ready"),
            Map.entry("rounds", "20"),
            Map.entry("warmupRounds", "1"));
  }

  @Test
  void anotherRoundCountIsOneSettingAway() {
    StartupProbe hundred = Probes.startup().rounds(100);

    assertThat(hundred.rounds()).isEqualTo(100);
    assertThat(Probes.startup().rounds()).isEqualTo(20);
  }

  @Test
  void rejectsValuesThatCannotMeasure() {
    assertThatThrownBy(() -> Probes.startup().rounds(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rounds must be at least 1, but was 0; the default is rounds(20)");
    assertThatThrownBy(() -> Probes.startup().warmup(-1))
        .hasMessage("warmupRounds must be 0 or more, but was -1");
    assertThatThrownBy(() -> Probes.startup().roundTimeout(Duration.ZERO))
        .hasMessage("roundTimeout must be positive, but was PT0S");
    assertThatThrownBy(() -> Probes.startup().timeout(Duration.ofSeconds(-1)))
        .hasMessage("timeout must be positive, but was PT-1S");
  }

  @Runtimes(HOST)
  void launchesProcessesOnTheHost(Sandbox sandbox) {
    // WHEN
    Measurement launch = sandbox.measure(FEW_ROUNDS);

    // THEN
    assertThat(launch).hasCount(3);
    assertThat(launch.metric()).isEqualTo("launch to ready");
    assertThat(launch.figures())
        .extracting(Figure::name)
        .containsExactly("launchToReady", "start", "firstOutput");
    assertThat(launch.figure("start").samples()).hasSize(3);
  }

  @Runtimes(RUNC)
  void launchesContainersUnderTheRuntimeAndRemovesThem(Sandbox sandbox) {
    // WHEN
    Measurement launch = sandbox.measure(FEW_ROUNDS);

    // THEN
    assertThat(launch).hasCount(3);
    assertThat(launch.figures())
        .extracting(Figure::name)
        .containsExactly("launchToReady", "create", "start", "firstOutput");
    double phases =
        launch.figures().stream()
                .filter(f -> !f.name().equals("launchToReady"))
                .mapToDouble(Figure::value)
                .sum()
            * 1e6; // ms to ns, means
    assertThat(launch.meanNanos()).isCloseTo(phases, within(launch.meanNanos() * 0.01));
    assertThat(launch.figure("launchToReady").value() * 1e6)
        .isCloseTo(launch.meanNanos(), within(launch.meanNanos() * 0.01));
    assertThat(ThisJvmsLaunches.list()).isEmpty();
  }

  @Runtimes(RUNC)
  void aLaunchThatFailsNamesTheCommandAndLeavesNoContainer(Sandbox sandbox) {
    // GIVEN a runtime the daemon does not know
    Probe underUnknownRuntime = underRuntime(FEW_ROUNDS, "no-such-runtime");

    // WHEN / THEN
    assertThatThrownBy(() -> sandbox.measure(underUnknownRuntime))
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining(
            "startup on no-such-runtime: launch 1 failed: cannot launch container")
        .hasMessageContaining("by hand: docker run --rm --runtime no-such-runtime ")
        .hasMessageEndingWith(" echo ready");
    assertThat(ThisJvmsLaunches.list()).isEmpty();
  }

  @Runtimes(RUNC)
  void aLaunchThatIsNotReadyInTimeIsRemoved(Sandbox sandbox) {
    StartupProbe impatient = FEW_ROUNDS.roundTimeout(Duration.ofMillis(1));

    assertThatThrownBy(() -> sandbox.measure(impatient))
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("startup on runc: launch 1 was not ready within PT0.001S")
        .hasMessageContaining("by hand: docker run --rm --runtime runc ");
    assertThat(ThisJvmsLaunches.list()).isEmpty();
  }

  /** {@code probe} as if the sandbox ran under {@code dockerName}, launching under it too. */
  private static Probe underRuntime(Probe probe, String dockerName) {
    return new Probe() {
      @Override
      public String name() {
        return probe.name();
      }

      @Override
      public Map<String, String> parameters() {
        return probe.parameters();
      }

      @Override
      public Measurement run(ProbeContext context) {
        try (ContainerLauncher launcher = ContainerLauncher.of(context.image(), dockerName)) {
          return probe.run(new RuntimeOverride(context, dockerName, launcher));
        }
      }
    };
  }

  private record RuntimeOverride(
      ProbeContext delegate, String dockerName, ContainerLauncher launcher)
      implements ProbeContext {

    @Override
    public RuntimeUnderTest runtime() {
      return RuntimeUnderTest.docker(dockerName, dockerName);
    }

    @Override
    public String probeBinary() {
      return delegate.probeBinary();
    }

    @Override
    public String image() {
      return delegate.image();
    }

    @Override
    public ExecResult exec(Duration timeout, List<String> command) {
      return delegate.exec(timeout, command);
    }

    @Override
    public BackgroundCommand start(List<String> command) {
      return delegate.start(command);
    }

    @Override
    public ExecResult execOnHost(Duration timeout, List<String> command) {
      return delegate.execOnHost(timeout, command);
    }

    @Override
    public HostBackgroundCommand startOnHost(List<String> command) {
      return delegate.startOnHost(command);
    }

    @Override
    public Path hostScratchDirectory() {
      return delegate.hostScratchDirectory();
    }

    @Override
    public String sandboxAddress() {
      return delegate.sandboxAddress();
    }

    @Override
    public String hostAddress() {
      return delegate.hostAddress();
    }

    @Override
    public String scratchDirectory() {
      return delegate.scratchDirectory();
    }

    @Override
    public LaunchedSandbox launch(List<String> command, Duration timeout) {
      return launcher.launch(command, timeout);
    }

    @Override
    public Optional<ProcessMemory> memoryOf(HostProcess process) {
      return delegate.memoryOf(process);
    }
  }
}
