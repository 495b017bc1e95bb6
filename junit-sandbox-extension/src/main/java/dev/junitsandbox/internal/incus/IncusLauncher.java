package dev.junitsandbox.internal.incus;

import dev.junitsandbox.internal.host.LaunchTimeline;
import dev.junitsandbox.internal.host.OutputLines;
import dev.junitsandbox.internal.tooloutput.ToolOutput;
import dev.junitsandbox.probe.HostProcess;
import dev.junitsandbox.probe.LaunchPhases;
import dev.junitsandbox.probe.LaunchedSandbox;
import dev.junitsandbox.probe.ProbeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Launches further Incus containers of the probe image beside a sandbox's own, for {@code
 * ProbeContext.launch}: each a fresh instance, started, its command then run in it as an Incus exec
 * with recorded output, labelled like every sandbox of the run. Closing the launcher removes every
 * container it launched that is still there.
 *
 * <p>Why an exec rather than the command as the container's init: without websockets output is read
 * back, not pushed, and a short command as init (the startup probe's {@code echo ready}) stops its
 * container at once, whose console then cannot be read until the container is torn down, which
 * would put the teardown into the measured launch. An exec's recorded output is a file Incus serves
 * while the command runs: {@link LaunchedSandbox#awaitOutputLine} polls it every {@value
 * #POLL_MILLIS} ms, so a line's arrival is known to that resolution plus one request. The container
 * keeps its init ({@code sleep infinity}) beside the command, as a system container always has one.
 */
public final class IncusLauncher implements AutoCloseable {

  static final long POLL_MILLIS = 5;

  private final IncusClient client;
  private final IncusHost host;
  private final Map<String, String> labels;
  private final Set<Launched> open = ConcurrentHashMap.newKeySet();

  /**
   * @param labels the run's labels, set as {@code user.<label>} keys on every container
   */
  public IncusLauncher(IncusClient client, IncusHost host, Map<String, String> labels) {
    this.client = client;
    this.host = host;
    this.labels = Map.copyOf(labels);
  }

  /**
   * Creates and starts a container whose init runs {@code command}; see {@code
   * ProbeContext.launch}.
   *
   * @throws ProbeException if it fails or is not started within {@code timeout}, after removing
   *     what it made
   */
  public LaunchedSandbox launch(List<String> command, Duration timeout) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("command must not be empty; e.g. List.of(\"true\")");
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    long begin = System.nanoTime();
    IncusInstance instance;
    try {
      instance = IncusInstance.create(client, host, "exec sleep infinity", labels, timeout);
    } catch (IncusException e) {
      throw new ProbeException(
          String.format(
              "Cannot create an Incus container for %s: %s; by hand: %s",
              command, e.getMessage(), reproduce(command)),
          e);
    }
    long created = System.nanoTime();
    Launched launched;
    try {
      long startSent = System.nanoTime();
      instance.start(Duration.ofNanos(Math.max(0, deadline - startSent)));
      String exec = client.exec(instance.name(), command, Map.of(), true);
      long startReturned = System.nanoTime();
      launched =
          new Launched(
              instance,
              command,
              exec,
              new LaunchTimeline(begin, created, startSent, startReturned));
    } catch (IncusException e) {
      String console = consoleQuietly(instance.name());
      try {
        instance.close();
      } catch (IncusException notRemoved) {
        e.addSuppressed(notRemoved);
      }
      throw new ProbeException(
          String.format(
              "Incus container %s for %s did not start: %s; its console: %s; by hand: %s",
              instance.name(),
              command,
              e.getMessage(),
              console.isBlank() ? "nothing" : ToolOutput.tail(console),
              reproduce(command)),
          e);
    }
    open.add(launched);
    return launched;
  }

  private String consoleQuietly(String name) {
    try {
      return client.console(name);
    } catch (IncusException e) {
      return "";
    }
  }

  /** The commands that launch the same container by hand. */
  static String reproduce(List<String> command) {
    return String.format(
        "incus launch %s probe --profile %s && incus exec probe -- %s; incus delete --force probe",
        IncusHost.IMAGE_ALIAS, IncusHost.PROFILE, Shell.commandLine(command));
  }

  /** Removes every container still open; the first failure is thrown after trying them all. */
  @Override
  public void close() {
    IncusException first = null;
    for (Launched launched : new ArrayList<>(open)) {
      try {
        launched.close();
      } catch (ProbeException e) {
        if (first == null && e.getCause() instanceof IncusException cause) {
          first = cause;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** A container started by {@link #launch}; closing it removes it. */
  private final class Launched implements LaunchedSandbox {

    private final IncusInstance instance;
    private final List<String> command;
    private final String exec;
    private final LaunchTimeline timeline;
    private final OutputLines output = new OutputLines();
    private final int[] seen = new int[3];

    Launched(IncusInstance instance, List<String> command, String exec, LaunchTimeline timeline) {
      this.instance = instance;
      this.command = List.copyOf(command);
      this.exec = exec;
      this.timeline = timeline;
    }

    @Override
    public List<String> command() {
      return command;
    }

    @Override
    public String id() {
      return instance.name();
    }

    @Override
    public LaunchPhases awaitOutputLine(String line, Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        // whether it ran before this read: a command that ended has written all it will
        boolean running = isRunning();
        poll();
        Optional<Long> arrived = arrival(line);
        if (arrived.isPresent()) {
          return timeline.phasesUntil(arrived.get());
        }
        if (!running) {
          output.end(null);
          // throws, saying what it printed
          return timeline.phasesUntil(output.awaitLine(line, Duration.ZERO, toString()));
        }
        if (System.nanoTime() - deadline >= 0) {
          throw new ProbeException(
              String.format(
                  "%s printed no '%s' within %s; it printed: %s",
                  this,
                  line,
                  timeout,
                  output.text().isEmpty() ? "nothing" : ToolOutput.tail(output.text())));
        }
        sleep();
      }
    }

    @Override
    public LaunchPhases phasesUntil(long nanoTime) {
      return timeline.phasesUntil(nanoTime);
    }

    private Optional<Long> arrival(String line) {
      try {
        return Optional.of(output.awaitLine(line, Duration.ZERO, toString()));
      } catch (ProbeException notYet) {
        return Optional.empty();
      }
    }

    /** Reads what the command recorded on standard output and error so far; adds what is new. */
    private synchronized void poll() {
      for (int fd = 1; fd <= 2; fd++) {
        String recorded;
        try {
          recorded = client.execOutputSoFar(instance.name(), exec, fd);
        } catch (IncusException e) {
          throw new ProbeException("Cannot read the output of " + this + ": " + e.getMessage(), e);
        }
        long now = System.nanoTime();
        if (recorded.length() > seen[fd]) {
          output.append(recorded.substring(seen[fd]), now);
          seen[fd] = recorded.length();
        }
      }
    }

    private void sleep() {
      try {
        TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProbeException("Interrupted while waiting for the output of " + this, e);
      }
    }

    /** Whether its command still runs. */
    @Override
    public boolean isRunning() {
      try {
        return !client.operation(exec).isFinal();
      } catch (IncusException e) {
        if (e.notFound()) {
          return false; // Incus forgets an ended operation after a while
        }
        throw new ProbeException("Cannot ask Incus about " + this + ": " + e.getMessage(), e);
      }
    }

    @Override
    public String output() {
      try {
        poll();
      } catch (ProbeException e) {
        // what was read before is all there is
      }
      return ToolOutput.tail(output.text());
    }

    @Override
    public List<HostProcess> hostProcesses() {
      return instance.hostProcesses();
    }

    @Override
    public void close() {
      try {
        instance.close();
      } catch (IncusException e) {
        throw new ProbeException("Cannot remove " + this + ": " + e.getMessage(), e);
      }
      open.remove(this);
    }

    @Override
    public String toString() {
      return "Incus container " + instance.name() + " (" + String.join(" ", command) + ")";
    }
  }
}
