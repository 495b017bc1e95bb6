package dev.junitsandbox.internal.docker;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.junitsandbox.internal.host.HostProcesses;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Removes one container, bounded, and kills its host processes when the daemon cannot remove it.
 *
 * <p>Why kill: a runtime that hangs in {@code create} or {@code start} holds the container's lock
 * in the daemon, so {@code docker rm -f} (and even {@code docker inspect}) waits behind it for as
 * long as the runtime hangs (gVisor's KVM platform here: forever). Killing the container's
 * containerd shim and everything under it (the shim is their subreaper, so the runtime's processes
 * are all below it) makes the runtime's call fail, the daemon release the lock, and the removal go
 * through.
 */
public final class ContainerRemoval {

  /**
   * What a removal did.
   *
   * @param removed whether the container is gone
   * @param killed the host processes killed to get there, parents first, as {@code name (pid n)}
   * @param error why it is not gone, or null
   */
  public record Outcome(boolean removed, List<String> killed, RuntimeException error) {

    public Outcome {
      killed = List.copyOf(killed);
    }

    /** {@code killed containerd-shim-runc-v2 (pid 1), sleep (pid 2)}, or empty. */
    public String describeKilled() {
      return killed.isEmpty() ? "" : "killed its host processes " + String.join(", ", killed);
    }
  }

  private ContainerRemoval() {}

  /**
   * Removes {@code nameOrId} with its volumes, killing it if it runs; a container that does not
   * exist is fine. When the daemon does not remove it within the limit, kills the container's host
   * processes and tries again.
   *
   * @param id the container's id if known (the shim is found by it), else null: it is looked up by
   *     name
   */
  public static Outcome remove(DaemonCalls calls, String nameOrId, String id) {
    RuntimeException first;
    try {
      removeOnce(calls, nameOrId);
      return new Outcome(true, List.of(), null);
    } catch (RuntimeException e) {
      first = e;
    }
    String containerId =
        id != null
            ? id
            : nameOrId.matches("[0-9a-f]{64}") ? nameOrId : lookUpId(calls, nameOrId).orElse(null);
    if (containerId == null) {
      // the daemon has no such container (gone meanwhile) or does not answer at all
      return isGone(calls, nameOrId)
          ? new Outcome(true, List.of(), null)
          : new Outcome(false, List.of(), first);
    }
    List<String> killed = killHostProcesses(containerId);
    try {
      removeAfterKill(calls, nameOrId);
      return new Outcome(true, killed, null);
    } catch (RuntimeException e) {
      e.addSuppressed(first);
      return new Outcome(false, killed, e);
    }
  }

  private static void removeOnce(DaemonCalls calls, String nameOrId) {
    try {
      calls.call(
          "removal of container " + nameOrId,
          () ->
              calls
                  .docker()
                  .removeContainerCmd(nameOrId)
                  .withForce(true)
                  .withRemoveVolumes(true)
                  .exec());
    } catch (NotFoundException gone) {
      // never created, or removed already
    }
  }

  /**
   * After the kill the first removal, abandoned but still pending in the daemon, usually goes
   * through by itself; a second one meanwhile answers "removal already in progress": wait for it.
   */
  private static void removeAfterKill(DaemonCalls calls, String nameOrId) {
    long deadline = System.nanoTime() + calls.limit().toNanos();
    while (true) {
      try {
        removeOnce(calls, nameOrId);
        return;
      } catch (ConflictException inProgress) {
        if (System.nanoTime() > deadline) {
          throw inProgress;
        }
        sleep();
      }
    }
  }

  private static boolean isGone(DaemonCalls calls, String nameOrId) {
    try {
      calls.call(
          "inspection of container " + nameOrId,
          () -> calls.docker().inspectContainerCmd(nameOrId).exec());
      return false;
    } catch (NotFoundException gone) {
      return true;
    } catch (RuntimeException unknown) {
      return false;
    }
  }

  private static Optional<String> lookUpId(DaemonCalls calls, String nameOrId) {
    try {
      // listing reads the daemon's snapshot, not the container, so a hung runtime does not block it
      List<Container> containers =
          calls.call(
              "listing of containers named " + nameOrId,
              () ->
                  calls
                      .docker()
                      .listContainersCmd()
                      .withShowAll(true)
                      .withNameFilter(List.of(nameOrId))
                      .exec());
      return containers.stream()
          .filter(
              c ->
                  c.getId().startsWith(nameOrId)
                      || c.getNames() != null
                          && List.of(c.getNames()).contains("/" + nameOrId.replaceFirst("^/", "")))
          .map(Container::getId)
          .findFirst();
    } catch (RuntimeException timedOutOrFailed) {
      return Optional.empty();
    }
  }

  /**
   * Kills (SIGKILL) the containerd shim of {@code containerId} and all its descendants, children
   * first, and returns them as {@code name (pid n)}, parents first; empty if no shim names it.
   */
  public static List<String> killHostProcesses(String containerId) {
    HostProcesses table;
    try {
      table = HostProcesses.read(HostProcesses.PROC);
    } catch (RuntimeException cannotRead) {
      return List.of();
    }
    Optional<HostProcesses.Entry> shim = table.shimOf(containerId);
    if (shim.isEmpty()) {
      return List.of();
    }
    List<HostProcesses.Entry> tree = table.treeOf(shim.get().pid());
    List<String> killed = new ArrayList<>();
    for (int i = tree.size() - 1; i >= 0; i--) {
      HostProcesses.Entry process = tree.get(i);
      if (ProcessHandle.of(process.pid()).map(ProcessHandle::destroyForcibly).orElse(false)) {
        killed.add(0, process.name() + " (pid " + process.pid() + ")");
      }
    }
    return killed;
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while removing a container", e);
    }
  }
}
