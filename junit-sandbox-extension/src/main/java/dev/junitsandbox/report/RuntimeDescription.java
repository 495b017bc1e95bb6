package dev.junitsandbox.report;

import java.util.List;
import java.util.Objects;

/**
 * The runtime a report's measurements come from, as the daemon registered it.
 *
 * @param id junit-sandbox's id, e.g. {@code "runsc"} or {@code "host"}
 * @param dockerName the Docker runtime name, or {@code null} for the host
 * @param path the runtime binary the daemon runs, or {@code null} if the daemon does not say
 * @param runtimeArgs the extra arguments the daemon passes it, e.g. {@code --network=host}; copied
 * @param version the first line of {@code <path> --version}, or {@code "unknown"}
 */
public record RuntimeDescription(
    String id, String dockerName, String path, List<String> runtimeArgs, String version) {

  public RuntimeDescription {
    Objects.requireNonNull(id, "id");
    runtimeArgs = runtimeArgs == null ? List.of() : List.copyOf(runtimeArgs);
    version = version == null ? "unknown" : version;
  }
}
