package dev.junitsandbox.internal;

import static dev.junitsandbox.internal.EngineResultsAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.testcontainers.DockerClientFactory;

/**
 * dockerd killed (SIGKILL) while a probe runs, then restarted as runtimes/setup.sh starts it.
 * Disruptive for everything else using the daemon, so not in the default build: run by
 * runtimes/faults/kill-daemon.sh, which prints what the user sees.
 */
@EnabledIfSystemProperty(named = DaemonKillTests.ENABLE, matches = "true")
class DaemonKillTests {

  static final String ENABLE = "junit-sandbox-tests.kill-daemon";
  private static final Pattern NAME = Pattern.compile("docker rm -f (junit-sandbox-[0-9a-f]+)");

  @TempDir Path reports;

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aDaemonKilledMidProbeFailsThatInvocationClearlyTheNextOnesFastAndTheRunAfterARestartWorks()
      throws Exception {
    // GIVEN a run whose first probe sleeps in its sandbox, and dockerd killed once it does
    DaemonKillTestCases.midProbe = new CountDownLatch(1);
    DaemonKillTestCases.sleepSeconds = 60;
    long daemonPid = Long.parseLong(Files.readString(Path.of("/var/run/docker.pid")).strip());
    Thread killer =
        new Thread(
            () -> {
              try {
                if (DaemonKillTestCases.midProbe.await(5, TimeUnit.MINUTES)) {
                  Thread.sleep(1_000);
                  System.out.printf("[kill-daemon] kill -9 %d (dockerd)%n", daemonPid);
                  ProcessHandle.of(daemonPid).ifPresent(ProcessHandle::destroyForcibly);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    killer.start();

    // WHEN
    long begin = System.nanoTime();
    EngineExecutionResults killed =
        EngineRuns.run(DaemonKillTestCases.SleepsThenTwoMore.class, reports);
    Duration whole = Duration.ofNanos(System.nanoTime() - begin);
    killer.join();
    report("run with dockerd killed mid-probe (" + whole.toMillis() + " ms in all)", killed);

    // THEN the probe's invocation says the daemon stopped answering, names the socket and the fix
    assertThat(killed).hasNumberOfFailedTests(3);
    assertThat(killed)
        .hasFailedTest("sleeps() [runc]")
        .withMessageContaining(
            "The Docker daemon at unix:///var/run/docker.sock stopped answering during",
            "Fix: start the Docker daemon (as root: runtimes/setup.sh starts dockerd");
    // AND the later invocations fail too, with the same diagnosis, instead of hanging
    assertThat(killed).hasFailedTest("second() [runc]").withMessageContaining("stopped answering");
    assertThat(killed).hasFailedTest("third() [runc]").withMessageContaining("stopped answering");

    // WHEN dockerd is started again exactly as setup.sh starts it
    String restart = restartDaemon();
    System.out.println("[kill-daemon] restart:\n" + restart);
    List<String> leftNames = new ArrayList<>();
    for (Event event : killed.testEvents().failed().list()) {
      Matcher name = NAME.matcher(message(event));
      while (name.find()) {
        leftNames.add(name.group(1));
      }
    }
    List<String> left = containersNamed(leftNames);
    System.out.println("[kill-daemon] containers left by the killed run: " + left);

    // THEN the next run works
    DaemonKillTestCases.midProbe = new CountDownLatch(1);
    DaemonKillTestCases.sleepSeconds = 1;
    EngineExecutionResults after =
        EngineRuns.run(DaemonKillTestCases.SleepsThenTwoMore.class, reports);
    report("run after the restart", after);
    assertThat(after).hasNumberOfSucceededTests(3).hasNumberOfFailedTests(0);

    // AND what the killed run left is what its message said, and goes with the command it gave
    // the probe's container: created before the kill, stopped by the restarted daemon, and named
    // in the close failure of its invocation with the command that removes it
    assertThat(left).as("containers the killed run's messages name").hasSize(1);
    for (String name : leftNames) {
      try {
        DockerClientFactory.instance().client().removeContainerCmd(name).withForce(true).exec();
      } catch (NotFoundException notCreated) {
        // a message may name a container the daemon never made
      }
    }
    assertThat(containersNamed(leftNames)).isEmpty();
    assertThat(
            FaultRuntimesTests.hostCommandLines().stream()
                .map(commandLine -> String.join(" ", commandLine))
                .filter(commandLine -> commandLine.equals("sleep 60")))
        .as("the killed run's probe process")
        .isEmpty();
  }

  private static String restartDaemon() throws IOException, InterruptedException {
    Process setup =
        new ProcessBuilder("bash", "-c", "source ../runtimes/setup.sh && start_daemon")
            .redirectErrorStream(true)
            .start();
    String output = new String(setup.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(setup.waitFor()).as("setup.sh start_daemon:%n%s", output).isZero();
    return output;
  }

  private static List<String> containersNamed(List<String> names) {
    if (names.isEmpty()) {
      return List.of();
    }
    List<Container> found =
        DockerClientFactory.instance()
            .client()
            .listContainersCmd()
            .withShowAll(true)
            .withNameFilter(names)
            .exec();
    return found.stream()
        .map(container -> List.of(container.getNames()) + " " + container.getStatus())
        .toList();
  }

  private static void report(String run, EngineExecutionResults results) {
    System.out.println("[kill-daemon] " + run + ":");
    for (Event event : results.testEvents().finished().list()) {
      System.out.printf(
          "[kill-daemon]   %s %s %s%n",
          event.getTestDescriptor().getDisplayName(),
          event.getPayload(TestExecutionResult.class).map(r -> r.getStatus()).orElse(null),
          message(event));
    }
  }

  /** The failure's message and those of the failures suppressed by it (the sandbox's close). */
  private static String message(Event event) {
    return event
        .getPayload(TestExecutionResult.class)
        .flatMap(TestExecutionResult::getThrowable)
        .map(
            thrown -> {
              StringBuilder all = new StringBuilder(String.valueOf(thrown.getMessage()));
              for (Throwable suppressed : thrown.getSuppressed()) {
                appendMessages(all, suppressed);
              }
              return all.toString();
            })
        .orElse("");
  }

  private static void appendMessages(StringBuilder all, Throwable thrown) {
    all.append(" | suppressed: ").append(thrown.getMessage());
    for (Throwable suppressed : thrown.getSuppressed()) {
      appendMessages(all, suppressed);
    }
    if (thrown.getCause() != null && thrown.getCause() != thrown) {
      appendMessages(all, thrown.getCause());
    }
  }
}
