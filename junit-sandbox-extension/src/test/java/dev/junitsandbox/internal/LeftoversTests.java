package dev.junitsandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the sweep must never touch, with real processes: those of a JVM that is alive, and a process
 * that merely has the pid a dead run recorded. {@link KilledRunTests} shows what it does remove.
 */
class LeftoversTests {

  @TempDir Path stateRoot;

  private Process sleeper;

  @AfterEach
  void stopSleeper() throws InterruptedException {
    if (sleeper != null) {
      sleeper.destroyForcibly();
      sleeper.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aProcessOfALiveJvmIsLeftAlone() throws Exception {
    // GIVEN a process marked as this (living) JVM's
    sleeper = sleep(RunIdentity.Owner.self());

    // WHEN
    Leftovers.Swept swept = Leftovers.sweep(stateRoot, null);

    // THEN
    assertThat(sleeper.isAlive()).isTrue();
    assertThat(swept.processes()).isEmpty();
  }

  @Test
  void aProcessOfADeadJvmIsStoppedAndNamed() throws Exception {
    // GIVEN a process marked as a dead JVM's
    RunIdentity.Owner dead = deadOwner();
    sleeper = sleep(dead);

    // WHEN
    Leftovers.Swept swept = Leftovers.sweep(stateRoot, null);

    // THEN
    assertThat(sleeper.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(swept.lines())
        .containsExactly(
            "[junit-sandbox] stopped 1 host process left by killed test runs (run run-1): sleep"
                + " (pid "
                + sleeper.pid()
                + ")");
  }

  @Test
  void aReusedPidIsNeverKilled() throws Exception {
    // GIVEN a dead JVM's state that records a process of a pid that now runs something else (same
    // pid, another start time), and a scratch directory
    sleeper = sleep(null);
    long ticks = ProcStat.startTicks(sleeper.pid()).orElseThrow();
    RunIdentity.Owner dead = deadOwner();
    Path scratch = Files.createDirectories(stateRoot.resolve("scratch-of-dead-run"));
    Path state = Files.createDirectories(stateRoot.resolve(RunState.directoryName(dead)));
    RunState.JSON.writeValue(
        state.resolve(RunState.STATE_FILE).toFile(),
        new RunState.Recorded(
            dead.text(),
            List.of(
                new RunState.RecordedProcess(sleeper.pid(), ticks - 1, "run-1", List.of("sleep"))),
            Map.of(scratch.toString(), "run-1")));

    // WHEN
    Leftovers.Swept swept = Leftovers.sweep(stateRoot, null);

    // THEN the process lives; the scratch and state directories are gone, and the line says so
    assertThat(sleeper.isAlive()).isTrue();
    assertThat(swept.processes()).isEmpty();
    assertThat(scratch).doesNotExist();
    assertThat(state).doesNotExist();
    assertThat(swept.lines())
        .containsExactly(
            "[junit-sandbox] removed 1 scratch directory left by killed test runs (run run-1): "
                + scratch);
  }

  /** A JVM that has ended: the identity of a process that ran and exited. */
  private static RunIdentity.Owner deadOwner() throws Exception {
    Process ended = new ProcessBuilder("sleep", "0.2").start();
    long ticks = ProcStat.startTicks(ended.pid()).orElseThrow();
    assertThat(ended.waitFor(10, TimeUnit.SECONDS)).isTrue();
    RunIdentity.Owner self = RunIdentity.Owner.self();
    RunIdentity.Owner dead =
        new RunIdentity.Owner(self.bootId(), self.pidNamespace(), ended.pid(), ticks);
    assertThat(dead.isDeadHere()).isTrue();
    return dead;
  }

  /** A {@code sleep} carrying {@code owner}'s marks in its environment (none if null). */
  private static Process sleep(RunIdentity.Owner owner) throws IOException {
    ProcessBuilder builder = new ProcessBuilder("sleep", "300");
    builder.environment().remove(RunIdentity.OWNER_VARIABLE);
    builder.environment().remove(RunIdentity.RUN_VARIABLE);
    if (owner != null) {
      builder.environment().put(RunIdentity.OWNER_VARIABLE, owner.text());
      builder.environment().put(RunIdentity.RUN_VARIABLE, "run-1");
    }
    Process process = builder.start();
    // the environment is readable once exec is done: wait for the sleep's own name
    for (int i = 0; i < 200 && !ProcStat.field(process.pid(), 2).orElse("").equals("sleep"); i++) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    assertThat(
            Files.readString(
                Path.of("/proc", Long.toString(process.pid()), "comm"), StandardCharsets.UTF_8))
        .isEqualTo("sleep\n");
    return process;
  }
}
