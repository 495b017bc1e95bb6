package dev.junitsandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.junitsandbox.probe.ProbeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the HOST baseline's probe binary comes from, with a real compiler, a real daemon or a
 * socket nobody listens on, and real files: built with the host's compiler without Docker, copied
 * out of the image only without a compiler, and never executed from a directory or file another
 * user could have written.
 */
class HostProbeBinaryTests {

  private static final Optional<Path> NO_COMPILER = Optional.empty();

  /** A daemon that is down: the answer of a real query to a socket nobody listens on. */
  private static final DockerDaemon DOWN =
      DockerDaemon.query("unix:///nonexistent/junit-sandbox-test/docker.sock");

  private static final Supplier<String> NO_IMAGE =
      () -> fail("the probe image must not be needed when the host has a compiler");

  @TempDir Path scratch;
  private Path cache;
  private Path marker;

  @BeforeEach
  void paths() {
    cache = scratch.resolve("home/.cache/junit-sandbox");
    marker = scratch.resolve("executed");
  }

  private static Optional<Path> hostCompiler() {
    Optional<Path> compiler = HostProbeBinary.findCompiler(System.getenv("PATH"));
    // a fact of the machine, not of the code under test: runtimes/setup.sh installs gcc
    assumeThat(compiler)
        .as("a C compiler on the PATH (runtimes/setup.sh installs gcc)")
        .isPresent();
    return compiler;
  }

  private static String version(Path binary) {
    return HostProbeContext.run(Duration.ofSeconds(10), List.of(binary.toString(), "--version"))
        .stdout();
  }

  /** A script that leaves {@link #marker} behind if anything executes it. */
  private void plant(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\ntouch '" + marker + "'\necho 'junit-sandbox-probe 1'\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static void chown(Path path, String user) {
    assumeThat(PrivateDirectory.currentUid()).as("root, to give a file to another user").isZero();
    assertThat(
            HostProbeContext.run(
                    Duration.ofSeconds(10), List.of("chown", "-h", user, path.toString()))
                .succeeded())
        .as("chown %s %s", user, path)
        .isTrue();
  }

  private Path plantedBinary() {
    return cache.resolve("sandbox-probe-" + HostProbeBinary.sourceHash());
  }

  @Test
  void buildsTheBinaryWithTheHostsCompilerWhileTheDaemonIsDown() throws IOException {
    // GIVEN
    HostProbeBinary source = new HostProbeBinary(cache, hostCompiler(), DOWN, NO_IMAGE);

    // WHEN
    Path binary = source.resolve();

    // THEN it is the probe, in an owner-only directory, and nothing else is left there
    assertThat(version(binary)).startsWith("junit-sandbox-probe 1");
    assertThat(binary.getParent()).isEqualTo(cache);
    assertThat(Files.getPosixFilePermissions(cache))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(Files.getPosixFilePermissions(binary))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(Files.list(cache)).containsExactly(binary);
  }

  @Test
  void keepsTheBinaryForTheNextRunUnderItsSourceHash() {
    // GIVEN a first run built it
    Path built = new HostProbeBinary(cache, hostCompiler(), DOWN, NO_IMAGE).resolve();

    // WHEN a later run has neither compiler nor daemon
    Path kept = new HostProbeBinary(cache, NO_COMPILER, DOWN, NO_IMAGE).resolve();

    // THEN
    assertThat(kept).isEqualTo(built);
    assertThat(version(kept)).startsWith("junit-sandbox-probe 1");
  }

  @Test
  void copiesTheBinaryOutOfTheProbeImageWhenThereIsNoCompiler() {
    DockerDaemon daemon = DockerDaemon.query();
    assumeThat(daemon.reachable()).as("Docker daemon reachable: %s", daemon.error()).isTrue();
    // GIVEN
    HostProbeBinary source =
        new HostProbeBinary(cache, NO_COMPILER, daemon, ProbeImage::ensureAvailable);

    // WHEN
    Path binary = source.resolve();

    // THEN it is the static probe from the image, runnable here
    assertThat(version(binary)).startsWith("junit-sandbox-probe 1");
    assertThat(binary.getParent()).isEqualTo(cache);
  }

  @Test
  void saysWhatIsMissingWhenThereIsNeitherACompilerNorADaemon() {
    // GIVEN
    HostProbeBinary source = new HostProbeBinary(cache, NO_COMPILER, DOWN, NO_IMAGE);

    // WHEN / THEN
    assertThatThrownBy(source::resolve)
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("The HOST baseline needs the sandbox-probe binary")
        .hasMessageContaining("there is no C compiler to build it from source")
        .hasMessageContaining(
            "cannot reach the Docker daemon at unix:///nonexistent/junit-sandbox-test/docker.sock")
        .hasMessageContaining("apt-get install gcc libc6-dev; runtimes/setup.sh does")
        .hasMessageContaining("start the Docker daemon");
  }

  @Test
  void saysWhyTheCompilerFailed() throws IOException {
    // GIVEN a "compiler" that cannot compile
    Path broken = scratch.resolve("bin/cc");
    Files.createDirectories(broken.getParent());
    Files.writeString(broken, "#!/bin/sh\necho 'cc: fatal error: no C library here' >&2\nexit 4\n");
    Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rwx------"));
    HostProbeBinary source = new HostProbeBinary(cache, Optional.of(broken), DOWN, NO_IMAGE);

    // WHEN / THEN
    assertThatThrownBy(source::resolve)
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("building it from source failed")
        .hasMessageContaining("exited with 4: cc: fatal error: no C library here")
        .hasMessageContaining("cannot reach the Docker daemon");
  }

  @Test
  void refusesADirectoryOwnedByAnotherUserAndExecutesNothingInIt() throws IOException {
    // GIVEN another user's directory where ours would be, with a binary of the right name
    plant(plantedBinary());
    Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwx------"));
    chown(cache, "nobody");
    HostProbeBinary source = new HostProbeBinary(cache, hostCompiler(), DOWN, NO_IMAGE);

    // WHEN / THEN
    assertThatThrownBy(source::resolve)
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("Refusing to execute anything from " + cache)
        .hasMessageContaining("is owned by nobody (uid 65534), not by the user running the tests")
        .hasMessageContaining("rm -r " + cache);
    assertThat(marker).doesNotExist();
  }

  @Test
  void refusesADirectoryOthersCanWrite() throws IOException {
    // GIVEN
    plant(plantedBinary());
    Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));
    HostProbeBinary source = new HostProbeBinary(cache, hostCompiler(), DOWN, NO_IMAGE);

