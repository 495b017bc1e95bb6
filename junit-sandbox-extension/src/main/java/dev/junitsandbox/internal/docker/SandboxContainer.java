package dev.junitsandbox.internal.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.HostConfig;
import dev.junitsandbox.internal.docker.DaemonCalls.DaemonCallTimeout;
import dev.junitsandbox.probe.ProbeException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The long-lived container of one invocation (the probe container), created, started, inspected and
 * removed through {@link DaemonCalls}, so that each of those calls is bounded.
 *
 * <p>Why not Testcontainers' {@code GenericContainer}: its start and close make daemon calls we
 * cannot bound or interrupt safely, and a runtime that hangs in {@code start} blocks them (and
 * every {@code inspect} of the container) for as long as it hangs. A failure in any phase fails
 * with a message that names the runtime, the phase, the time waited, what was killed to remove the
 * container, and the {@code docker run} command that reproduces it.
 */
public final class SandboxContainer implements AutoCloseable {

  private final DaemonCalls calls;
  private final String runtime;
  private final String image;
  private final String name;
  private final String id;
  private final InspectContainerResponse info;

  private SandboxContainer(
      DaemonCalls calls,
      String runtime,
      String image,
      String name,
      String id,
      InspectContainerResponse info) {
    this.calls = calls;
    this.runtime = runtime;
    this.image = image;
    this.name = name;
    this.id = id;
    this.info = info;
  }

  /**
   * Creates and starts {@code command} in {@code image} under the Docker runtime {@code runtime},
   * labelled {@code labels}, named {@code junit-sandbox-<random>}.
   *
   * @throws ProbeException if a phase fails or does not return within the limit, after removing
   *     what it made (killing the container's host processes if the daemon cannot remove it)
   */
  public static SandboxContainer start(
      DaemonCalls calls,
      String runtime,
      String image,
      List<String> command,
      Map<String, String> labels) {
    String name = uniqueName();
    long begin = System.nanoTime();
    String id = null;
    String phase = "create";
    try {
      id =
          calls.call(
              "create of container " + name,
              () ->
                  calls
                      .docker()
                      .createContainerCmd(image)
                      .withName(name)
                      .withLabels(labels)
                      .withCmd(command)
                      .withHostConfig(HostConfig.newHostConfig().withRuntime(runtime))
                      .exec()
                      .getId());
      String created = id;
      phase = "start";
      calls.call(
          "start of container " + name, () -> calls.docker().startContainerCmd(created).exec());
      phase = "inspect";
      InspectContainerResponse info =
          calls.call(
              "inspection of container " + name,
              () -> calls.docker().inspectContainerCmd(created).exec());
      if (!Boolean.TRUE.equals(info.getState().getRunning())) {
        throw new IllegalStateException(
            String.format(
                "it is not running after its start (status %s, exit code %s%s)",
                info.getState().getStatus(),
                info.getState().getExitCodeLong(),
                info.getState().getError() == null || info.getState().getError().isBlank()
                    ? ""
                    : ", error: " + info.getState().getError()));
      }
      return new SandboxContainer(calls, runtime, image, name, id, info);
    } catch (RuntimeException e) {
      Duration failedAfter = Duration.ofNanos(System.nanoTime() - begin);
      if (DaemonCalls.isConnectionFailure(e)) {
        // the daemon is gone: removal cannot work, and a create it never received made nothing
        throw new ProbeException(
            calls.daemonDownMessage(
                    phase + " of the probe container " + name, DaemonCalls.rootMessage(e))
                + (id == null ? ". Nothing was created." : leftUntilTheDaemonIsBack(name) + "."),
            e);
      }
      ContainerRemoval.Outcome removal = ContainerRemoval.remove(calls, name, id);
      if (id == null && e instanceof DaemonCalls.DaemonCallTimeout lateCreate) {
        // the abandoned create may still make the container after the removal by name above
        // found nothing: wait for it (bounded), then remove by name once more
        lateCreate.awaitAbandoned(calls.limit());
        removal = ContainerRemoval.remove(calls, name, null);
      }
      ProbeException failure =
          new ProbeException(
              failureMessage(calls, runtime, image, name, id, phase, failedAfter, e, removal), e);
      if (removal.error() != null) {
        failure.addSuppressed(removal.error());
      }
      throw failure;
    }
  }

