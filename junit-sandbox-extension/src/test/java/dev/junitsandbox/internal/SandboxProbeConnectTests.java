package dev.junitsandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.junitsandbox.probe.ExecResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sandbox-probe connect}, the client of the startup probe's network end point, built from
 * the shipped source with the host's compiler and run on loopback: its argument checks, a
 * connection that sends the token, and one that never gets through.
 */
class SandboxProbeConnectTests {

  private static final Duration RUN_LIMIT = Duration.ofSeconds(30);

  @TempDir static Path scratch;
  private static Path binary;

  @BeforeAll
  static void build() {
    Optional<Path> compiler = HostProbeBinary.findCompiler(System.getenv("PATH"));
    // a fact of the machine, not of the code under test: runtimes/setup.sh installs gcc
    assumeThat(compiler)
        .as("a C compiler on the PATH (runtimes/setup.sh installs gcc)")
        .isPresent();
    binary =
        new HostProbeBinary(
                scratch.resolve("cache"),
                compiler,
                DockerDaemon.query("unix:///nonexistent/junit-sandbox-test/docker.sock"),
                () -> fail("the probe image must not be needed when the host has a compiler"))
            .resolve();
  }

  private static ExecResult connect(String... arguments) {
    List<String> command = new ArrayList<>(List.of(binary.toString(), "connect"));
    command.addAll(List.of(arguments));
    return HostProbeContext.run(RUN_LIMIT, command);
  }

  @Test
  void sendsTheTokenOnceConnected() throws IOException {
    // GIVEN
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(10_000);

      // WHEN
      ExecResult result =
          connect("127.0.0.1", String.valueOf(server.getLocalPort()), "5000", "t0ken");

      // THEN
      assertThat(result.exitCode()).as(result.stderr()).isZero();
      assertThat(result.stdout()).isEqualTo("connected after 1 attempts\n");
      try (Socket accepted = server.accept()) {
        assertThat(readAll(accepted.getInputStream())).isEqualTo("t0ken\n");
      }
    }
  }

  @Test
  void givesUpAfterItsTimeoutSayingWhy() throws IOException {
    // GIVEN a port nobody listens on (any more)
    int closedPort;
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = server.getLocalPort();
    }

    // WHEN
    ExecResult result = connect("127.0.0.1", String.valueOf(closedPort), "200", "t0ken");

    // THEN it retried until the timeout
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr())
        .startsWith(
            "sandbox-probe: cannot connect to 127.0.0.1 port " + closedPort + " within 200 ms (")
        .endsWith(" attempts): Connection refused\n");
    String attempts = result.stderr().replaceAll("(?s).*within 200 ms \\((\\d+) attempts.*", "$1");
    assertThat(Integer.parseInt(attempts)).isGreaterThan(1);
  }

  @Test
  void rejectsBadArgumentsNamingThem() {
    assertThat(connect("127.0.0.1", "80", "100"))
        .satisfies(r -> assertThat(r.exitCode()).isEqualTo(2))
        .satisfies(r -> assertThat(r.stderr()).startsWith("usage: sandbox-probe"));
    assertThat(connect("localhost", "80", "100", "t").stderr())
        .isEqualTo(
            "sandbox-probe: address must be a numeric IPv4 or IPv6 address, e.g. 172.17.0.1, got"
                + " 'localhost'\n");
    assertThat(connect("127.0.0.1", "0", "100", "t").stderr())
        .isEqualTo("sandbox-probe: port must be a whole number from 1 to 65535, got '0'\n");
    assertThat(connect("::1", "80", "soon", "t").stderr())
        .isEqualTo(
            "sandbox-probe: timeout-ms must be a whole number from 1 to 3600000, got 'soon'\n");
    ExecResult blank = connect("127.0.0.1", "80", "100", "two words");
    assertThat(blank.exitCode()).isEqualTo(2);
    assertThat(blank.stderr())
        .isEqualTo(
            "sandbox-probe: token must be 1 to 64 characters without blanks or line breaks, got"
                + " 'two words'\n");
  }

  private static String readAll(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
  }
}
