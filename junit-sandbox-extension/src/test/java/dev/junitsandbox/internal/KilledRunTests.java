package dev.junitsandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real fault: a test JVM killed with {@code kill -9} in the middle of a probe, then the next
 * run. The JVM is a child {@code java} process running a launcher session over {@link
 * KilledRunTestCases.ServersAndContainers}: the runc probe container, three footprint-style
 * containers, one launched host process, and the HTTP probe's nginx and wrk on the host.
 *
 * <p>Everything is found by the killed JVM's owner identity (its pid and start time), so the
 * containers and processes of other builds running on this machine are neither counted nor touched.
 * Both JVMs use a state directory ({@code XDG_STATE_HOME}) and temporary directory of this test.
 */
class KilledRunTests {

  private static final Duration MID_PROBE_WITHIN = Duration.ofSeconds(90);

  @TempDir Path work;

  @Test
  @Timeout(value = 170, unit = TimeUnit.SECONDS)
  void whatAKilledRunLeftIsRemovedByTheNextRunWhichSaysSo() throws Exception {
    Path state = Files.createDirectories(work.resolve("state"));
    Path tmp = Files.createDirectories(work.resolve("tmp"));
    Process killed = null;
    RunIdentity.Owner owner = null;
    try {
      // GIVEN a test JVM in the middle of the HTTP probe on the host, its containers launched
      killed = startJvm(KilledRunTestCases.ServersAndContainers.class, state, tmp, "killed.log");
      long pid = killed.pid();
      await(() -> ProcStat.startTicks(pid).isPresent(), Duration.ofSeconds(10), () -> "child");
      owner = ownerOf(pid);
      RunIdentity.Owner child = owner;
      await(
          () ->
              containers(child).size() == 4
                  && processes(child).containsAll(List.of("sh", "nginx", "wrk", "sleep")),
          MID_PROBE_WITHIN,
          () ->
              "4 containers, sh, nginx, wrk and a launched sleep of the child; there are "
                  + containers(child)
                  + " and "
                  + processes(child)
                  + "; it printed:\n"
                  + read(work.resolve("killed.log")));
      String runId = runIdOf(containers(child).get(0));

      // WHEN it is killed with -9 (Process.destroyForcibly sends SIGKILL)
      killed.destroyForcibly();
      assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();

      // THEN the supervised host servers died with it; its containers, the unsupervised launch,
      // the scratch directory and its state stay for the next run
      await(
          () -> !processes(child).contains("nginx") && !processes(child).contains("wrk"),
          Duration.ofSeconds(10),
          () -> "nginx and wrk to end with the JVM: " + processes(child));
      assertThat(processes(child)).containsExactly("sleep");
      assertThat(containers(child)).hasSize(4);
      assertThat(hostScratch(tmp)).hasSize(1);
      Path stateDirectory = state.resolve("junit-sandbox").resolve(RunState.directoryName(owner));
      assertThat(stateDirectory.resolve(RunState.STATE_FILE)).isRegularFile();
      // wrk's script is in the killed run's host scratch directory, which its state records, not
      // loose in the shared temporary directory
      assertThat(wrkScripts(hostScratch(tmp).get(0))).hasSize(1);
      assertThat(wrkScripts(tmp)).isEmpty();

      // WHEN the next run starts
      Process next = startJvm(KilledRunTestCases.NextRun.class, state, tmp, "next.log");
      assertThat(next.waitFor(90, TimeUnit.SECONDS)).as("the next run ends").isTrue();
      String printed = Files.readString(work.resolve("next.log"), StandardCharsets.UTF_8);

      // THEN it removed all of it, one line per kind, naming the killed run (other dead JVMs'
      // leftovers on this machine may be in the same lines, so counts are not checked here:
      // what is left of the killed JVM is, below)
      assertThat(next.exitValue()).as(printed).isZero();
      assertThat(printed.lines())
          .anyMatch(
              line ->
                  line.matches(
                          "\\[junit-sandbox\\] removed \\d+ containers? left by killed test runs"
                              + " \\(runs? .*")
                      && line.contains(runId))
          .anyMatch(
              line ->
                  line.matches(
                          "\\[junit-sandbox\\] stopped \\d+ host process(es)? left by killed test"
                              + " runs .*")
                      && line.contains(runId)
                      && line.contains("sleep (pid "))
          .anyMatch(
              line ->
                  line.matches(
                          "\\[junit-sandbox\\] removed \\d+ scratch director(y|ies) left by killed"
                              + " test runs .*")
                      && line.contains(runId)
                      && line.contains(tmp.resolve("junit-sandbox-host-").toString()));
      assertThat(containers(child)).isEmpty();
      assertThat(processes(child)).isEmpty();
      assertThat(hostScratch(tmp)).isEmpty();
      assertThat(stateDirectory).doesNotExist();
      assertThat(wrkScripts(tmp)).isEmpty();
    } finally {
      // whatever happened above, this test leaves nothing behind
      if (killed != null) {
        killed.destroyForcibly();
        killed.waitFor(30, TimeUnit.SECONDS);
      }
      if (owner != null) {
        for (String id : containers(owner)) {
          docker("rm", "-f", id);
        }
        killMarked(owner);
      }
    }
  }

