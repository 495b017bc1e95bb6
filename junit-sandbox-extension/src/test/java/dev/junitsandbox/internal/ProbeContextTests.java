package dev.junitsandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.probe.BackgroundCommand;
import dev.junitsandbox.probe.ExecResult;
import dev.junitsandbox.probe.ProbeContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** What probes rely on in a real runc container and on the host: files, servers, addresses. */
class ProbeContextTests {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String AWKWARD = "line 1 with 'quotes' and \"double\" $HOME\nline 2\n";

  @Test
  void aContainerKeepsFilesStartsAndStopsServersAndHasItsOwnAddress() {
    // GIVEN
    String image = ProbeImage.ensureAvailable();
    try (ContainerProbeContext context =
        ContainerProbeContext.start(RuntimeUnderTest.docker("runc", "runc"), image)) {
      // WHEN / THEN
      assertThat(context.image()).isEqualTo(image);
      assertThat(context.scratchDirectory()).isEqualTo("/var/tmp/junit-sandbox");
      writesFilesExactly(context);
      startsAndStopsBackgroundCommands(context);
      assertThat(context.sandboxAddress()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
      assertThat(context.hostAddress())
          .matches("\\d+\\.\\d+\\.\\d+\\.\\d+")
          .isNotEqualTo(context.sandboxAddress());
      assertThat(context.execOnHost(TIMEOUT, List.of("cat", "/proc/1/comm")).stdout())
          .as("execOnHost runs on the host, whose pid 1 is not the container's sleep")
          .isNotEqualTo(context.exec(TIMEOUT, List.of("cat", "/proc/1/comm")).stdout());
    }
  }

  @Test
  void theHostUsesLoopbackAndRemovesItsScratchDirectoryOnClose() {
    // GIVEN
    HostProbeContext context =
        new HostProbeContext(
            () -> {
              throw new AssertionError("no probe binary needed");
            },
            () -> "unused");
    Path scratch;
    try (context) {
      // WHEN
      scratch = Path.of(context.scratchDirectory());
      writesFilesExactly(context);
      startsAndStopsBackgroundCommands(context);

      // THEN
      assertThat(context.sandboxAddress()).isEqualTo("127.0.0.1");
      assertThat(context.hostAddress()).isEqualTo("127.0.0.1");
      assertThat(scratch).isDirectory();
    }
    assertThat(Files.exists(scratch)).isFalse();
  }

  private static void writesFilesExactly(ProbeContext context) {
    String file = context.scratchDirectory() + "/awkward.txt";
    context.writeFile(file, AWKWARD);
    ExecResult read = context.exec(TIMEOUT, List.of("cat", file));
    assertThat(read.stdout()).isEqualTo(AWKWARD);
  }

  private static void startsAndStopsBackgroundCommands(ProbeContext context) {
    BackgroundCommand server = context.start(List.of("sh", "-c", "echo serving; exec sleep 60"));
    awaitTrue(() -> server.output().contains("serving"));
    assertThat(server.isRunning()).isTrue();

    server.close();

    assertThat(server.isRunning()).isFalse();
  }

  private static void awaitTrue(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime())
          .as("waited %s for the command's output", TIMEOUT)
          .isLessThan(deadline);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
