package dev.junitsandbox.internal.report;

import dev.junitsandbox.ContainerRuntime;
import java.util.Comparator;

/** The order reports list runtimes in: the well-known ones in their enum order (host first). */
final class RuntimeOrder {

  /** Well-known runtime ids by {@link ContainerRuntime} order, then any other by id. */
  static final Comparator<String> HOST_FIRST =
      Comparator.comparingInt(RuntimeOrder::knownIndex).thenComparing(Comparator.naturalOrder());

  private RuntimeOrder() {}

  /** Whether {@code runtimeId} is the host baseline's. */
  static boolean isHost(String runtimeId) {
    return ContainerRuntime.HOST.id().equals(runtimeId);
  }

  private static int knownIndex(String runtimeId) {
    for (ContainerRuntime known : ContainerRuntime.values()) {
      if (known.id().equals(runtimeId)) {
        return known.ordinal();
      }
    }
    return Integer.MAX_VALUE;
  }
}
