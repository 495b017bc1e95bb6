package dev.junitsandbox.internal.host;

import dev.junitsandbox.internal.tooloutput.ToolOutput;
import dev.junitsandbox.probe.HostProcess;
import dev.junitsandbox.probe.ProbeException;
import dev.junitsandbox.probe.ProcessMemory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A snapshot of the host's processes, read from {@code /proc}: who is whose child and what each
 * runs, enough to find the processes that make up one container, and their memory. Reads any
 * directory laid out like {@code /proc}, so tests can use a captured copy. The probe contexts
 * answer {@code LaunchedSandbox.hostProcesses()} and {@code ProbeContext.memoryOf} with it.
 */
public final class HostProcesses {

  /** The host's own process table. */
  public static final Path PROC = Path.of("/proc");

  /**
   * One process as the table holds it; {@link #toHostProcess()} is what probes see.
   *
   * @param pid its id
   * @param parentPid its parent's id (0 for the roots)
   * @param comm the kernel's short name ({@code /proc/<pid>/stat}), at most 15 characters
   * @param commandLine its arguments; empty for kernel threads and for processes that never called
   *     exec, like gVisor's ptrace stubs
   */
  public record Entry(long pid, long parentPid, String comm, List<String> commandLine) {

    public Entry {
      commandLine = List.copyOf(commandLine);
    }

    /**
     * What the process runs, for breakdowns: the file name of its first argument ({@code
     * runsc-sandbox}, {@code containerd-shim-runc-v2}), or its {@code comm} without one.
     */
    public String name() {
      String first = commandLine.isEmpty() ? "" : commandLine.get(0);
      String base = first.substring(first.lastIndexOf('/') + 1).strip();
      return base.isEmpty() ? comm : base;
    }

    /**
     * Whether this is the containerd shim of {@code containerId}: its program is a {@code
     * containerd-shim*} and one of its arguments is the id ({@code containerd-shim-runc-v2
     * -namespace moby -id <id>}) or a path ending in it (the v1 shim's {@code -workdir .../<id>}).
     */
    public boolean isShimOf(String containerId) {
      return name().startsWith("containerd-shim")
          && commandLine.stream()
              .skip(1)
              .anyMatch(
                  argument -> argument.equals(containerId) || argument.endsWith("/" + containerId));
    }

    /** The process as the probe SPI describes it. */
    public HostProcess toHostProcess() {
      return new HostProcess(pid, name(), commandLine);
    }
  }

  private final Map<Long, Entry> byPid;
  private final Path root;

  private HostProcesses(Path root, Map<Long, Entry> byPid) {
    this.root = root;
    this.byPid = byPid;
  }