    // WHEN / THEN
    assertThatThrownBy(source::resolve)
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("is writable by group or others (mode 0777)");
    assertThat(marker).doesNotExist();
  }

  @Test
  void refusesADirectoryThatIsASymbolicLink() throws IOException {
    // GIVEN our directory's name pointing somewhere else, where a binary waits
    Path elsewhere = scratch.resolve("elsewhere");
    plant(elsewhere.resolve(plantedBinary().getFileName()));
    Files.createDirectories(cache.getParent());
    Files.createSymbolicLink(cache, elsewhere);
    HostProbeBinary source = new HostProbeBinary(cache, hostCompiler(), DOWN, NO_IMAGE);

    // WHEN / THEN
    assertThatThrownBy(source::resolve)
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining(cache + " is a symbolic link (to " + elsewhere + ")");
    assertThat(marker).doesNotExist();
  }

  @Test
  void refusesABinaryAnotherUserOwnsInOurDirectory() throws IOException {
    // GIVEN a private directory of ours, and another user's file under the binary's name
    PrivateDirectory.ensure(cache);
    plant(plantedBinary());
    chown(plantedBinary(), "nobody");
    HostProbeBinary source = new HostProbeBinary(cache, hostCompiler(), DOWN, NO_IMAGE);

    // WHEN / THEN
    assertThatThrownBy(source::resolve)
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining(plantedBinary() + " is owned by nobody (uid 65534)");
    assertThat(marker).doesNotExist();
  }

  @Test
  void refusesADirectoryBelowOneThatOthersCanWrite() throws IOException {
    // GIVEN a parent anyone may write to, without the sticky bit /tmp has
    Files.createDirectories(cache.getParent());
    Files.setPosixFilePermissions(cache.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
    HostProbeBinary source = new HostProbeBinary(cache, hostCompiler(), DOWN, NO_IMAGE);

    // WHEN / THEN
    assertThatThrownBy(source::resolve)
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("the directory above it, " + cache.getParent() + ", is owned by")
        .hasMessageContaining("with mode 0777, so another user could replace what is below it")
        .hasMessageContaining("XDG_CACHE_HOME");
    assertThat(cache).doesNotExist();
  }

  @Test
  void createsMissingParentsOwnerOnly() throws IOException {
    // WHEN
    PrivateDirectory.ensure(cache);

    // THEN ~/.cache did not exist either and is now the user's alone
    assertThat(Files.getPosixFilePermissions(cache.getParent()))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(Files.isSymbolicLink(cache)).isFalse();
    assertThat(Files.getAttribute(cache, "unix:uid", LinkOption.NOFOLLOW_LINKS))
        .isEqualTo(PrivateDirectory.currentUid());
  }
}
