package dev.junitsandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.internal.incus.IncusClient;
import dev.junitsandbox.internal.incus.IncusHost;
import dev.junitsandbox.internal.incus.IncusInstance;
import dev.junitsandbox.probe.BackgroundCommand;
import dev.junitsandbox.probe.ExecResult;
import dev.junitsandbox.probe.HostProcess;
import dev.junitsandbox.probe.LaunchPhases;
import dev.junitsandbox.probe.LaunchedSandbox;
import dev.junitsandbox.probe.ProbeException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Incus kind of sandbox against the real Incus daemon that runtimes/setup.sh set up: every
 * {@code ProbeContext} operation a probe uses, and nothing left behind. Skipped, with the reason
 * and the fix, where Incus is not set up (CI runs setup first, so there they run).
 */
class IncusSandboxTests {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String AWKWARD = "line 1 with 'quotes' and \"double\" $HOME\nline 2\n";

  @TempDir Path stateRoot;

  private IncusClient client;
  private IncusHost host;

  @BeforeEach
  void incusIsSetUp() {
    client = new IncusClient(IncusClient.DEFAULT_SOCKET, IncusClient.DEFAULT_LIMIT);
    host = IncusHost.query(client, ProbeImage.tag());
    assumeThat(host.problem()).as("Incus set up by runtimes/setup.sh").isEmpty();
  }

  @AfterEach
  void nothingOfThisJvmIsLeft() {
    if (host != null && host.usable()) {
      assertThat(client.instances())
          .as("Incus containers of this JVM after the test")
          .noneMatch(
              instance ->
                  RunIdentity.Owner.self()
                      .text()
                      .equals(
                          instance
                              .config()
                              .get(IncusInstance.LABEL_PREFIX + RunIdentity.OWNER_LABEL)));
    }
  }

  private IncusProbeContext open() {
    return IncusProbeContext.start(RuntimeUnderTest.incus(), client, host, ProbeImage.tag());
  }

  @Test
  void execRunsInTheContainerAndReturnsExitCodeAndBothStreams() {
    try (IncusProbeContext sandbox = open()) {
      // WHEN
      ExecResult result =
          sandbox.exec(TIMEOUT, List.of("sh", "-c", "echo out; echo err >&2; exit 3"));
      ExecResult init = sandbox.exec(TIMEOUT, List.of("cat", "/proc/1/cmdline"));

      // THEN
      assertThat(result.exitCode()).isEqualTo(3);
      assertThat(result.stdout()).isEqualTo("out\n");
      assertThat(result.stderr()).isEqualTo("err\n");
      assertThat(init.stdout())
          .as("PID 1 is the container's own command (its init exec'd it), not the host's")
          .isEqualTo("sleep\0infinity\0");
      assertThat(
              sandbox
                  .exec(
                      TIMEOUT,
                      List.of(sandbox.probeBinary(), "syscall", "getpid", "100", "10", "0"))
                  .exitCode())
          .as("the probe image's own sandbox-probe runs there")
          .isZero();
      assertThat(sandbox.networkMode()).isEqualTo("bridge");
    }
  }

  @Test
  void anExecThatOutlivesItsTimeoutIsKilledInsideTheContainer() {
    try (IncusProbeContext sandbox = open()) {
      // WHEN
      assertThatThrownBy(() -> sandbox.exec(Duration.ofSeconds(2), List.of("sleep", "37")))
          // THEN
          .isInstanceOf(ProbeException.class)
          .hasMessageContaining("sleep 37 did not finish within PT2S in the incus container")
          .hasMessageContaining("killed it there");
      assertThat(sandbox.exec(TIMEOUT, List.of("ps", "-eo", "args")).stdout())
          .doesNotContain("sleep 37");
    }
  }

  @Test
  void writesFilesExactlyThroughTheFileApi() {
    try (IncusProbeContext sandbox = open()) {
      // WHEN
      String file = sandbox.scratchDirectory() + "/awkward.txt";
      sandbox.writeFile(file, AWKWARD);

      // THEN
      assertThat(sandbox.exec(TIMEOUT, List.of("cat", file)).stdout()).isEqualTo(AWKWARD);
    }
  }

