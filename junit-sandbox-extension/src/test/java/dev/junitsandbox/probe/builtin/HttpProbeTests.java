package dev.junitsandbox.probe.builtin;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.ContainerRuntime.RUNSC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.measure.Measurement;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HttpProbeTests {

  private static final HttpProbe SHORT =
      Probes.http().duration(Duration.ofSeconds(2)).connections(16);

  @Test
  void defaultsToAClosedLoopOfSixtyFourConnections() {
    HttpProbe probe = Probes.http();

    assertThat(probe.name()).isEqualTo("http.closedLoop");
    assertThat(probe.isConstantRate()).isFalse();
    assertThat(probe.parameters())
        .containsEntry("server", "nginx, 1 worker")
        .containsEntry("pageBytes", "4096")
        .containsEntry("client", "wrk")
        .containsEntry("connections", "64")
        .containsEntry("threads", "2")
        .containsEntry("durationSeconds", "5")
        .containsEntry("requestTimeoutSeconds", "2")
        .doesNotContainKey("ratePerSecond");
  }

  @Test
  void switchesToTheOpenModelAtAConstantRate() {
    HttpProbe probe = Probes.http().constantRate();

    assertThat(probe.name()).isEqualTo("http.constantRate");
    assertThat(probe.ratePerSecond()).isEqualTo(200.0);
    assertThat(probe.parameters())
        .containsEntry("client", "constant-rate generator")
        .containsEntry("ratePerSecond", "200")
        .containsEntry("maxOutstanding", "1000")
        .doesNotContainKey("threads");
    assertThat(Probes.http().isConstantRate()).isFalse();
  }

  @Test
  void rejectsSettingsWrkCannotRun() {
    assertThatThrownBy(() -> Probes.http().connections(4).threads(8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threads must be from 1 to connections (4), as wrk requires, but was 8");
    assertThatThrownBy(() -> Probes.http().duration(Duration.ofMillis(500)))
        .hasMessage(
            "duration must be a whole number of seconds, at least 1 (wrk takes seconds), but was"
                + " PT0.5S; e.g. duration(Duration.ofSeconds(1))");
    assertThatThrownBy(() -> Probes.http().constantRate(0))
        .hasMessage("the constant rate must be above 0 requests per second, but was 0.0");
    assertThatThrownBy(() -> Probes.http().maxOutstanding(0))
        .hasMessage("maxOutstanding must be at least 1, but was 0");
  }

  @Test
  void givesNginxRoomForEveryConnectionUnlessTold() {
    // WHEN worker_connections is left to the probe, then set
    HttpProbe automatic = Probes.http().connections(1_000);
    HttpProbe set = automatic.workerConnections(1_024);

    // THEN the probe leaves room for reopened connections; a set value is used as it is
    assertThat(Probes.http().workerConnections()).isEqualTo(1_024);
    assertThat(automatic.workerConnections()).isEqualTo(2_016);
    assertThat(automatic.nginxConfiguration("/s", "80")).contains("worker_connections 2016;");
    assertThat(set.nginxConfiguration("/s", "80")).contains("worker_connections 1024;");
    assertThat(set.parameters()).containsEntry("workerConnections", "1024");
    assertThatThrownBy(() -> automatic.workerConnections(1_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "workerConnections must be from connections + 1 (1001: one per connection plus nginx's"
                + " listening socket) to 65536, but was 1000; e.g. workerConnections(1024)");
    assertThatThrownBy(() -> set.connections(1_024))
        .hasMessageStartingWith("workerConnections must be from connections + 1 (1025:");
  }

  @Test
  void fewerConnectionsThanThreadsLowersTheThreads() {
    assertThat(Probes.http().connections(1).threads()).isEqualTo(1);
  }

  @Runtimes({HOST, RUNC, RUNSC})
  void servesUnderClosedLoopLoad(Sandbox sandbox) {
    // WHEN
    Measurement http = sandbox.measure(SHORT);

    // THEN
    assertThat(http.figure("requestsPerSecond").value()).isGreaterThan(10);
    assertThat(http.figure("errorResponses").value()).isZero();
    // gVisor's network stack drops the odd connection under load (a few timeouts in thousands)
    assertThat(http.figure("socketErrors").value())
        .isLessThan(0.01 * http.figure("requestsPerSecond").value() * SHORT.duration().toSeconds());
    assertThat(http.count()).isGreaterThan(20);
    // a closed loop: 16 connections at this rate wait about 16 / rate per request (Little's law);
    // the median sits within wide bounds of that, whatever the sandbox's speed
    double waitNanos = 1e9 * SHORT.connections() / http.figure("requestsPerSecond").value();
    assertThat(http.p50Nanos() / waitNanos)
        .as("p50 over connections / rate (%s)", http)
        .isBetween(0.01, 10.0);
    assertThat(http.percentileNanos(50)).isLessThanOrEqualTo(http.percentileNanos(99));
    // AND which network mode ran: gVisor says its --network, whatever it is registered with
    assertThat(http.notes())
        .anySatisfy(
            note ->
                assertThat(note)
                    .startsWith(
                        sandbox.runtime().isHost()
                            ? "network: host (no container;"
                            : sandbox.runtime().id().equals("runc")
                                ? "network: runc in the container's own network namespace"
                                : "network: runsc --network="));
  }

  @Runtimes({HOST, RUNC})
  void servesAConstantRate(Sandbox sandbox) {
    // WHEN 100 requests per second for 2 seconds, well below any sandbox's capacity
    Measurement http = sandbox.measure(SHORT.constantRate(100));

    // THEN every request was sent and answered
    assertThat(http.count()).isEqualTo(200);
    assertThat(http.figure("missedSends").value()).isZero();
    assertThat(http.figure("requestsPerSecond").value()).isBetween(80.0, 120.0);
  }

  @Runtimes(HOST)
  void leavesNoHttpClientOrLoadThreadBehind(Sandbox sandbox) {
    // GIVEN the threads alive before the run (other tests may run beside this one)
    Set<Thread> before = Thread.getAllStackTraces().keySet();

    // WHEN both loads run, each starting with the probe's check of the page
    sandbox.measure(SHORT.duration(Duration.ofSeconds(1)));
    sandbox.measure(SHORT.duration(Duration.ofSeconds(1)).constantRate(50));

    // THEN no thread the runs started is left: java.net.http's HttpClient of Java 17 keeps its
    // selector thread ("HttpClient-N-SelectorManager") until a garbage collection finds the client
    Set<String> left =
        Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> !before.contains(thread) && thread.isAlive())
            .map(Thread::getName)
            .filter(
                name ->
                    name.startsWith("HttpClient-")
                        || name.startsWith("junit-sandbox-constant-rate-"))
            .collect(Collectors.toSet());
    assertThat(left).isEmpty();
  }
}
