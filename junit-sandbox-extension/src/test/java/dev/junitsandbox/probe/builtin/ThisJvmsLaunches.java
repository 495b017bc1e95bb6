package dev.junitsandbox.probe.builtin;

import com.github.dockerjava.api.model.Container;
import dev.junitsandbox.internal.RunIdentity;
import java.util.List;
import java.util.Map;
import org.testcontainers.DockerClientFactory;

/** The containers {@code ProbeContext.launch} made in this JVM and that still exist. */
final class ThisJvmsLaunches {

  private ThisJvmsLaunches() {}

  static List<Container> list() {
    return DockerClientFactory.instance()
        .client()
        .listContainersCmd()
        .withShowAll(true)
        .withNameFilter(List.of("junit-sandbox-launch-"))
        // this JVM's only: another build on the same daemon may have launches up right now
        .withLabelFilter(Map.of(RunIdentity.OWNER_LABEL, RunIdentity.Owner.self().text()))
        .exec();
  }
}
