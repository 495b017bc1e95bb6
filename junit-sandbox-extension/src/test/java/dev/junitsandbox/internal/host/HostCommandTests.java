package dev.junitsandbox.internal.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitsandbox.probe.ExecResult;
import dev.junitsandbox.probe.ProbeException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostCommandTests {

  @Test
  void runsToCompletionWithStandardOutputAndErrorApart() {
    ExecResult result =
        HostCommand.run(
            Duration.ofSeconds(30), List.of("sh", "-c", "echo out; echo err >&2; exit 3"));

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.stdout()).isEqualTo("out\n");
    assertThat(result.stderr()).isEqualTo("err\n");
  }

  @Test
  void aCommandOverItsDeadlineIsKilledWithWhatItForked() {
    // GIVEN a shell that forks a sleeping child and waits for it
    List<String> command = List.of("sh", "-c", "sleep 300 & echo $! > /dev/stderr; wait");

    // WHEN / THEN
    assertThatThrownBy(() -> HostCommand.run(Duration.ofMillis(500), command))
        .isInstanceOf(ProbeException.class)
        .hasMessage(
            "sh -c sleep 300 & echo $! > /dev/stderr; wait did not finish within PT0.5S on the host"
                + " and was killed");
  }

  @Test
  void closingABackgroundCommandStopsItsTreeAndKeepsItsOutput() {
    // GIVEN a server-like command with a child
    HostCommand server = HostCommand.start(List.of("sh", "-c", "echo listening; sleep 300 & wait"));
    awaitOutput(server, "listening");
    List<ProcessHandle> tree = ProcessHandle.of(server.pid()).orElseThrow().descendants().toList();

    // WHEN
    server.close();

    // THEN
    assertThat(server.isRunning()).isFalse();
    assertThat(tree).isNotEmpty().noneMatch(ProcessHandle::isAlive);
    assertThat(server.stdout()).isEqualTo("listening\n");
  }

  @Test
  void aFollowedCommandsLinesCarryTheTimeTheyArrived() {
    OutputLines lines = new OutputLines();
    long before = System.nanoTime();

    try (HostCommand command =
        HostCommand.startFollowed(List.of("sh", "-c", "echo one; echo two >&2"), lines)) {
      long two = lines.awaitLine("two", Duration.ofSeconds(30), "test");

      assertThat(two).isGreaterThan(before);
      assertThat(lines.awaitLine("one", Duration.ofSeconds(30), "test")).isBetween(before, two);
      assertThat(command.stdout()).isEqualTo("one\ntwo\n");
    }
  }

  @Test
  void aLineThatNeverComesIsNamedWithWhatWasPrinted() {
    OutputLines lines = new OutputLines();
    try (HostCommand command = HostCommand.startFollowed(List.of("echo", "nope"), lines)) {
      assertThatThrownBy(() -> lines.awaitLine("ready", Duration.ofSeconds(30), "test"))
          .isInstanceOf(ProbeException.class)
          .hasMessage("test ended without printing 'ready'; it printed: nope");
    }
  }

  private static void awaitOutput(HostCommand command, String text) {
    for (int i = 0; i < 300 && !command.stdout().contains(text); i++) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