  private static String failureMessage(
      DaemonCalls calls,
      String runtime,
      String image,
      String name,
      String id,
      String phase,
      Duration failedAfter,
      RuntimeException e,
      ContainerRemoval.Outcome removal) {
    String elapsed = DaemonCallTimeout.format(failedAfter);
    String container = "the probe container " + name + (id == null ? "" : " (" + shortId(id) + ")");
    String cause;
    if (e instanceof DaemonCallTimeout timeout) {
      Optional<String> down = calls.daemonDown();
      cause =
          down.isPresent()
              ? calls.daemonDownMessage(phase + " of " + container, down.get())
              : String.format(
                  "Runtime %s hangs: the %s of %s did not return within %s (gave up %s after the"
                      + " sandbox's first call); the daemon itself answers, so the runtime hangs",
                  runtime, phase, container, DaemonCallTimeout.format(timeout.limit()), elapsed);
    } else {
      cause =
          String.format(
              "Cannot %s %s under runtime %s after %s: %s",
              phase, container, runtime, elapsed, DaemonCalls.rootMessage(e));
    }
    return cause
        + ". "
        + afterwards(removal, name)
        + String.format(
            "%nReproduce with: docker run --rm --runtime %s %s true (add 'timeout 60' before it"
                + " if it hangs)",
            runtime, image);
  }

  /** What removal did, for messages: what it killed and whether the container is gone. */
  static String afterwards(ContainerRemoval.Outcome removal, String name) {
    String killed = removal.describeKilled();
    if (removal.removed()) {
      return (killed.isEmpty() ? "The container is removed" : capitalize(killed) + "; removed")
          + ".";
    }
    return (killed.isEmpty() ? "" : capitalize(killed) + "; ")
        + "cannot remove the container ("
        + DaemonCalls.rootMessage(removal.error())
        + "): remove it with docker rm -f "
        + name
        + ".";
  }

  private static String capitalize(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static String uniqueName() {
    byte[] random = new byte[6];
    ThreadLocalRandom.current().nextBytes(random);
    return "junit-sandbox-" + HexFormat.of().formatHex(random);
  }

  static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }

  /** The container's id. */
  public String id() {
    return id;
  }

  /** The container's name, {@code junit-sandbox-<random>}. */
  public String name() {
    return name;
  }

  /** What the daemon said about the container once it had started. */
  public InspectContainerResponse info() {
    return info;
  }

  /** The calls it makes, bounded. */
  public DaemonCalls calls() {
    return calls;
  }

  /**
   * Removes the container, killing its host processes if the daemon does not remove it in time.
   *
   * @throws ProbeException naming the runtime, the phase, what was killed and what is left, if it
   *     could not be removed
   */
  @Override
  public void close() {
    long begin = System.nanoTime();
    ContainerRemoval.Outcome removal = ContainerRemoval.remove(calls, id, id);
    if (removal.removed() && removal.killed().isEmpty()) {
      return;
    }
    String elapsed = DaemonCallTimeout.format(Duration.ofNanos(System.nanoTime() - begin));
    String message =
        String.format(
            "Runtime %s hangs: the removal of the probe container %s (%s) did not return within"
                + " %s (%s in all). %s%nReproduce with: docker run --rm --runtime %s %s true",
            runtime,
            name,
            shortId(id),
            DaemonCallTimeout.format(calls.limit()),
            elapsed,
            afterwards(removal, name),
            runtime,
            image);
    if (!removal.removed() && DaemonCalls.isConnectionFailure(removal.error())) {
      message =
          calls.daemonDownMessage(
                  "the removal of the probe container " + name,
                  DaemonCalls.rootMessage(removal.error()))
              + leftUntilTheDaemonIsBack(name);
    }
    throw new ProbeException(message, removal.error());
  }

  /** What a daemon that went away leaves of the container, and how to remove it. */
  private static String leftUntilTheDaemonIsBack(String name) {
    return ". The container is left: remove it with docker rm -f "
        + name
        + " once the daemon is back";
  }
}
