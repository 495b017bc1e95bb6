package dev.junitsandbox.internal;

import static dev.junitsandbox.internal.EngineResultsAssert.assertThat;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Up to issue 10 the HOST baseline executed {@code <java.io.tmpdir>/junit-sandbox/<image
 * tag>/sandbox-probe} whenever it existed, without asking who put it there. Here a script is
 * planted at exactly that path, owned by {@code nobody}, and a HOST measurement runs.
 *
 * <p>The path is shared by every build on the machine, so the plant disturbs no one: it records
 * which processes ran it and then hands over to the real probe, and whatever was at the path is put
 * back afterwards.
 */
class PlantedProbeBinaryTests {

  @TempDir Path scratch;

  /** The path the HOST baseline took its binary from before this fix. */
  private static Path oldTmpPath() {
    return Path.of(
        System.getProperty("java.io.tmpdir"),
        "junit-sandbox",
        ProbeImage.tag().replace(':', '-'),
        "sandbox-probe");
  }

  @Test
  void aBinaryPlantedAtTheOldTmpPathIsNotExecuted() throws Exception {
    // GIVEN a real probe to hand over to, and the plant that records each run's process ancestry
    Path realProbe =
        HostProbeBinary.forThisUser(
                DockerDaemon.unreachable("unix:///unused.sock", "not needed"),
                () -> {
                  throw new IllegalStateException("not needed: the host has a compiler");
                })
            .resolve();
    Path witness = scratch.resolve("executed-by");
    String plant =
        String.join(
            "\n",
            "#!/bin/sh",
            "# planted by " + PlantedProbeBinaryTests.class.getName(),
            "p=$$; chain=''",
            "while [ \"$p\" -gt 1 ] 2>/dev/null; do",
            "  chain=\"$chain $p\"",
            "  p=$(awk '/^PPid:/ { print $2 }' /proc/$p/status 2>/dev/null || echo 0)",
            "done",
            "echo \"$chain \" >> '" + witness + "' 2>/dev/null",
            "exec '" + realProbe + "' \"$@\"",
            "");
    String me = " " + ProcessHandle.current().pid() + " ";

    try (Planted planted = Planted.at(oldTmpPath(), plant)) {
      // the plant works: run directly, it records this JVM and answers as the probe
      assertThat(
              HostProbeContext.run(
                      Duration.ofSeconds(10), List.of(oldTmpPath().toString(), "--version"))
                  .stdout())
          .startsWith("junit-sandbox-probe 1");
      assertThat(Files.readString(witness)).contains(me);
      Files.delete(witness);

      // WHEN a HOST measurement runs
      EngineExecutionResults results =
          EngineRuns.run(
              PlantedProbeBinaryTestCases.GetpidOnHost.class, scratch.resolve("reports"));

      // THEN it measured, and no process of this JVM ran the plant
      assertThat(results).hasSucceededTest("getpid() [host]");
      List<String> runs = Files.exists(witness) ? Files.readAllLines(witness) : List.of();
      assertThat(runs).as("process chains that ran the plant").noneMatch(run -> run.contains(me));
    }
    String left = Files.exists(oldTmpPath()) ? Files.readString(oldTmpPath(), ISO_8859_1) : "";
    assertThat(left).as("what is at the old path afterwards").doesNotContain("planted by");
  }

  /** A file planted at a shared path, removed and the previous content put back on close. */
  private record Planted(Path path, Optional<Path> saved, Deque<Path> createdDirectories)
      implements AutoCloseable {

    static Planted at(Path path, String script) throws IOException {
      Deque<Path> created = new ArrayDeque<>();
      for (Path missing = path.getParent(); !Files.exists(missing); missing = missing.getParent()) {
        created.push(missing);
      }
      Files.createDirectories(path.getParent());
      Optional<Path> saved = Optional.empty();
      if (Files.exists(path)) {
        Path aside =
            path.resolveSibling(path.getFileName() + ".saved-" + ProcessHandle.current().pid());
        Files.move(path, aside, StandardCopyOption.ATOMIC_MOVE);
        saved = Optional.of(aside);
      }
      Path part = Files.createTempFile(path.getParent(), "plant", ".part");
      Files.writeString(part, script);
      Files.setPosixFilePermissions(part, PosixFilePermissions.fromString("rwxr-xr-x"));
      // another user's file, as an attacker's would be
      if (PrivateDirectory.currentUid() == 0) {
        HostProbeContext.run(Duration.ofSeconds(10), List.of("chown", "nobody", part.toString()));
      }
      Files.move(part, path, StandardCopyOption.ATOMIC_MOVE);
      return new Planted(path, saved, created);
    }

    @Override
    public void close() throws IOException {
      if (saved.isPresent()) {
        Files.move(
            saved.get(), path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } else {
        Files.deleteIfExists(path);
      }
      // deepest first
      createdDirectories.stream()
          .sorted(Comparator.comparingInt(Path::getNameCount).reversed())
          .forEach(PlantedProbeBinaryTests::deleteIfEmpty);
    }
  }

  private static void deleteIfEmpty(Path directory) {
    try {
      Files.deleteIfExists(directory);
    } catch (IOException notEmpty) {
      // another build put something there meanwhile: it stays
    }
  }
}
