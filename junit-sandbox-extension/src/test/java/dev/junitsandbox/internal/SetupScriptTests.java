package dev.junitsandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.junitsandbox.probe.ExecResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parts of runtimes/setup.sh that must hold on any machine, run for real: its smoke container
 * survives a runtime that hangs, and its daemon.json merge never overwrites a user's entry.
 */
class SetupScriptTests {

  private static final String HANG = "junit-sandbox-fault-hang";

  @TempDir Path scratch;

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void theSmokeContainerOfAHangingRuntimeIsBoundedKilledAndRemoved() {
    DockerDaemon daemon = DockerDaemon.query();
    assumeThat(daemon.reachable()).as("Docker daemon reachable: %s", daemon.error()).isTrue();
    assumeThat(daemon.runtimes()).as("registered by runtimes/setup.sh").containsKey(HANG);

    // WHEN setup's smoke test runs a container under a runtime whose create never returns
    ExecResult smoke =
        setup(
            "JUNIT_SANDBOX_SMOKE_SECONDS=3; source ../runtimes/setup.sh;"
                + " SMOKE_SECONDS=3; PROBE_IMAGE=$(probe_image_tag); smoke_test "
                + HANG);

    // THEN it says so, having killed the runtime's processes
    assertThat(smoke.stdout().strip())
        .startsWith("HUNG: no result within 3s; killed ")
        .endsWith("host processes");
    // AND nothing of it is left: no container, no hanging runtime process
    assertThat(run("docker ps -aq --filter label=dev.junitsandbox.setup=smoke").stdout()).isBlank();
    // (the bracket keeps pgrep from finding this very shell, whose command line names the pattern)
    assertThat(run("pgrep -af junit-sandbox-fault-[h]ang || true").stdout()).isBlank();
  }

  @Test
  void registeringKeepsAUsersEntryAndReplacesOnlyWhatSetupWrote() throws IOException {
    // GIVEN a daemon.json with settings and a runsc entry of its user
    Path daemonJson = scratch.resolve("daemon.json");
    Files.writeString(
        daemonJson,
        """
        {"debug": true, "runtimes": {"runsc": {"path": "/home/me/runsc", "runtimeArgs": ["--debug"]}}}
        """);

    // WHEN setup registers its runtimes into it, twice
    String register =
        "source ../runtimes/setup.sh; DAEMON_JSON=%s; STATE_DIR=%s; FAULTS_DIR=%s; register_runtimes"
            .formatted(daemonJson, scratch.resolve("state"), scratch.resolve("faults"));
    ExecResult first = setup(register);
    String afterFirst = Files.readString(daemonJson);
    ExecResult second = setup(register);

    // THEN the user's entry and other settings are as they were, setup's own entries were added
    assertThat(first.stdout()).contains("kept your own entries for runsc");
    assertThat(afterFirst)
        .contains("\"debug\": true", "\"/home/me/runsc\"", "\"junit-sandbox-fault-hang\"");
    // AND the second run changes nothing
    assertThat(second.stdout()).contains("daemon.json: runtimes already registered");
    assertThat(Files.readString(daemonJson)).isEqualTo(afterFirst);
  }

  private static ExecResult setup(String script) {
    ExecResult result = run(script);
    assertThat(result.exitCode())
        .as("exit code of %s; stderr: %s", script, result.stderr())
        .isZero();
    return result;
  }

  private static ExecResult run(String script) {
    return HostProbeContext.run(Duration.ofSeconds(90), List.of("bash", "-c", script));
  }
}