  private Process startJvm(Class<?> fixture, Path state, Path tmp, String log) throws IOException {
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    // under nohup, which execs java with SIGHUP ignored, as a build started under nohup does: the
    // supervisor of the host servers must still get its parent-death signal (a shell cannot trap a
    // signal ignored when it started; HostCommand resets it first)
    ProcessBuilder builder =
        new ProcessBuilder(
                "nohup",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp,
                "-cp",
                classPath,
                KilledRunMain.class.getName(),
                fixture.getName(),
                work.resolve("reports").toString())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve(log).toFile());
    builder.environment().put("XDG_STATE_HOME", state.toString());
    builder.environment().put("TESTCONTAINERS_RYUK_DISABLED", "true");
    builder.environment().put("TESTCONTAINERS_HOST_OVERRIDE", "localhost");
    return builder.start();
  }

  private static RunIdentity.Owner ownerOf(long pid) {
    RunIdentity.Owner self = RunIdentity.Owner.self();
    return new RunIdentity.Owner(
        self.bootId(), self.pidNamespace(), pid, ProcStat.startTicks(pid).orElseThrow());
  }

  /** The ids of the containers labelled with {@code owner}, as {@code docker ps -a} lists them. */
  private static List<String> containers(RunIdentity.Owner owner) {
    String out =
        docker("ps", "-aq", "--filter", "label=" + RunIdentity.OWNER_LABEL + "=" + owner.text());
    return out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  private static String runIdOf(String container) {
    return docker(
            "inspect",
            "--format",
            "{{index .Config.Labels \"" + RunIdentity.RUN_LABEL + "\"}}",
            container)
        .strip();
  }

  /**
   * The names of the host processes whose environment names {@code owner}, and of their descendants
   * (nginx overwrites its environment with its process titles).
   */
  private static List<String> processes(RunIdentity.Owner owner) {
    return marked(owner).stream()
        .flatMap(
            pid ->
                Stream.concat(
                    Stream.of(pid),
                    ProcessHandle.of(pid).stream()
                        .flatMap(ProcessHandle::descendants)
                        .map(ProcessHandle::pid)))
        .distinct()
        .filter(pid -> !ProcStat.field(pid, 3).orElse("Z").equals("Z"))
        .map(pid -> ProcStat.field(pid, 2).orElse("?"))
        .sorted()
        .toList();
  }

  private static List<Long> marked(RunIdentity.Owner owner) {
    byte[] marker =
        (RunIdentity.OWNER_VARIABLE + "=" + owner.text() + "\0").getBytes(StandardCharsets.UTF_8);
    String needle = new String(marker, StandardCharsets.ISO_8859_1);
    List<Long> pids = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path entry : entries) {
        try {
          byte[] environ = Files.readAllBytes(entry.resolve("environ"));
          String state =
              ProcStat.field(Long.parseLong(entry.getFileName().toString()), 3).orElse("Z");
          if (!state.equals("Z")
              && new String(environ, StandardCharsets.ISO_8859_1).contains(needle)) {
            pids.add(Long.parseLong(entry.getFileName().toString()));
          }
        } catch (IOException | RuntimeException ended) {
          // ended meanwhile, or not ours to read
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return pids;
  }

  private static void killMarked(RunIdentity.Owner owner) {
    for (long pid : marked(owner)) {
      ProcessHandle.of(pid)
          .ifPresent(
              handle -> {
                handle.descendants().forEach(ProcessHandle::destroyForcibly);
                handle.destroyForcibly();
              });
    }
  }

  private static List<Path> hostScratch(Path tmp) throws IOException {
    try (Stream<Path> entries = Files.list(tmp)) {
      return entries
          .filter(p -> p.getFileName().toString().startsWith("junit-sandbox-host-"))
          .toList();
    }
  }

  private static String docker(String... arguments) {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(arguments));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " did not finish within 60 s");
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  private static void await(BooleanSupplier condition, Duration within, Supplier<String> what)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("Gave up after " + within + " waiting for " + what.get());
      }
      Thread.sleep(200);
    }
  }

  /** The HTTP probe's wrk scripts directly in {@code directory}. */
  private static List<Path> wrkScripts(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.getFileName().toString().matches("wrk-.*\\.lua")).toList();
    }
  }
}