  @Test
  void aServerInTheSandboxIsReachedFromTheHostAtItsAddressAndTheHostFromTheSandbox()
      throws Exception {
    try (IncusProbeContext sandbox = open()) {
      // GIVEN a server in the sandbox (iperf3 from the probe image)
      BackgroundCommand server = sandbox.start(List.of("iperf3", "-s", "-p", "5299"));

      // WHEN / THEN the host connects to it at the container's address on the bridge
      assertThat(sandbox.sandboxAddress()).isNotEqualTo(sandbox.hostAddress());
      assertThat(connects(sandbox.sandboxAddress(), 5299))
          .as("connected to %s:5299 within %s", sandbox.sandboxAddress(), TIMEOUT)
          .isTrue();
      assertThat(server.isRunning()).isTrue();
      server.close();
      assertThat(server.isRunning()).isFalse();

      // and the sandbox reaches a server on the host at the bridge's address
      try (ServerSocket listener = new ServerSocket()) {
        listener.bind(new InetSocketAddress(InetAddress.getByName(sandbox.hostAddress()), 0));
        CompletableFuture<String> received =
            CompletableFuture.supplyAsync(
                () -> {
                  try (Socket accepted = listener.accept()) {
                    return new BufferedReader(
                            new InputStreamReader(
                                accepted.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
                  } catch (IOException e) {
                    throw new IllegalStateException(e);
                  }
                });
        ExecResult sent =
            sandbox.exec(
                TIMEOUT,
                List.of(
                    "bash",
                    "-c",
                    "echo hello-host > /dev/tcp/"
                        + sandbox.hostAddress()
                        + "/"
                        + listener.getLocalPort()));
        assertThat(sent.exitCode()).as(sent.stderr()).isZero();
        assertThat(received.get(30, TimeUnit.SECONDS)).isEqualTo("hello-host");
      }
    }
  }

  @Test
  void aLaunchedContainerIsTimedToItsFirstLineAndRemovedOnClose() {
    try (IncusProbeContext sandbox = open()) {
      // WHEN
      String name;
      LaunchPhases phases;
      try (LaunchedSandbox launched =
          sandbox.launch(List.of("echo", "ready"), Duration.ofSeconds(120))) {
        name = launched.id();
        phases = launched.awaitOutputLine("ready", Duration.ofSeconds(60));
      }

      // THEN
      assertThat(phases.create()).isPositive();
      assertThat(phases.total()).isGreaterThan(phases.create());
      assertThat(client.instances()).noneMatch(instance -> instance.name().equals(name));
    }
  }

  @Test
  void anIdleLaunchedContainerShowsItsHostProcessesAndTheirMemory() throws InterruptedException {
    try (IncusProbeContext sandbox = open()) {
      try (LaunchedSandbox idle =
          sandbox.launch(List.of("sleep", "infinity"), Duration.ofSeconds(120))) {
        // WHEN (the command's exec is asked for as the launch returns; Incus's helper forks and
        // the fork becomes the command a moment later)
        List<String> expected = List.of("lxc-monitor", "sleep", "incusd-forkexec", "sleep");
        List<HostProcess> processes = idle.hostProcesses();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!processes.stream().map(HostProcess::name).toList().equals(expected)
            && System.nanoTime() < deadline) {
          Thread.sleep(50);
          processes = idle.hostProcesses();
        }

        // THEN the LXC monitor that supervises it with the container's init, and the exec helper
        // with the command
        assertThat(processes).extracting(HostProcess::name).containsExactlyElementsOf(expected);
        assertThat(idle.isRunning()).isTrue();
        assertThat(sandbox.memoryOf(processes.get(processes.size() - 1))).isPresent();
      }
    }
  }

  @Test
  void closingRemovesTheContainer() {
    // GIVEN
    IncusProbeContext sandbox = open();
    String name = sandbox.instanceName();
    assertThat(client.instances()).anyMatch(instance -> instance.name().equals(name));

    // WHEN
    sandbox.close();

    // THEN
    assertThat(client.instances()).noneMatch(instance -> instance.name().equals(name));
  }

  @Test
  void theSweepRemovesTheContainerOfADeadJvmAndLeavesALiveOnesAlone() throws Exception {
    // GIVEN one container labelled with a dead JVM, one with this (living) JVM
    RunIdentity.Owner dead = deadOwner();
    IncusInstance ofDead =
        IncusInstance.create(
            client,
            host,
            "exec sleep infinity",
            Map.of(RunIdentity.OWNER_LABEL, dead.text(), RunIdentity.RUN_LABEL, "run-dead"),
            IncusClient.DEFAULT_LIMIT);
    try (IncusProbeContext alive = open()) {
      // WHEN
      Leftovers.Swept swept = Leftovers.sweep(stateRoot, null, client.socket());

      // THEN
      assertThat(swept.containers()).containsEntry("run-dead", List.of("incus:" + ofDead.name()));
      assertThat(client.instances())
          .extracting(IncusClient.Instance::name)
          .doesNotContain(ofDead.name())
          .contains(alive.instanceName());
    } finally {
      ofDead.close();
    }
  }

  private static boolean connects(String address, int port) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(address, port), 1000);
        return true;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    return false;
  }

  /** A JVM that has ended: the identity of a process that ran and exited. */
  private static RunIdentity.Owner deadOwner() throws Exception {
    Process ended = new ProcessBuilder("sleep", "0.2").start();
    long ticks = ProcStat.startTicks(ended.pid()).orElseThrow();
    assertThat(ended.waitFor(10, TimeUnit.SECONDS)).isTrue();
    RunIdentity.Owner self = RunIdentity.Owner.self();
    return new RunIdentity.Owner(self.bootId(), self.pidNamespace(), ended.pid(), ticks);
  }
}
