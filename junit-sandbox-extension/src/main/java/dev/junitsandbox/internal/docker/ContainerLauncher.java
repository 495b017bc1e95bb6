package dev.junitsandbox.internal.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import dev.junitsandbox.internal.RunIdentity;
import dev.junitsandbox.internal.host.LaunchTimeline;
import dev.junitsandbox.internal.host.OutputLines;
import dev.junitsandbox.probe.LaunchedSandbox;
import dev.junitsandbox.probe.ProbeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Launches further containers of the probe image under one runtime, beside a sandbox's own, for
 * {@code ProbeContext.launch}: through the daemon's API, labelled like every container this project
 * starts, and named {@code junit-sandbox-launch-<random>-<n>} so that they can be removed even when
 * a call that would have returned the id never did. Closing it removes every container it launched
 * that is still there.
 *
 * <p>Nothing is left behind by construction: a launch that is not started in time does not
 * interrupt its daemon calls (an interrupted call returns on our side while the daemon may still
 * create the container, after any removal made then; that left a footprint container in state
 * {@code created} behind). It waits for the calls to come back, removes what they made, and removes
 * by name again; {@link #close()} sweeps by the name prefix once more. Removals and listings are
 * bounded ({@link DaemonCalls}); a container the daemon cannot remove in time (its runtime hangs)
 * has its host processes killed first ({@link ContainerRemoval}).
 */
public final class ContainerLauncher implements AutoCloseable {

  // how long a launch that timed out waits for its daemon calls to come back before it sweeps
  private static final Duration CLEANUP_GRACE = Duration.ofSeconds(60);

  private final DaemonCalls calls;
  private final String image;
  private final String runtime;
  private final String prefix;
  private final AtomicInteger launches = new AtomicInteger();
  private final Set<LaunchedContainer> open = ConcurrentHashMap.newKeySet();
  private final ExecutorService launchCalls =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "junit-sandbox-launch");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * @param calls the daemon's client, with the limit of each removal and listing
   * @param image the image to launch
   * @param runtime the runtime's name as registered with the daemon
   */
  public ContainerLauncher(DaemonCalls calls, String image, String runtime) {
    this.calls = calls;
    this.image = image;
    this.runtime = runtime;
    this.prefix = uniquePrefix();
  }

  /** A launcher through Testcontainers' client, with the default limit per call. */
  public static ContainerLauncher of(String image, String runtime) {
    return new ContainerLauncher(DaemonCalls.of(DaemonCalls.DEFAULT_LIMIT), image, runtime);
  }

  /** {@code junit-sandbox-launch-1a2b3c4d-}: a name prefix no other launcher uses. */
  private static String uniquePrefix() {
    byte[] random = new byte[4];
    ThreadLocalRandom.current().nextBytes(random);
    return "junit-sandbox-launch-" + HexFormat.of().formatHex(random) + "-";
  }

  /** The prefix of the names of this launcher's containers. */
  public String namePrefix() {
    return prefix;
  }

  /**
   * Creates, attaches to and starts a container running {@code command}; see {@code
   * ProbeContext.launch}.
   *
   * @throws ProbeException if it fails or is not started within {@code timeout}, after removing
   *     what it made
   */
  public LaunchedSandbox launch(List<String> command, Duration timeout) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("command must not be empty; e.g. List.of(\"true\")");
    }
    String name = prefix + launches.incrementAndGet();
    Future<LaunchedContainer> call;
    synchronized (this) {
      if (launchCalls.isShutdown()) {
        throw new ProbeException("Cannot launch " + command + ": the sandbox is closed");
      }
      call = launchCalls.submit(() -> createAndStart(name, command));
    }
    try {
      LaunchedContainer launched = call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      open.add(launched);
      return launched;
    } catch (TimeoutException e) {
      ProbeException notStarted =
          new ProbeException(
              String.format(
                  "container %s was not started within %s; by hand: %s",
                  name, timeout, reproduce(command)),
              e);
      cleanUpAfter(call, name, notStarted);
      throw notStarted;
    } catch (ExecutionException e) {
      ProbeException failed =
          new ProbeException(
              String.format(
                  "cannot launch container %s: %s; by hand: %s",
                  name, e.getCause(), reproduce(command)),
              e.getCause());
      addIfFailed(failed, removeQuietly(name));
      throw failed;
    } catch (InterruptedException e) {
      ProbeException interrupted =
          new ProbeException("Interrupted while launching container " + name, e);
      cleanUpAfter(call, name, interrupted);
      Thread.currentThread().interrupt();
      throw interrupted;
    }
  }

  private LaunchedContainer createAndStart(String name, List<String> command) throws Exception {
    DockerClient docker = calls.docker();
    OutputLines output = new OutputLines();
    long begin = System.nanoTime();
    String id =
        docker
            .createContainerCmd(image)
            .withName(name)
            .withLabels(RunIdentity.current().labelsWith(RunIdentity.LABEL, "probe"))
            .withCmd(command)
            .withHostConfig(HostConfig.newHostConfig().withRuntime(runtime))
            .exec()
            .getId();
    long created = System.nanoTime();
    OutputAttachment attachment =
        docker
            .attachContainerCmd(id)
            .withStdOut(true)
            .withStdErr(true)
            .withFollowStream(true)
            .exec(new OutputAttachment(output));
    try {
      if (!attachment.awaitStarted(CLEANUP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new ProbeException("could not attach to container " + id + " in time");
      }
      long startSent = System.nanoTime();
      docker.startContainerCmd(id).exec();
      long startReturned = System.nanoTime();
      return new LaunchedContainer(
          this,
          id,
          name,
          command,
          output,
          attachment,
          new LaunchTimeline(begin, created, startSent, startReturned));
    } catch (Exception | Error e) {
      attachment.close();
      throw e;
    }
  }

  /**
   * After a launch gave up: waits for its daemon calls to come back (without interrupting them),
   * removes what they made, and removes the container by name in case a call failed on our side
   * after the daemon had created it.
   */
  private void cleanUpAfter(Future<LaunchedContainer> call, String name, ProbeException failure) {
    try {
      call.get(CLEANUP_GRACE.toNanos(), TimeUnit.NANOSECONDS).closeQuietly();
    } catch (ExecutionException failed) {
      // nothing was returned; the removal by name below covers what the daemon made
    } catch (TimeoutException stillInFlight) {
      // the sweep in close() removes it once the call has come back
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    addIfFailed(failure, removeQuietly(name));
  }

  void forget(LaunchedContainer container) {
    open.remove(container);
  }

  DaemonCalls calls() {
    return calls;
  }

  /** The command a person would type to reproduce a launch of {@code command}. */
  public String reproduce(List<String> command) {
    return "docker run --rm --runtime " + runtime + " " + image + " " + String.join(" ", command);
  }

  /**
   * Removes the container {@code nameOrId} with its volumes, killing it if it runs, and killing its
   * host processes if the daemon does not remove it in time. A container that does not exist (never
   * created, or removed already) is fine.
   *
   * @return the error if removal failed, naming what was killed, else null
   */
  RuntimeException removeQuietly(String nameOrId) {
    ContainerRemoval.Outcome removal = ContainerRemoval.remove(calls, nameOrId, null);
    if (removal.removed()) {
      return null;
    }
    ProbeException notRemoved =
        new ProbeException(
            DaemonCalls.rootMessage(removal.error())
                + (removal.killed().isEmpty() ? "" : "; " + removal.describeKilled()),
            removal.error());
    return notRemoved;
  }

  private static void addIfFailed(ProbeException failure, RuntimeException removal) {
    if (removal != null) {
      failure.addSuppressed(removal);
    }
  }

  /**
   * Removes every container this launcher made that is still there: those still open, then any
   * other with its name prefix (a launch whose create call came back after it gave up), after
   * waiting for calls still under way.
   *
   * @throws ProbeException naming the containers it could not remove and how to remove them
   */
  @Override
  public void close() {
    synchronized (this) {
      launchCalls.shutdown();
    }
    List<String> left = new ArrayList<>();
    for (LaunchedContainer container : List.copyOf(open)) {
      try {
        container.close();
      } catch (RuntimeException e) {
        left.add(container.id() + " (" + e.getMessage() + ")");
      }
    }
    try {
      // not shutdownNow: interrupting a create call is what could leave a container behind
      launchCalls.awaitTermination(CLEANUP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      List<Container> named =
          calls.call(
              "listing of containers named " + prefix + "*",
              () ->
                  calls
                      .docker()
                      .listContainersCmd()
                      .withShowAll(true)
                      .withNameFilter(List.of(prefix))
                      .exec());
      for (Container container : named) {
        RuntimeException error = removeQuietly(container.getId());
        if (error != null) {
          left.add(container.getId() + " (" + error.getMessage() + ")");
        }
      }
    } catch (RuntimeException e) {
      left.add("containers named " + prefix + "* (cannot list them: " + e.getMessage() + ")");
    }
    if (!left.isEmpty()) {
      throw new ProbeException(
          String.format(
              "Cannot remove the launched containers %s; remove them with: docker rm -f $(docker"
                  + " ps -aq --filter name=%s)",
              left, prefix));
    }
  }
}
