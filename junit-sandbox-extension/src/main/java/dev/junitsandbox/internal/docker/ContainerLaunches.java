package dev.junitsandbox.internal.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.testcontainers.DockerClientFactory;

/**
 * Containers the startup and footprint probes create themselves, beside the sandbox's own: made
 * through the daemon's API under the sandbox's runtime, labelled like every container this project
 * starts, and named, so that they can be removed even when a call that would have returned the id
 * never did.
 */
public final class ContainerLaunches {

  public static final String LABEL_KEY = "dev.junitsandbox";
  public static final String LABEL_VALUE = "probe";

  private ContainerLaunches() {}

  public static DockerClient docker() {
    return DockerClientFactory.instance().client();
  }

  /** A name prefix no other run uses: {@code junit-sandbox-startup-1a2b3c4d-}. */
  public static String uniquePrefix(String purpose) {
    byte[] random = new byte[4];
    ThreadLocalRandom.current().nextBytes(random);
    return "junit-sandbox-" + purpose + "-" + HexFormat.of().formatHex(random) + "-";
  }

  /** The create call for {@code command} in {@code image} under {@code runtime}; not yet sent. */
  public static CreateContainerCmd create(
      DockerClient docker, String image, String runtime, String name, List<String> command) {
    return docker
        .createContainerCmd(image)
        .withName(name)
        .withLabels(Map.of(LABEL_KEY, LABEL_VALUE))
        .withCmd(command)
        .withHostConfig(HostConfig.newHostConfig().withRuntime(runtime));
  }

  /**
   * Removes the container called {@code name} with its volumes, killing it if it runs. A container
   * that does not exist (never created, or removed already) is fine.
   *
   * @return the error if removal failed for another reason, else null
   */
  public static RuntimeException removeQuietly(DockerClient docker, String name) {
    try {
      docker.removeContainerCmd(name).withForce(true).withRemoveVolumes(true).exec();
      return null;
    } catch (NotFoundException gone) {
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }

  /** The command a person would type to reproduce a launch. */
  public static String dockerRun(String runtime, String image, List<String> command) {
    return "docker run --rm --runtime " + runtime + " " + image + " " + String.join(" ", command);
  }
}
