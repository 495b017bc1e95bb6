package dev.junitsandbox.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.junitsandbox.probe.ProbeException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What this JVM has running on the host, written down so that the next run can clean up if this JVM
 * is killed: a private directory per JVM under {@link #root()}, holding {@value #STATE_FILE} (the
 * owner, and every host process still running with its pid, start time, command and run id, and
 * every scratch directory still there) and the host processes' output files.
 *
 * <p>The file is rewritten on a thread of its own, so recording adds nothing to a timed launch. A
 * shutdown hook stops what is still recorded when the JVM exits normally (also on SIGTERM or
 * Ctrl-C) and removes the directory; after a {@code kill -9}, {@link Leftovers} does it at the
 * start of the next run. If the directory cannot be made private, nothing is recorded and a warning
 * says why: the environment variables of {@link RunIdentity} still mark the processes.
 */
public final class RunState {

  /** The state file in each JVM's directory. */
  public static final String STATE_FILE = "state.json";

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * A host process as recorded.
   *
   * @param pid its pid
   * @param startTicks its start time (field 22 of {@code /proc/<pid>/stat}), which a reused pid
   *     does not have
   * @param runId the run that started it
   * @param command what it runs
   */
  public record RecordedProcess(long pid, long startTicks, String runId, List<String> command) {
    public RecordedProcess {
      command = List.copyOf(command);
    }
  }

  /**
   * The content of {@value #STATE_FILE}.
   *
   * @param owner the JVM, as {@link RunIdentity.Owner#text()}
   * @param processes host processes started and not yet ended
   * @param scratchDirectories scratch directories made and not yet removed, by run id
   */
  public record Recorded(
      String owner, List<RecordedProcess> processes, Map<String, String> scratchDirectories) {
    public Recorded {
      Objects.requireNonNull(owner, "owner");
      processes = processes == null ? List.of() : List.copyOf(processes);
      scratchDirectories =
          scratchDirectories == null ? Map.of() : new LinkedHashMap<>(scratchDirectories);
    }
  }

  private static final RunState INSTANCE = new RunState();

