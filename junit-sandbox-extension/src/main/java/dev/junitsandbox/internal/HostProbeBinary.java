package dev.junitsandbox.internal;

import dev.junitsandbox.internal.docker.DaemonCalls;
import dev.junitsandbox.probe.ExecResult;
import dev.junitsandbox.probe.ProbeException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The probe binary the {@code HOST} baseline runs, from a source that does not need Docker: built
 * from {@code sandbox-probe.c} (shipped in the jar) with the host's C compiler, with the flags the
 * probe image uses; copied out of the probe image only when there is no compiler and the daemon is
 * up. Kept in a {@link PrivateDirectory} under the source's hash, so it is built once per probe
 * version and never executed from a place another user could have written.
 */
final class HostProbeBinary {

  /** The compilers tried, in order, on the {@code PATH}. */
  static final List<String> COMPILERS = List.of("cc", "gcc", "clang");

  private static final String SOURCE = "sandbox-probe.c";
  // as the probe image's Dockerfile, without -Werror: a newer compiler's new warning must not
  // cost the baseline
  private static final List<String> FLAGS = List.of("-O2", "-Wall", "-Wextra");
  private static final Duration COMPILE_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(10);
  private static final String VERSION_PREFIX = "junit-sandbox-probe ";
  private static final Logger LOG = Logger.getLogger(HostProbeBinary.class.getName());

  private final Path directory;
  private final Optional<Path> compiler;
  private final DockerDaemon daemon;
  private final Supplier<String> image;

  /**
   * @param directory the private directory that keeps the binary; created owner-only if absent
   * @param compiler the C compiler, or empty if the host has none
   * @param daemon the daemon's answer: the image is used only if it is reachable
   * @param image the probe image's tag, built on first use
   */
  HostProbeBinary(
      Path directory, Optional<Path> compiler, DockerDaemon daemon, Supplier<String> image) {
    this.directory = directory;
    this.compiler = compiler;
    this.daemon = daemon;
    this.image = image;
  }

  /** The binary for the user running the tests, in their cache directory. */
  static HostProbeBinary forThisUser(DockerDaemon daemon, Supplier<String> image) {
    return new HostProbeBinary(
        PrivateDirectory.userCache(), findCompiler(System.getenv("PATH")), daemon, image);
  }

  /** The first of {@link #COMPILERS} that is an executable file in a directory of {@code path}. */
  static Optional<Path> findCompiler(String path) {
    if (path == null) {
      return Optional.empty();
    }
    List<Path> directories =
        Arrays.stream(path.split(File.pathSeparator))
            .filter(entry -> !entry.isBlank())
            .map(Path::of)
            .toList();
    for (String name : COMPILERS) {
      for (Path directory : directories) {
        Path candidate = directory.resolve(name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The binary's path, checked; built (or copied) first if this probe version has none yet.
   *
   * @throws ProbeException if the directory or the binary in it fails the checks of {@link
   *     PrivateDirectory}, or if the binary can be neither built nor copied: the message names what
   *     is missing and how to install it
   */
  Path resolve() {
    Path privateDirectory = PrivateDirectory.ensure(directory);
    Path binary = privateDirectory.resolve("sandbox-probe-" + sourceHash());
    if (Files.exists(binary, LinkOption.NOFOLLOW_LINKS)) {
      PrivateDirectory.checkFile(binary);
      return binary;
    }
    Path build = null;
    try {
      // a build directory per attempt: concurrent runs never write each other's files
      build = Files.createTempDirectory(privateDirectory, "build-");
      Path candidate = build.resolve("sandbox-probe");
      List<String> failures = new ArrayList<>();
      if (!compile(build, candidate, failures) && !copyFromImage(candidate, failures)) {
        throw new ProbeException(cannotMake(failures));
      }
      Files.setPosixFilePermissions(candidate, PosixFilePermissions.fromString("rwx------"));
      checkRuns(candidate);
      // atomic: a concurrent run sees either no binary or a whole one
      Files.move(
          candidate, binary, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      PrivateDirectory.checkFile(binary);
      return binary;
    } catch (IOException e) {
      throw new ProbeException("Cannot make the probe binary in " + privateDirectory + ": " + e, e);
    } finally {
      if (build != null) {
        RunState.deleteRecursively(build);
      }
    }
  }

  private boolean compile(Path build, Path output, List<String> failures) throws IOException {
    if (compiler.isEmpty()) {
      failures.add(
          "there is no C compiler to build it from source (none of "
              + String.join(", ", COMPILERS)
              + " is on the PATH)");
      return false;
    }
    Path source = build.resolve(SOURCE);
    Files.write(source, ProbeImage.source(SOURCE));
    // static as in the image, so both sides run the same code; dynamic if the host lacks the
    // static C library (e.g. Fedora without glibc-static)
    ExecResult result;
    try {
      result = HostProbeContext.run(COMPILE_TIMEOUT, command(source, output, true));
      if (!result.succeeded()) {
        result = HostProbeContext.run(COMPILE_TIMEOUT, command(source, output, false));
      }
    } catch (ProbeException cannotRun) {
      failures.add("building it from source failed: " + cannotRun.getMessage());
      return false;
    }
    if (!result.succeeded()) {
      failures.add(
          String.format(
              "building it from source failed: '%s' exited with %d: %s",
              String.join(" ", result.command()), result.exitCode(), tail(result.stderr())));
      return false;
    }
    LOG.info(() -> "Built the HOST probe binary with " + compiler.orElseThrow() + ": " + output);
    return true;
  }

  private List<String> command(Path source, Path output, boolean linkStatically) {
    List<String> command = new ArrayList<>();
    command.add(compiler.orElseThrow().toString());
    command.addAll(FLAGS);
    if (linkStatically) {
      command.add("-static");
    }
    command.addAll(List.of("-o", output.toString(), source.toString()));
    return command;
  }

  private boolean copyFromImage(Path output, List<String> failures) {
    if (!daemon.reachable()) {
      failures.add("it cannot be copied out of the probe image without Docker: " + daemon.error());
      return false;
    }
    try {
      ProbeImage.copyBinary(image.get(), output);
      return true;
    } catch (RuntimeException e) {
      failures.add("copying it out of the probe image failed: " + e.getMessage());
      return false;
    }
  }

  private static String cannotMake(List<String> failures) {
    return String.format(
        "The HOST baseline needs the sandbox-probe binary, and it cannot be made here: %s. Fix:"
            + " install a C compiler and the C library's headers (Debian/Ubuntu: apt-get install"
            + " gcc libc6-dev; runtimes/setup.sh does), or %s so that the binary is copied out of"
            + " the probe image.",
        String.join("; and ", failures), DaemonCalls.START_DAEMON);
  }

  private static void checkRuns(Path candidate) {
    ExecResult version =
        HostProbeContext.run(VERSION_TIMEOUT, List.of(candidate.toString(), "--version"));
    if (!version.succeeded() || !version.stdout().startsWith(VERSION_PREFIX)) {
      throw new ProbeException(
          String.format(
              "The probe binary just made (%s) does not run here: '--version' exited with %d and"
                  + " printed '%s' (expected a line starting with '%s'); stderr: %s",
              candidate,
              version.exitCode(),
              version.stdout().strip(),
              VERSION_PREFIX,
              tail(version.stderr())));
    }
  }

  /** 12 hex digits of the source's sha256: a changed probe gets a new binary. */
  static String sourceHash() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(ProbeImage.source(SOURCE));
      return java.util.HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static String tail(String output) {
    List<String> lines = output.strip().lines().toList();
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
  }
}
