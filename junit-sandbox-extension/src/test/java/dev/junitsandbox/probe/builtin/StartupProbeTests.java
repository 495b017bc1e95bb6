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
import dev.junitsandbox.probe.LaunchedSandbox;
import dev.junitsandbox.probe.Probe;
import dev.junitsandbox.probe.ProbeContext;
import dev.junitsandbox.probe.ProbeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class StartupProbeTests {

  private static final StartupProbe FEW_ROUNDS = Probes.startup().rounds(3);
  private static final StartupProbe FEW_NETWORK_ROUNDS =
      FEW_ROUNDS.until(StartupProbe.EndPoint.NETWORK_UP);

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
  void theNetworkEndPointIsOneSettingAwayAndNamedInTheParameters() {
    // WHEN
    StartupProbe network = Probes.startup().until(StartupProbe.EndPoint.NETWORK_UP);

    // THEN the default stays the first output, with the parameters it always had
    assertThat(Probes.startup().endPoint()).isEqualTo(StartupProbe.EndPoint.FIRST_OUTPUT);
    assertThat(network.endPoint()).isEqualTo(StartupProbe.EndPoint.NETWORK_UP);
    assertThat(network.parameters())
        .containsExactly(
            Map.entry("endPoint", "networkUp"),
            Map.entry(
                "command", "sandbox-probe connect <host address> <port> <timeout-ms> <token>"),
            Map.entry("rounds", "20"),
            Map.entry("warmupRounds", "1"));
    assertThat(network.rounds(5).endPoint()).isEqualTo(StartupProbe.EndPoint.NETWORK_UP);
    assertThat(StartupProbe.EndPoint.NETWORK_UP.headlineFigure()).isEqualTo("launchToNetwork");
    assertThat(StartupProbe.EndPoint.FIRST_OUTPUT.headlineFigure()).isEqualTo("launchToReady");
  }

  @Test
  void rejectsAMissingEndPoint() {
    assertThatThrownBy(() -> Probes.startup().until(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("endPoint must not be null; e.g. until(StartupProbe.EndPoint.NETWORK_UP)");
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

  @Runtimes(HOST)
  void timesProcessesOnTheHostUntilTheirConnectionIsAccepted(Sandbox sandbox) {
    // WHEN
    Measurement launch = sandbox.measure(FEW_NETWORK_ROUNDS);

    // THEN one value per launch, and the phases add up to each launch
    assertThat(launch).hasCount(3);
    assertThat(launch.metric()).isEqualTo("launch to network up");
    assertThat(launch.figures())
        .extracting(Figure::name)
        .containsExactly("launchToNetwork", "start", "networkUp");
    assertPhasesAddUpPerLaunch(launch, "launchToNetwork", List.of("start", "networkUp"));
    assertThat(launch.notes())
        .anySatisfy(
            note -> assertThat(note).startsWith("end point: network up, seen from the host"))
        .noneSatisfy(note -> assertThat(note).contains("ignored"));
  }

  @Runtimes(RUNC)
  void timesContainersUntilTheHostAcceptsTheirConnectionAndRemovesThem(Sandbox sandbox) {
    // WHEN
    Measurement launch = sandbox.measure(FEW_NETWORK_ROUNDS);

    // THEN
    assertThat(launch).hasCount(3);
    assertThat(launch.figures())
        .extracting(Figure::name)
        .containsExactly("launchToNetwork", "create", "start", "networkUp");
    assertPhasesAddUpPerLaunch(launch, "launchToNetwork", List.of("create", "start", "networkUp"));
    assertThat(launch.figure("launchToNetwork").value() * 1e6)
        .isCloseTo(launch.meanNanos(), within(launch.meanNanos() * 0.01));
    assertThat(launch.notes())
        .anySatisfy(note -> assertThat(note).startsWith("end point: network up"))
        .anySatisfy(
            note -> assertThat(note).startsWith("network: runc in the container's own network"));
    assertThat(ThisJvmsLaunches.list()).isEmpty();
  }

  @Runtimes(HOST)
  void aConnectionWithoutTheLaunchsTokenEndsNoTiming(Sandbox sandbox) {
    // GIVEN launches that never connect, while another client connects with a token of its own
    Probe withStranger =
        withLaunches(
            FEW_NETWORK_ROUNDS.rounds(1).warmup(0).roundTimeout(Duration.ofSeconds(3)),
            (context, command, timeout) -> {
              LaunchedSandbox silent = context.launch(List.of("sleep", "30"), timeout);
              connectAndSend(command, "0123456789abcdef0123456789abcdef");
              return silent;
            });

    // WHEN / THEN the stranger's connection did not end the launch: it timed out
    assertThatThrownBy(() -> sandbox.measure(withStranger))
        .isInstanceOf(ProbeException.class)
        .hasMessageStartingWith(
            "startup on host: launch 1 did not connect to the host at 127.0.0.1 port ")
        .hasMessageContaining("within PT3S (the listener ignored 1 connections without a launch's");
  }

  @Runtimes(HOST)
  void aConnectionWithoutTheLaunchsTokenIsNoted(Sandbox sandbox) {
    // GIVEN another client connects with a token of its own before each launch's own connection
    Probe withStranger =
        withLaunches(
            FEW_NETWORK_ROUNDS.rounds(2).warmup(0),
            (context, command, timeout) -> {
              connectAndSend(command, "not-a-launch");
              return context.launch(command, timeout);
            });

    // WHEN
    Measurement launch = sandbox.measure(withStranger);

    // THEN
    assertThat(launch).hasCount(2);
    assertThat(launch.notes())
        .contains("2 connections to the listener sent no launch's token and were ignored");
  }

  @Runtimes(RUNC)
  void aLaunchThatNeverConnectsFailsWithinTheRoundTimeoutSayingWhyAndIsRemoved(Sandbox sandbox) {
    // GIVEN the host listens on its loopback address, which a container reaches only as its own
    Probe unreachable =
        withHostAddress(
            FEW_NETWORK_ROUNDS.rounds(1).warmup(0).roundTimeout(Duration.ofSeconds(6)),
            "127.0.0.1");

    // WHEN / THEN the client's last error (after half the round) is in the message
    assertThatThrownBy(() -> sandbox.measure(unreachable))
        .isInstanceOf(ProbeException.class)
        .hasMessageStartingWith(
            "startup on runc: launch 1 did not connect to the host at 127.0.0.1 port ")
        .hasMessageContaining("within PT6S")
        .hasMessageContaining("sandbox-probe: cannot connect to 127.0.0.1 port ")
        .hasMessageContaining("Connection refused")
        .hasMessageEndingWith(
            "check the host's firewall and the runtime's network mode (container)");
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

  /** Each launch's figure is the sum of its phases' figures, launch by launch. */
  private static void assertPhasesAddUpPerLaunch(
      Measurement launch, String whole, List<String> phases) {
    List<Double> totals = launch.figure(whole).samples();
    assertThat(totals).hasSize((int) launch.count()).allSatisfy(t -> assertThat(t).isPositive());
    for (int i = 0; i < totals.size(); i++) {
      int round = i;
      double sum = phases.stream().mapToDouble(p -> launch.figure(p).samples().get(round)).sum();
      assertThat(sum).as("phases of launch %d", i + 1).isCloseTo(totals.get(i), within(1e-6));
    }
  }

  /**
   * Connects to the listener that {@code command} (a network launch's) names, sends a line and
   * waits until the listener has closed the connection, i.e. has checked the line.
   */
  private static void connectAndSend(List<String> command, String line) {
    try (Socket socket = new Socket(command.get(2), Integer.parseInt(command.get(3)))) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
      socket.shutdownOutput();
      assertThat(socket.getInputStream().read())
          .as("the listener's answer: none, then EOF")
          .isEqualTo(-1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How a test launches in place of {@link ProbeContext#launch}. */
  private interface Launch {
    LaunchedSandbox launch(ProbeContext context, List<String> command, Duration timeout);
  }

  /** {@code probe} with every launch made by {@code launch}. */
  private static Probe withLaunches(Probe probe, Launch launch) {
    return overriding(
        probe,
        context ->
            new ForwardingProbeContext(context) {
              @Override
              public LaunchedSandbox launch(List<String> command, Duration timeout) {
                return launch.launch(context, command, timeout);
              }
            });
  }

  /** {@code probe} as if the sandbox reached the host at {@code address}. */
  private static Probe withHostAddress(Probe probe, String address) {
    return overriding(
        probe,
        context ->
            new ForwardingProbeContext(context) {
              @Override
              public String hostAddress() {
                return address;
              }
            });
  }

  private static Probe overriding(Probe probe, UnaryOperator<ProbeContext> override) {
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
        return probe.run(override.apply(context));
      }
    };
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

  /** The context of a sandbox as if it ran under {@code dockerName}, launching under it too. */
  private static final class RuntimeOverride extends ForwardingProbeContext {

    private final String dockerName;
    private final ContainerLauncher launcher;

    RuntimeOverride(ProbeContext delegate, String dockerName, ContainerLauncher launcher) {
      super(delegate);
      this.dockerName = dockerName;
      this.launcher = launcher;
    }

    @Override
    public RuntimeUnderTest runtime() {
      return RuntimeUnderTest.docker(dockerName, dockerName);
    }

    @Override
    public LaunchedSandbox launch(List<String> command, Duration timeout) {
      return launcher.launch(command, timeout);
    }
  }
}
