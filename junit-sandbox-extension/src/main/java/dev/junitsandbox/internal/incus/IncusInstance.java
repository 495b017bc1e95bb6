package dev.junitsandbox.internal.incus;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitsandbox.internal.host.HostProcesses;
import dev.junitsandbox.probe.HostProcess;
import dev.junitsandbox.probe.ProbeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One Incus system container of the probe image: created with its command as PID 1, a fixed address
 * on the bridge and the run's labels, started, and removed (killed, then deleted) on {@link
 * #close()}.
 *
 * <p>The image has no init system, so PID 1 is the image's small {@value #INIT} script (setup adds
 * it), which runs the command given in {@value #COMMAND_VARIABLE}; without an init nothing would
 * ask for an address by DHCP, so LXC sets the address itself ({@code lxc.net.0.ipv4.*}) and Incus
 * reserves it on the bridge, refusing a second instance with the same one (409, tried again).
 */
public final class IncusInstance implements AutoCloseable {

  /** PID 1 of every sandbox: runs {@value #COMMAND_VARIABLE}, or sleeps. */
  public static final String INIT = "/usr/local/sbin/junit-sandbox-init";

  /** The shell command line {@value #INIT} runs. */
  public static final String COMMAND_VARIABLE = "JUNIT_SANDBOX_COMMAND";

  /** The prefix of Incus configuration keys that carry the run's labels. */
  public static final String LABEL_PREFIX = "user.";

  private static final String NAME_PREFIX = "junit-sandbox-";
  // the low addresses are the bridge's DHCP range (setup), which nothing here uses
  private static final int FIRST_HOST = 16;
  private static final int ADDRESS_TRIES = 8;

  private final IncusClient client;
  private final String name;
  private final String address;
  private boolean closed;

  private IncusInstance(IncusClient client, String name, String address) {
    this.client = client;
    this.name = name;
    this.address = address;
  }

  /**
   * Creates (does not start) a container of the probe image running {@code command} (a shell
   * command line) as its init's child, labelled with {@code labels} (as {@code user.<label>} keys),
   * within {@code within}.
   *
   * @throws IncusException if it cannot be created; nothing is left then
   */
  public static IncusInstance create(
      IncusClient client,
      IncusHost host,
      String command,
      Map<String, String> labels,
      Duration within) {
    if (!host.usable()) {
      throw new IllegalStateException(host.problem().orElseThrow());
    }
    long deadline = System.nanoTime() + within.toNanos();
    IncusException last = null;
    Set<String> tried = new HashSet<>();
    for (int attempt = 0; attempt < ADDRESS_TRIES; attempt++) {
      String name =
          NAME_PREFIX
              + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(4);
      String address = freeAddress(client, host, tried);
      tried.add(address);
      try {
        client.create(
            body(host, name, address, command, labels),
            Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        return new IncusInstance(client, name, address);
      } catch (IncusException e) {
        // a create that failed half-way may have left the instance: remove it by name
        new IncusInstance(client, name, address).removeQuietly();
        if (e.status() != 409 || System.nanoTime() - deadline >= 0) {
          throw e;
        }
        last = e; // another sandbox took the address (or name) meanwhile: take another
      }
    }
    throw last;
  }

  private static ObjectNode body(
      IncusHost host, String name, String address, String command, Map<String, String> labels) {
    ObjectNode body = IncusClient.JSON.createObjectNode();
    body.put("name", name);
    body.put("type", "container");
    body.putObject("source").put("type", "image").put("alias", IncusHost.IMAGE_ALIAS);
    body.putArray("profiles").add(IncusHost.PROFILE);
    ObjectNode config = body.putObject("config");
    config.put(
        "raw.lxc",
        String.join(
            "\n",
            "lxc.init.cmd = " + INIT,
            "lxc.net.0.ipv4.address = " + address + "/" + host.prefix(),
            "lxc.net.0.ipv4.gateway = " + host.gateway()));
    config.put("environment." + COMMAND_VARIABLE, command);
    labels.forEach((key, value) -> config.put(LABEL_PREFIX + key, value));
    body.putObject("devices")
        .putObject("eth0")
        .put("type", "nic")
        .put("network", IncusHost.NETWORK)
        .put("name", "eth0")
        .put("ipv4.address", address);
    return body;
  }

  /** An address of the bridge's range that no instance has, nor one of {@code tried}. */
  private static String freeAddress(IncusClient client, IncusHost host, Set<String> tried) {
    Set<String> taken = new HashSet<>(tried);
    taken.add(host.gateway());
    for (IncusClient.Instance instance : client.instances()) {
      instance
          .devices()
          .values()
          .forEach(device -> taken.add(device.getOrDefault("ipv4.address", "")));
    }
    long base = toLong(host.gateway()) & (0xFFFFFFFFL << (32 - host.prefix())) & 0xFFFFFFFFL;
    long size = 1L << (32 - host.prefix());
    List<String> free = new ArrayList<>();
    for (long offset = FIRST_HOST; offset < size - 1; offset++) {
      String candidate = toAddress(base + offset);
      if (!taken.contains(candidate)) {
        free.add(candidate);
      }
    }
    if (free.isEmpty()) {
      throw new IncusException(
          409,
          String.format(
              "No free address left on the bridge %s (%s/%d): %d sandboxes hold one. Remove"
                  + " leftovers with: incus list; incus delete --force <name>",
              IncusHost.NETWORK, host.gateway(), host.prefix(), taken.size()),
          null);
    }
    // at random: two JVMs that list at the same moment rarely pick the same one
    return free.get(ThreadLocalRandom.current().nextInt(free.size()));
  }

  private static long toLong(String address) {
    long value = 0;
    for (String part : address.split("\\.")) {
      value = (value << 8) | Integer.parseInt(part);
    }
    return value;
  }

  private static String toAddress(long value) {
    return ((value >> 24) & 255)
        + "."
        + ((value >> 16) & 255)
        + "."
        + ((value >> 8) & 255)
        + "."
        + (value & 255);
  }

  /** Starts it and waits until it runs, at most {@code within}. */
  public void start(Duration within) {
    client.start(name, within);
  }

  /** Its name. */
  public String name() {
    return name;
  }

  /** Its address on the bridge. */
  public String address() {
    return address;
  }

  /** The client it was made with. */
  public IncusClient client() {
    return client;
  }

  /** Whether it runs now. */
  public boolean isRunning() {
    return client.state(name).status().equals("Running");
  }

  /**
   * Its processes on the host: the LXC monitor that supervises it (as a containerd shim does a
   * Docker container) with the container's init and everything under it, then each {@code incusd
   * forkexec} helper that runs a command in it (an exec's host-side parent, for as long as the
   * command runs) with that command's tree; parents before children.
   *
   * @throws ProbeException if it does not run or its init is not in this host's process table
   */
  public List<HostProcess> hostProcesses() {
    long pid = client.state(name).pid();
    HostProcesses table = HostProcesses.read(HostProcesses.PROC);
    List<HostProcesses.Entry> init = table.treeOf(pid);
    if (pid < 1 || init.isEmpty()) {
      throw new ProbeException(
          String.format(
              "Incus container %s has no init process in this host's process table (pid %d); the"
                  + " JVM must run on the Incus host itself, in its PID namespace",
              name, pid));
    }
    List<HostProcess> processes = new ArrayList<>();
    List<HostProcesses.Entry> monitor = table.treeOf(init.get(0).parentPid());
    if (!monitor.isEmpty() && isMonitor(monitor.get(0))) {
      HostProcesses.Entry top = monitor.get(0);
      // its process title is one string with spaces, "[lxc monitor] <path> <name>"
      processes.add(new HostProcess(top.pid(), "lxc-monitor", top.commandLine()));
      monitor.stream().skip(1).map(HostProcesses.Entry::toHostProcess).forEach(processes::add);
    } else {
      init.stream().map(HostProcesses.Entry::toHostProcess).forEach(processes::add);
    }
    table
        .treesOf(this::isForkexec)
        .forEach(
            process ->
                processes.add(
                    isForkexec(process)
                        ? new HostProcess(process.pid(), "incusd-forkexec", process.commandLine())
                        : process.toHostProcess()));
    return processes;
  }

  private boolean isMonitor(HostProcesses.Entry process) {
    String commandLine = String.join(" ", process.commandLine());
    return commandLine.contains("lxc monitor") && commandLine.strip().endsWith(" " + name);
  }

  // incusd forkexec <name> <lxc path> <config> ...
  private boolean isForkexec(HostProcesses.Entry process) {
    List<String> arguments = process.commandLine();
    return arguments.size() > 2
        && arguments.get(1).equals("forkexec")
        && arguments.get(2).equals(name);
  }

  /**
   * Kills and deletes it; does nothing if that was done before.
   *
   * @throws IncusException if it cannot be deleted; the message says how to remove it by hand
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    try {
      remove(client, name);
      closed = true;
    } catch (IncusException e) {
      throw new IncusException(
          e.status(), e.getMessage() + "; remove it with: incus delete --force " + name, e);
    }
  }

  private void removeQuietly() {
    try {
      remove(client, name);
    } catch (IncusException ignored) {
      // it was never made, or the caller reports the failure that matters
    }
  }

  /**
   * Kills and deletes the instance {@code name}, within the client's limit; an instance that is
   * already stopped or gone is fine.
   */
  public static void remove(IncusClient client, String name) {
    long deadline = System.nanoTime() + client.limit().toNanos();
    while (true) {
      try {
        client.kill(name, client.limit());
      } catch (IncusException e) {
        if (e.notFound()) {
          return;
        }
        // already stopped (its command ended), or stopping: deleting is what is left
      }
      try {
        client.delete(name, client.limit());
        return;
      } catch (IncusException e) {
        if (e.notFound()) {
          return;
        }
        // a container whose init just ended is still "running" until LXC has torn it down
        if (System.nanoTime() - deadline >= 0 || !e.getMessage().contains("running")) {
          throw e;
        }
      }
      try {
        TimeUnit.MILLISECONDS.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IncusException(0, "Interrupted while removing Incus container " + name, e);
      }
    }
  }

  @Override
  public String toString() {
    return "Incus container " + name + " (" + address + ")";
  }
}
