package dev.junitsandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.probe.ExecResult;
import dev.junitsandbox.probe.ProbeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An exec that outlives its timeout is killed inside the sandbox, with what it started, so that the
 * next measurement starts on a quiet machine: a busy loop and a background sleep, under runc (whose
 * processes are the host's) and runsc (whose processes live in gVisor's kernel, out of the host's
 * reach).
 */
class ExecTimeoutTests {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @ParameterizedTest
  @ValueSource(strings = {"runc", "runsc"})
  void aTimedOutExecIsKilledInTheContainerWithWhatItStarted(String runtime) {
    DockerDaemon daemon = DockerDaemon.query();
    assumeThat(daemon.reachable()).as("Docker daemon reachable: %s", daemon.error()).isTrue();
    assumeThat(daemon.runtimes()).as("runtimes registered with the daemon").containsKey(runtime);
    // GIVEN a command no other process here runs: a background sleep and a busy loop
    String seconds = Integer.toString(3_000 + ThreadLocalRandom.current().nextInt(1_000));
    List<String> busy = List.of("sh", "-c", "sleep " + seconds + " & while :; do :; done");
    try (ContainerProbeContext context =
        ContainerProbeContext.start(
            RuntimeUnderTest.docker(runtime, runtime), ProbeImage.ensureAvailable())) {

      // WHEN
      ProbeException timedOut =
          catchThrowableOfType(
              ProbeException.class, () -> context.exec(Duration.ofMillis(1_500), busy));

      // THEN it says so and what it did
      assertThat(timedOut)
          .hasMessageContaining("did not finish within PT1.5S in the " + runtime + " container")
          .hasMessageContaining("killed it there (SIGKILL to pids ");
      // AND neither the loop nor the sleep runs in the container any more
      ExecResult ps = context.exec(TIMEOUT, List.of("ps", "-eo", "pid,args"));
      assertThat(ps.stdout())
          .as("processes in the %s container after the kill", runtime)
          .contains("ps -eo pid,args")
          .doesNotContain("sleep " + seconds)
          .doesNotContain("while :");
      // AND none on the host either
      assertThat(FaultRuntimesTests.hostCommandLines())
          .filteredOn(commandLine -> String.join(" ", commandLine).contains("sleep " + seconds))
          .isEmpty();
    }
  }
}
