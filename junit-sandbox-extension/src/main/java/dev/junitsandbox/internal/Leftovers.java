package dev.junitsandbox.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitsandbox.internal.incus.IncusClient;
import dev.junitsandbox.internal.incus.IncusException;
import dev.junitsandbox.internal.incus.IncusInstance;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Removes what earlier runs left behind when their JVM was killed ({@code kill -9}, an OOM kill, a
 * CI job cancelled): containers labelled with an owner that is dead ({@link RunIdentity}), host
 * processes whose environment names a dead owner or that a dead owner's state file records (pid and
 * start time both checked, so a reused pid is never killed), the scratch directories it recorded,
 * and its state directory ({@link RunState}).
 *
 * <p>An owner counts as dead only when this JVM can tell: same boot, same pid namespace, and no
 * process with its pid and start time. Containers and processes of a JVM that is still running
 * (another build on the same machine), of another machine sharing the daemon, or of a JVM in a
 * container are never touched. The sweep prints one line per kind of thing it removed, and never
 * fails the run: what it cannot remove it names, with the command that removes it.
 */
public final class Leftovers {

  private static final Duration DAEMON_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);

  /**
   * What one sweep removed and could not remove.
   *
   * @param containers removed containers: name, by run id
   * @param processes stopped host processes: {@code name (pid n)}, by run id
   * @param scratchDirectories removed scratch directories, by run id
   * @param problems what could not be removed or checked, with the fix
   */
  public record Swept(
      Map<String, List<String>> containers,
      Map<String, List<String>> processes,
      Map<String, List<String>> scratchDirectories,
      List<String> problems) {

    public Swept {
      containers = Map.copyOf(containers);
      processes = Map.copyOf(processes);
      scratchDirectories = Map.copyOf(scratchDirectories);
      problems = List.copyOf(problems);
    }

    /** The console lines: one per kind of thing removed, then one per problem. */
    public List<String> lines() {
      List<String> lines = new ArrayList<>();
      line(lines, "removed", containers, "container", "containers");
      line(lines, "stopped", processes, "host process", "host processes");
      line(lines, "removed", scratchDirectories, "scratch directory", "scratch directories");
      problems.forEach(p -> lines.add("[junit-sandbox] warning: " + p));
      return lines;
    }

    private static void line(
        List<String> lines, String verb, Map<String, List<String>> byRun, String one, String many) {
      int count = byRun.values().stream().mapToInt(List::size).sum();
      if (count == 0) {
        return;
      }
      StringBuilder line =
          new StringBuilder(
              String.format(
                  "[junit-sandbox] %s %d %s left by killed test runs (run %s):",
                  verb,
                  count,
                  count == 1 ? one : many,
                  String.join(", ", new TreeSet<>(byRun.keySet()))));
      byRun.values().stream()
          .flatMap(List::stream)
          .sorted()
          .forEach(t -> line.append(' ').append(t));
      lines.add(line.toString());
    }
  }

  private Leftovers() {}

  /** Sweeps, and prints what it removed to {@code out}; never throws. */
  public static Swept sweepAndReport(PrintStream out) {
    Swept swept;
    try {
      swept = sweep(RunState.root(), dockerEndpoint(), incusSocket());
    } catch (RuntimeException e) {
      swept = new Swept(Map.of(), Map.of(), Map.of(), List.of("cannot sweep leftovers: " + e));
    }
    swept.lines().forEach(out::println);
    out.flush();
    return swept;
  }

  /**
   * Removes the leftovers of dead owners: state directories under {@code stateRoot}, host
   * processes, and containers on the daemon at {@code dockerEndpoint} (skipped if it is null or the
   * daemon cannot be reached).
   */
  static Swept sweep(Path stateRoot, String dockerEndpoint) {
    return sweep(stateRoot, dockerEndpoint, null);
  }

  /**
   * As {@link #sweep(Path, String)}, and also the Incus containers of dead owners on the Incus
   * daemon at {@code incusSocket} (skipped if it is null or nothing answers there).
   */
  static Swept sweep(Path stateRoot, String dockerEndpoint, Path incusSocket) {
    Map<String, List<String>> containers = new LinkedHashMap<>();
    Map<String, List<String>> processes = new LinkedHashMap<>();
    Map<String, List<String>> scratch = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();

    List<Path> deadStates = new ArrayList<>();
    List<RunState.RecordedProcess> recorded = new ArrayList<>();
    for (Path directory : list(stateRoot)) {
      Optional<RunState.Recorded> state = read(directory.resolve(RunState.STATE_FILE));
      Optional<RunIdentity.Owner> owner =
          state.flatMap(s -> RunIdentity.Owner.parse(s.owner())).or(() -> ownerOf(directory));
      if (owner.isEmpty() || !owner.get().isDeadHere()) {
        continue;
      }
      deadStates.add(directory);
      state.ifPresent(
          s -> {
            recorded.addAll(s.processes());
            s.scratchDirectories()
                .forEach(
                    (path, runId) -> {
                      if (Files.exists(Path.of(path))) {
                        RunState.deleteRecursively(Path.of(path));
                        if (Files.exists(Path.of(path))) {
                          problems.add(
                              "cannot remove scratch directory "
                                  + path
                                  + " left by killed run "
                                  + runId
                                  + "; remove it with: rm -rf "
                                  + path);
                        } else {
                          scratch.computeIfAbsent(runId, k -> new ArrayList<>()).add(path);
                        }
                      }
                    });
          });
    }

    // processes first: a host server may hold files in a scratch directory or serve a container
    for (Victim victim : hostVictims(recorded)) {
      if (kill(victim)) {
        processes
            .computeIfAbsent(victim.runId(), k -> new ArrayList<>())
            .add(victim.name() + " (pid " + victim.pid() + ")");
      } else {
        problems.add(
            String.format(
                "cannot stop host process %s (pid %d) left by killed run %s; stop it with: kill"
                    + " -9 %d",
                victim.name(), victim.pid(), victim.runId(), victim.pid()));
      }
    }

    if (dockerEndpoint != null) {
      sweepContainers(dockerEndpoint, containers, problems);
    }
    if (incusSocket != null) {
      sweepIncusContainers(incusSocket, containers, problems);
    }
    deadStates.forEach(RunState::deleteRecursively);
    return new Swept(containers, processes, scratch, problems);
  }

  private static String dockerEndpoint() {
    String dockerHost = System.getenv("DOCKER_HOST");
    return dockerHost == null || dockerHost.isBlank() ? "unix:///var/run/docker.sock" : dockerHost;
  }

  // the session listener has no configuration parameters: -D is where a run can set the socket
  private static Path incusSocket() {
    return Settings.incusSocket(key -> Optional.ofNullable(System.getProperty(key)));
  }

  /** Kills and deletes the Incus containers whose owner label names a dead JVM. */
  private static void sweepIncusContainers(
      Path socket, Map<String, List<String>> removed, List<String> problems) {
    if (!Files.exists(socket)) {
      return; // no Incus here: nothing of ours can be there
    }
    IncusClient client = new IncusClient(socket, DAEMON_TIMEOUT);
    List<IncusClient.Instance> instances;
    try {
      instances = client.instances();
    } catch (IncusException e) {
      return; // not answering now: the next run with a daemon that answers does it
    }
    for (IncusClient.Instance instance : instances) {
      Map<String, String> config = instance.config();
      Optional<RunIdentity.Owner> owner =
          RunIdentity.Owner.parse(config.get(IncusInstance.LABEL_PREFIX + RunIdentity.OWNER_LABEL));
      if (owner.isEmpty() || !owner.get().isDeadHere()) {
        continue;
      }
      String runId =
          config.getOrDefault(IncusInstance.LABEL_PREFIX + RunIdentity.RUN_LABEL, "unknown");
      try {
        IncusInstance.remove(client, instance.name());
        removed.computeIfAbsent(runId, k -> new ArrayList<>()).add("incus:" + instance.name());
      } catch (IncusException e) {
        problems.add(
            String.format(
                "cannot remove Incus container %s left by killed run %s: %s; remove it with:"
                    + " incus delete --force %s",
                instance.name(), runId, e.getMessage(), instance.name()));
      }
    }
  }

  private static void sweepContainers(
      String endpoint, Map<String, List<String>> removed, List<String> problems) {
    JsonNode list;
    try {
      String filters =
          URLEncoder.encode(
              "{\"label\":[\"" + RunIdentity.OWNER_LABEL + "\"]}", StandardCharsets.UTF_8);
      list =
          RunState.JSON.readTree(
              DockerDaemon.call(
                  endpoint, "GET", "/containers/json?all=1&filters=" + filters, DAEMON_TIMEOUT));
    } catch (IOException e) {
      // no daemon: nothing to remove there now; the next run with a daemon does it
      return;
    }
    for (JsonNode container : list) {
      JsonNode labels = container.path("Labels");
      Optional<RunIdentity.Owner> owner =
          RunIdentity.Owner.parse(labels.path(RunIdentity.OWNER_LABEL).asText(null));
      if (owner.isEmpty() || !owner.get().isDeadHere()) {
        continue;
      }
      String id = container.path("Id").asText();
      String name = container.path("Names").path(0).asText(id).replaceFirst("^/", "");
      String runId = labels.path(RunIdentity.RUN_LABEL).asText("unknown");
      try {
        DockerDaemon.call(endpoint, "DELETE", "/containers/" + id + "?force=1&v=1", DAEMON_TIMEOUT);
        removed.computeIfAbsent(runId, k -> new ArrayList<>()).add(name);
      } catch (IOException e) {
        if (e.getMessage() != null && e.getMessage().contains(" 404")) {
          continue; // removed meanwhile, e.g. by a concurrent sweep
        }
        problems.add(
            String.format(
                "cannot remove container %s left by killed run %s: %s; remove it with: docker rm"
                    + " -f %s",
                name, runId, e.getMessage(), id));
      }
    }
  }

  /** A host process to stop: identified by pid and start time. */
  record Victim(long pid, long startTicks, String runId, String name) {}

  /**
   * The host processes of dead owners: those whose environment names one (servers and whatever they
   * forked, e.g. nginx's workers whose master is gone), and those a dead owner's state file
   * records, if a process of that pid with that start time still runs.
   */
  private static List<Victim> hostVictims(List<RunState.RecordedProcess> recorded) {
    Map<Long, Victim> victims = new LinkedHashMap<>();
    long self = ProcessHandle.current().pid();
    for (Path entry : list(Path.of("/proc"))) {
      long pid;
      try {
        pid = Long.parseLong(entry.getFileName().toString());
      } catch (NumberFormatException notAProcess) {
        continue;
      }
      if (pid == self) {
        continue;
      }
      Map<String, String> environment = environmentOf(entry);
      Optional<RunIdentity.Owner> owner =
          RunIdentity.Owner.parse(environment.get(RunIdentity.OWNER_VARIABLE));
      if (owner.isEmpty() || !owner.get().isDeadHere()) {
        continue;
      }
      Optional<Long> ticks = ProcStat.startTicks(pid);
      if (ticks.isPresent() && !isZombie(pid)) {
        victims.put(
            pid,
            new Victim(
                pid,
                ticks.get(),
                environment.getOrDefault(RunIdentity.RUN_VARIABLE, "unknown"),
                ProcStat.field(pid, 2).orElse("?")));
      }
    }
    for (RunState.RecordedProcess process : recorded) {
      if (!victims.containsKey(process.pid())
          && !isZombie(process.pid())
          && ProcStat.startTicks(process.pid()).map(t -> t == process.startTicks()).orElse(false)) {
        String command = process.command().isEmpty() ? "?" : process.command().get(0);
        victims.put(
            process.pid(),
            new Victim(
                process.pid(),
                process.startTicks(),
                process.runId(),
                command.substring(command.lastIndexOf('/') + 1)));
      }
    }
    return new ArrayList<>(victims.values());
  }

  /** An ended process its parent has not reaped: nothing to stop (init may never reap it). */
  private static boolean isZombie(long pid) {
    return ProcStat.field(pid, 3).map(state -> state.equals("Z")).orElse(true);
  }

  private static Map<String, String> environmentOf(Path procEntry) {
    byte[] raw;
    try {
      raw = Files.readAllBytes(procEntry.resolve("environ"));
    } catch (IOException | RuntimeException notOurs) {
      return Map.of(); // ended, or another user's
    }
    Map<String, String> environment = new LinkedHashMap<>();
    for (String variable : new String(raw, StandardCharsets.UTF_8).split("\0")) {
      int equals = variable.indexOf('=');
      if (equals > 0
          && (variable.startsWith(RunIdentity.OWNER_VARIABLE + "=")
              || variable.startsWith(RunIdentity.RUN_VARIABLE + "="))) {
        environment.put(variable.substring(0, equals), variable.substring(equals + 1));
      }
    }
    return environment;
  }

  /**
   * Kills the recorded processes that still run (start time checked) and everything they forked;
   * for the shutdown hook of a JVM that exits with servers still running.
   */
  static void killAll(List<RunState.RecordedProcess> processes) {
    for (RunState.RecordedProcess process : processes) {
      ProcessHandle.of(process.pid())
          .filter(
              h -> ProcStat.startTicks(h.pid()).map(t -> t == process.startTicks()).orElse(false))
          .ifPresent(
              handle -> {
                List<ProcessHandle> tree = new ArrayList<>(handle.descendants().toList());
                tree.add(handle);
                tree.forEach(ProcessHandle::destroyForcibly);
              });
    }
  }

  /** Kills {@code victim} if a process of its pid still has its start time; whether it ended. */
  private static boolean kill(Victim victim) {
    Optional<ProcessHandle> handle = ProcessHandle.of(victim.pid());
    if (handle.isEmpty()
        || !ProcStat.startTicks(victim.pid()).map(t -> t == victim.startTicks()).orElse(false)) {
      return true; // ended by itself (or with its parent) meanwhile
    }
    // what it forked first (nginx's workers): once it is gone they are re-parented and harder to
    // find
    handle.get().descendants().forEach(ProcessHandle::destroyForcibly);
    handle.get().destroyForcibly();
    long deadline = System.nanoTime() + KILL_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      // not ProcessHandle.onExit: that only works for our own children; a zombie counts as ended
      Optional<String> state = ProcStat.field(victim.pid(), 3);
      if (state.isEmpty()
          || state.get().equals("Z")
          || !ProcStat.startTicks(victim.pid()).map(t -> t == victim.startTicks()).orElse(false)) {
        return true;
      }
      try {
        TimeUnit.MILLISECONDS.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  private static Optional<RunIdentity.Owner> ownerOf(Path stateDirectory) {
    // a state directory without a readable file: its name says the pid and start time
    String[] parts = stateDirectory.getFileName().toString().split("-");
    if (parts.length != 3 || !parts[0].equals("jvm")) {
      return Optional.empty();
    }
    RunIdentity.Owner self = RunIdentity.Owner.self();
    try {
      return Optional.of(
          new RunIdentity.Owner(
              self.bootId(),
              self.pidNamespace(),
              Long.parseLong(parts[1]),
              Long.parseLong(parts[2])));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<RunState.Recorded> read(Path file) {
    try {
      return Optional.of(RunState.JSON.readValue(file.toFile(), RunState.Recorded.class));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static List<Path> list(Path directory) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
      stream.forEach(entries::add);
    } catch (IOException | RuntimeException e) {
      return entries;
    }
    return entries;
  }
}
