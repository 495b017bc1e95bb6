package dev.junitsandbox.internal;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.RUNC;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.builtin.Probes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;

/** Fixtures for {@link HostWithoutDockerTests}, run in a child JVM that sees no Docker daemon. */
class HostWithoutDockerTestCases {

  @Fixture
  static class GetpidOnHostAndRunc {
    @Runtimes({HOST, RUNC})
    void getpid(Sandbox sandbox) {
      Measurement getpid = sandbox.measure(Probes.syscall("getpid").iterations(1_000));

      assertThat(getpid.p50Nanos()).isPositive();
    }
  }

  /** The environment variable that names the compiler {@link CompilerInstalledMidRun} installs. */
  static final String COMPILER_TO_INSTALL = "JUNIT_SANDBOX_TEST_COMPILER_TO_INSTALL";

  /**
   * Two HOST invocations in one run on a PATH without a compiler; between them the compiler is
   * installed (linked into the first PATH directory), as a package install would.
   */
  @Fixture
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class CompilerInstalledMidRun {
    @Order(1)
    @Runtimes(HOST)
    void beforeTheCompilerIsInstalled(Sandbox sandbox) {
      sandbox.measure(Probes.syscall("getpid").iterations(1_000));
    }

    @Order(2)
    @Runtimes(HOST)
    void afterTheCompilerIsInstalled(Sandbox sandbox) throws IOException {
      Path bin = Path.of(System.getenv("PATH").split(":")[0]);
      Files.createSymbolicLink(bin.resolve("cc"), Path.of(System.getenv(COMPILER_TO_INSTALL)));

      Measurement getpid = sandbox.measure(Probes.syscall("getpid").iterations(1_000));

      assertThat(getpid.p50Nanos()).isPositive();
    }
  }
}
