package dev.junitsandbox.internal;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.junitsandbox.internal.docker.DaemonCalls;
import dev.junitsandbox.probe.ProbeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;

/**
 * The probe image ({@code runtimes/probe/}, shipped in the jar) and its sources.
 *
 * <p>The tag is derived from the sources, so a changed probe means a new image and an unchanged one
 * is never rebuilt; {@code runtimes/setup.sh} computes the same tag. If the image is absent the
 * library builds it (this needs the base image {@code debian:bookworm-slim} and a Debian mirror),
 * so a user's machine does not depend on our setup script.
 */
final class ProbeImage {

  /** The files under {@code runtimes/probe/}, in name order; a test checks this list. */
  static final List<String> SOURCES = List.of("Dockerfile", "sandbox-probe.c");

  private static final String RESOURCE_DIR = "dev/junitsandbox/probe-image/";
  private static final String REPOSITORY = "junit-sandbox/probe";
  private static final Logger LOG = Logger.getLogger(ProbeImage.class.getName());

  private ProbeImage() {}

  /**
   * {@code junit-sandbox/probe:<12 hex digits>}: sha256 over each source's name, a NUL byte and its
   * content, in name order.
   */
  static String tag() {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      for (String name : SOURCES) {
        sha256.update(name.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(source(name));
      }
      return REPOSITORY + ":" + HexFormat.of().formatHex(sha256.digest()).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The content of the probe source {@code name}, one of {@link #SOURCES}. */
  static byte[] source(String name) {
    try (InputStream in =
        ProbeImage.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "the probe source " + RESOURCE_DIR + name + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // how long building the probe image may take: it installs Debian's packages from the mirror
  private static final Duration BUILD_LIMIT = Duration.ofMinutes(15);

  private static com.github.dockerjava.api.DockerClient calls() {
    return DockerClientFactory.instance().client();
  }

  /** Makes sure the image exists locally, building it if needed; returns its tag. */
  static String ensureAvailable() {
    String tag = tag();
    try {
      DaemonCalls.of(DaemonCalls.DEFAULT_LIMIT)
          .call("inspection of image " + tag, () -> calls().inspectImageCmd(tag).exec());
      return tag;
    } catch (NotFoundException absent) {
      LOG.info(() -> "Building the probe image " + tag + " (once per probe version)");
    }
    ImageFromDockerfile build = new ImageFromDockerfile(tag, false);
    for (String source : SOURCES) {
      build.withFileFromClasspath(source, RESOURCE_DIR + source);
    }
    try {
      // bounded too: the build installs Debian's packages, a few minutes on a slow mirror
      build.get(BUILD_LIMIT.toMinutes(), TimeUnit.MINUTES);
      return tag;
    } catch (TimeoutException e) {
      throw new ProbeException(
          String.format(
              "The build of the probe image %s did not finish within %d minutes; build it by hand"
                  + " to see where it stops: bash runtimes/setup.sh",
              tag, BUILD_LIMIT.toMinutes()),
          e);
    } catch (RuntimeException e) {
      throw new ProbeException(
          String.format(
              "Cannot build the probe image %s: %s%nIt needs the base image debian:bookworm-slim"
                  + " and a reachable Debian mirror; runtimes/setup.sh prepares both, even"
                  + " offline.",
              tag, e.getMessage()),
          e);
    }
  }

  /**
   * Copies the probe binary out of the image {@code tag} to {@code target} (which must not exist),
   * through a short-lived container; the Docker daemon must be up.
   */
  static void copyBinary(String tag, Path target) {
    try (GenericContainer<?> container =
        new GenericContainer<>(DockerImageName.parse(tag))
            .withCommand("sleep", "infinity")
            // the run and the owning JVM too: the next run removes it if this JVM is killed
            .withLabels(RunIdentity.current().labelsWith(RunIdentity.LABEL, "probe-copy"))) {
      container.start();
      container.copyFileFromContainer(
          ContainerProbeContext.PROBE_BINARY, in -> Files.copy(in, target));
    } catch (RuntimeException e) {
      throw new ProbeException("Cannot copy the probe binary out of " + tag + ": " + e, e);
    }
  }
}
