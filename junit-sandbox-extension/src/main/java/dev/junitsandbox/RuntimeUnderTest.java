package dev.junitsandbox;

import dev.junitsandbox.internal.RunIdentity;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.testcontainers.containers.GenericContainer;

/**
 * The runtime one invocation of a {@link Runtimes} test runs on: an identifier for display names
 * and reports, and what makes its sandboxes: the Docker runtime name the container is started with,
 * or none for the host baseline and for Incus system containers ({@link #incus()}), which are not
 * Docker containers.
 */
public final class RuntimeUnderTest {

  private static final Pattern DOCKER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  private final String id;
  private final String dockerName;
  private final boolean incus;

  private RuntimeUnderTest(String id, String dockerName, boolean incus) {
    this.id = id;
    this.dockerName = dockerName;
    this.incus = incus;
  }

  /** The host baseline: no container. */
  public static RuntimeUnderTest host() {
    return new RuntimeUnderTest(ContainerRuntime.HOST.id(), null, false);
  }

  /**
   * Incus system containers ({@link ContainerRuntime#INCUS}): not a Docker runtime; the sandboxes
   * are containers of the Incus daemon on this machine.
   */
  public static RuntimeUnderTest incus() {
    return new RuntimeUnderTest(ContainerRuntime.INCUS.id(), null, true);
  }

  /**
   * Incus virtual machines ({@link ContainerRuntime#INCUS_VM}): not a Docker runtime; see there
   * what they need.
   */
  public static RuntimeUnderTest incusVm() {
    return new RuntimeUnderTest(ContainerRuntime.INCUS_VM.id(), null, true);
  }

  /**
   * A Docker runtime.
   *
   * @param id the identifier shown in display names and reports, e.g. {@code "runsc"}
   * @param dockerName the runtime's name as registered with the daemon, e.g. {@code "runsc"}
   * @throws IllegalArgumentException if the Docker name is not a valid runtime name
   */
  public static RuntimeUnderTest docker(String id, String dockerName) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(dockerName, "dockerName");
    if (!isValidDockerName(dockerName)) {
      throw new IllegalArgumentException(
          String.format(
              "Docker runtime name '%s' is not valid: it must match %s (letters, digits, '_', '.',"
                  + " '-', starting with a letter or digit)",
              dockerName, DOCKER_NAME.pattern()));
    }
    return new RuntimeUnderTest(id, dockerName, false);
  }

  /** Whether {@code name} can be a Docker runtime name. */
  public static boolean isValidDockerName(String name) {
    return name != null && DOCKER_NAME.matcher(name).matches();
  }

  /** The identifier shown in display names and reports, never null. */
  public String id() {
    return id;
  }

  /** The Docker runtime name, or empty for the host and for Incus. */
  public Optional<String> dockerName() {
    return Optional.ofNullable(dockerName);
  }

  /** Whether this is the host baseline. */
  public boolean isHost() {
    return dockerName == null && !incus;
  }

  /**
   * Whether its sandboxes are made by Incus (system containers, or virtual machines for {@link
   * #incusVm()}) rather than by Docker.
   */
  public boolean isIncus() {
    return incus;
  }

  /**
   * Puts {@code container} under this runtime: it will be created with {@code HostConfig.runtime}
   * set to {@link #dockerName()}, or, for the host baseline, left to the daemon's default runtime.
   * It also gets the labels {@code dev.junitsandbox.run} and {@code dev.junitsandbox.owner}, so
   * that the next test run removes it if this JVM is killed before it could. Call it before the
   * container starts.
   *
   * @return the same container, for chaining
   * @throws IllegalStateException if the container is already running, or this is {@link #incus()},
   *     which has no Docker runtime to put a container under
   */
  public <T extends GenericContainer<?>> T applyTo(T container) {
    Objects.requireNonNull(container, "container");
    if (incus) {
      throw new IllegalStateException(
          String.format(
              "Cannot put container %s under runtime %s: Incus system containers are not a Docker"
                  + " runtime, so a Testcontainers container cannot run under it. Leave %s out of"
                  + " @Runtimes where the test starts Docker containers, or give the field"
                  + " @DefaultRuntime",
              container.getDockerImageName(), id, ContainerRuntime.INCUS));
    }
    if (container.getContainerId() != null) {
      throw new IllegalStateException(
          String.format(
              "Cannot put container %s under runtime %s: it is already running. Apply the"
                  + " runtime before start(), or leave the container to @Runtimes (see its"
                  + " javadoc)",
              container.getDockerImageName(), this));
    }
    String name = dockerName;
    // HostConfig.runtime is what `docker run --runtime` sets, null the daemon's default. The last
    // modifier wins, so a container reused across class passes runs under the current pass's
    container.withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withRuntime(name));
    container.withLabels(RunIdentity.current().labels());
    return container;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RuntimeUnderTest that
        && id.equals(that.id)
        && Objects.equals(dockerName, that.dockerName)
        && incus == that.incus;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, dockerName, incus);
  }

  @Override
  public String toString() {
    return dockerName == null || id.equals(dockerName)
        ? id
        : id + " (docker runtime " + dockerName + ")";
  }
}