  /**
   * Reads every process under {@code root}; processes that end while it reads are left out.
   *
   * @throws ProbeException if {@code root} cannot be listed
   */
  public static HostProcesses read(Path root) {
    Map<Long, Entry> processes = new TreeMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, "[0-9]*")) {
      for (Path entry : entries) {
        long pid;
        try {
          pid = Long.parseLong(entry.getFileName().toString());
        } catch (NumberFormatException notAProcess) {
          continue;
        }
        try {
          String stat = Files.readString(entry.resolve("stat"), StandardCharsets.UTF_8);
          byte[] cmdline = Files.readAllBytes(entry.resolve("cmdline"));
          processes.put(pid, parse(pid, stat, cmdline));
        } catch (NoSuchFileException | AccessDeniedException ended) {
          // the process ended (or is not ours to see) between listing and reading
        }
      }
    } catch (IOException e) {
      throw new ProbeException("Cannot read the process table under " + root + ": " + e, e);
    }
    return new HostProcesses(root, processes);
  }

  /**
   * One process from the text of {@code /proc/<pid>/stat} and the bytes of {@code cmdline}.
   *
   * @throws ProbeException if {@code stat} is not laid out as {@code pid (comm) state ppid ...}
   */
  public static Entry parse(long pid, String stat, byte[] cmdline) {
    Optional<String> comm = statField(stat, 2);
    Optional<String> ppid = statField(stat, 4).filter(field -> field.matches("\\d+"));
    if (comm.isEmpty() || ppid.isEmpty()) {
      throw new ProbeException(
          String.format(
              "Cannot parse /proc/%d/stat: expected 'pid (comm) state ppid ...', but it was: %s",
              pid, ToolOutput.tail(stat)));
    }
    return new Entry(pid, Long.parseLong(ppid.get()), comm.get(), arguments(cmdline));
  }

  /**
   * Field {@code number} (counting from 1, as {@code man proc} does) of the text of a {@code
   * /proc/<pid>/stat}, or empty if it has no such field. The one reading of that layout: the
   * command name (field 2) may hold spaces and parentheses, so it ends at the last ')'.
   */
  public static Optional<String> statField(String stat, int number) {
    int open = stat.indexOf('(');
    int close = stat.lastIndexOf(')');
    if (open < 0 || close < open) {
      return Optional.empty();
    }
    if (number == 2) {
      return Optional.of(stat.substring(open + 1, close));
    }
    String[] rest = stat.substring(close + 1).strip().split("\\s+");
    int index = number - 3;
    return index >= 0 && index < rest.length ? Optional.of(rest[index]) : Optional.empty();
  }

  /** The NUL-separated arguments of {@code /proc/<pid>/cmdline}. */
  public static List<String> arguments(byte[] cmdline) {
    String text = new String(cmdline, StandardCharsets.UTF_8);
    if (text.isEmpty()) {
      return List.of();
    }
    if (text.endsWith("\0")) {
      text = text.substring(0, text.length() - 1);
    }
    return Arrays.asList(text.split("\0", -1));
  }

  /** All processes, by pid. */
  Map<Long, Entry> all() {
    return byPid;
  }

  /** The containerd shim that runs {@code containerId}, see {@link Entry#isShimOf}. */
  public Optional<Entry> shimOf(String containerId) {
    return byPid.values().stream().filter(process -> process.isShimOf(containerId)).findFirst();
  }

  /** The process {@code pid} and all its descendants, parents before children. */
  public List<Entry> treeOf(long pid) {
    Map<Long, List<Entry>> children = new TreeMap<>();
    for (Entry process : byPid.values()) {
      children.computeIfAbsent(process.parentPid(), parent -> new ArrayList<>()).add(process);
    }
    List<Entry> tree = new ArrayList<>();
    Entry top = byPid.get(pid);
    if (top == null) {
      return tree;
    }
    Deque<Entry> pending = new ArrayDeque<>(List.of(top));
    while (!pending.isEmpty()) {
      Entry process = pending.removeFirst();
      tree.add(process);
      List<Entry> own = children.getOrDefault(process.pid(), List.of());
      own.stream().sorted(Comparator.comparingLong(Entry::pid)).forEach(pending::addLast);
    }
    return tree;
  }

  /**
   * Every process that {@code top} accepts, each followed by its descendants (parents before
   * children), in pid order; a process under one that was taken is not taken twice.
   */
  public List<Entry> treesOf(java.util.function.Predicate<Entry> top) {
    List<Entry> trees = new ArrayList<>();
    java.util.Set<Long> taken = new java.util.HashSet<>();
    for (Entry process : byPid.values()) {
      if (top.test(process) && !taken.contains(process.pid())) {
        for (Entry member : treeOf(process.pid())) {
          if (taken.add(member.pid())) {
            trees.add(member);
          }
        }
      }
    }
    return trees;
  }

  /**
   * The containerd shim that runs {@code containerId} and all its descendants, parents before
   * children, as probes see them.
   *
   * @throws ProbeException if no shim in the table names the container
   */
  public List<HostProcess> sandboxOf(String containerId) {
    Entry shim =
        shimOf(containerId)
            .orElseThrow(
                () ->
                    new ProbeException(
                        String.format(
                            "No containerd shim in the host's process table names container %s;"
                                + " the JVM must run on the Docker host itself (not against a"
                                + " remote DOCKER_HOST), in its PID namespace",
                            containerId)));
    return processTree(shim.pid());
  }

  /** The process {@code pid} and all its descendants as probes see them; empty if it has ended. */
  public List<HostProcess> processTree(long pid) {
    return treeOf(pid).stream().map(Entry::toHostProcess).toList();
  }

  /**
   * The memory of process {@code pid} from its {@code smaps_rollup} (or {@code smaps}, on kernels
   * before 4.14) under this table's root. Reads the files now, not from the snapshot.
   *
   * @return empty if the process has ended
   * @throws ProbeException if neither can be read (this JVM may not look into the process: reading
   *     another user's smaps needs root or CAP_SYS_PTRACE)
   */
  public Optional<ProcessMemory> memoryOf(long pid) {
    return memoryUnder(root, pid);
  }

  /**
   * The memory of {@code process} on this host now, from {@link #PROC}; see {@link
   * #memoryOf(long)}.
   */
  public static Optional<ProcessMemory> readMemory(HostProcess process) {
    return memoryUnder(PROC, process.pid());
  }

  private static Optional<ProcessMemory> memoryUnder(Path root, long pid) {
    Path directory = root.resolve(Long.toString(pid));
    Path rollup = directory.resolve("smaps_rollup");
    Path file = Files.exists(rollup) ? rollup : directory.resolve("smaps");
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException ended) {
      return Optional.empty();
    } catch (IOException e) {
      throw new ProbeException(
          String.format(
              "Cannot read %s (pid %d): %s; reading another process's memory maps needs root or"
                  + " CAP_SYS_PTRACE",
              file, pid, e),
          e);
    }
    return Optional.of(parseMemory(file.toString(), text));
  }

  /**
   * Sums the {@code Pss:} and {@code Private_Dirty:} lines of {@code smaps_rollup} (one each) or
   * {@code smaps} (one per mapping).
   *
   * @throws ProbeException naming {@code where} and showing the text if a field is missing
   */
  public static ProcessMemory parseMemory(String where, String smaps) {
    long pss = 0;
    long privateDirty = 0;
    boolean sawPss = false;
    boolean sawPrivateDirty = false;
    for (String line : smaps.split("\n")) {
      String[] fields = line.strip().split("\\s+");
      if (fields.length < 2) {
        continue;
      }
      if (fields[0].equals("Pss:")) {
        pss += kilobytes(where, line, fields);
        sawPss = true;
      } else if (fields[0].equals("Private_Dirty:")) {
        privateDirty += kilobytes(where, line, fields);
        sawPrivateDirty = true;
      }
    }
    // a process without any mapping (a zombie, a kernel thread) has an empty smaps
    if (!smaps.isBlank() && (!sawPss || !sawPrivateDirty)) {
      throw new ProbeException(
          String.format(
              "Cannot parse %s: expected lines 'Pss: <n> kB' and 'Private_Dirty: <n> kB', but"
                  + " it was:%n%s",
              where, ToolOutput.tail(smaps)));
    }
    return new ProcessMemory(pss, privateDirty);
  }

  private static long kilobytes(String where, String line, String[] fields) {
    if (!fields[1].matches("\\d+") || (fields.length > 2 && !fields[2].equals("kB"))) {
      throw new ProbeException(
          String.format("Cannot parse %s: expected '<field>: <n> kB', but got '%s'", where, line));
    }
    return Long.parseLong(fields[1]);
  }
}