  private final Map<Long, RecordedProcess> processes = new LinkedHashMap<>();
  private final Map<String, String> scratch = new LinkedHashMap<>();
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "junit-sandbox-run-state");
            thread.setDaemon(true);
            return thread;
          });
  private Path directory;
  private boolean unusable;
  private boolean hooked;
  private boolean exited;

  private RunState() {}

  /** The state of this JVM. */
  public static RunState get() {
    return INSTANCE;
  }

  /**
   * Where every JVM keeps its directory: {@code $XDG_STATE_HOME/junit-sandbox}, or {@code
   * ~/.local/state/junit-sandbox}; per user, so one user's run never reads another's records.
   */
  public static Path root() {
    String xdg = System.getenv("XDG_STATE_HOME");
    Path base =
        xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".local", "state");
    return base.resolve("junit-sandbox");
  }

  /** This JVM's directory name under {@link #root()}. */
  static String directoryName(RunIdentity.Owner owner) {
    return "jvm-" + owner.pid() + "-" + owner.startTicks();
  }

  /**
   * A directory for a host process's output files: this JVM's, or the system's temporary directory
   * if this JVM's cannot be made.
   */
  public synchronized Path outputDirectory() {
    return directory().map(d -> d.resolve("out")).filter(this::makePrivate).orElse(null);
  }

  /**
   * Records a host process this JVM just started. Its start time is read on the writer thread,
   * right away: a process that has already ended then is not recorded.
   */
  public void recordProcess(long pid, List<String> command) {
    String runId = RunIdentity.current().runId();
    List<String> copy = List.copyOf(command);
    submit(
        () -> {
          Optional<Long> ticks = ProcStat.startTicks(pid);
          synchronized (this) {
            ticks.ifPresent(t -> processes.put(pid, new RecordedProcess(pid, t, runId, copy)));
          }
        });
  }

  /** Forgets a host process that has ended (with everything it forked). */
  public void forgetProcess(long pid) {
    submit(
        () -> {
          synchronized (this) {
            processes.remove(pid);
          }
        });
  }

  /** Records a scratch directory on the host that the current run made. */
  public void recordScratch(Path directory) {
    String runId = RunIdentity.current().runId();
    String path = directory.toAbsolutePath().toString();
    submit(
        () -> {
          synchronized (this) {
            scratch.put(path, runId);
          }
        });
  }

  /** Forgets a scratch directory that has been removed. */
  public void forgetScratch(Path directory) {
    String path = directory.toAbsolutePath().toString();
    submit(
        () -> {
          synchronized (this) {
            scratch.remove(path);
          }
        });
  }

  /** Waits until what was recorded so far is in the file; for tests. */
  void flush() {
    try {
      writer.submit(() -> {}).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("The run state was not written within 10 s", e);
    }
  }

  private void submit(Runnable change) {
    writer.execute(
        () -> {
          change.run();
          write();
        });
  }

  private synchronized void write() {
    if (exited) {
      return; // the shutdown hook has removed the directory
    }
    Optional<Path> dir = directory();
    if (dir.isEmpty()) {
      return;
    }
    hook();
    Path file = dir.get().resolve(STATE_FILE);
    Path temporary = dir.get().resolve(STATE_FILE + ".tmp");
    try {
      JSON.writeValue(
          temporary.toFile(),
          new Recorded(
              RunIdentity.Owner.self().text(), new ArrayList<>(processes.values()), scratch));
      try {
        Files.move(
            temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      warnOnce("cannot write " + file + ": " + e);
    }
  }

  private synchronized Optional<Path> directory() {
    if (directory == null && !unusable) {
      Path root = root();
      Path mine = root.resolve(directoryName(RunIdentity.Owner.self()));
      if (makePrivate(mine)) {
        directory = mine;
      } else {
        unusable = true;
      }
    }
    return Optional.ofNullable(directory);
  }

  /**
   * Makes {@code directory} private ({@link PrivateDirectory}, with every directory above it
   * checked), or warns once why it cannot: a run killed with -9 then leaves its host processes
   * until they end.
   */
  private boolean makePrivate(Path directory) {
    try {
      PrivateDirectory.ensure(directory, PrivateDirectory.Use.RUN_STATE);
      return true;
    } catch (ProbeException | UnsupportedOperationException | SecurityException e) {
      warnOnce(
          e.getMessage()
              + " Until then a run killed with -9 leaves its host processes until they end.");
      return false;
    }
  }

  private synchronized void hook() {
    if (!hooked) {
      hooked = true;
      Runtime.getRuntime()
          .addShutdownHook(new Thread(this::cleanUpAtExit, "junit-sandbox-run-state-cleanup"));
    }
  }

  /**
   * At a normal exit: stops the host processes still recorded (their start time checked first) with
   * what they forked, removes the scratch directories still recorded and this JVM's directory.
   * Nothing is left for the next run.
   */
  private void cleanUpAtExit() {
    List<RecordedProcess> running;
    List<String> directories;
    Path mine;
    synchronized (this) {
      exited = true;
      running = new ArrayList<>(processes.values());
      directories = new ArrayList<>(scratch.keySet());
      mine = directory;
    }
    Leftovers.killAll(running);
    directories.forEach(d -> deleteRecursively(Path.of(d)));
    if (mine != null) {
      deleteRecursively(mine);
    }
  }

  static void deleteRecursively(Path directory) {
    if (!Files.exists(directory, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(RunState::deleteQuietly);
    } catch (IOException | RuntimeException ignored) {
      // what cannot be removed now is left to the next run's sweep
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // left to the next run's sweep
    }
  }

  private final Set<String> warned = new LinkedHashSet<>();

  private synchronized void warnOnce(String message) {
    if (warned.add(message)) {
      System.err.println("[junit-sandbox] warning: " + message);
    }
  }
}
