package dev.junitsandbox.internal.host;

import dev.junitsandbox.internal.RunIdentity;
import dev.junitsandbox.internal.RunState;
import dev.junitsandbox.internal.tooloutput.ToolOutput;
import dev.junitsandbox.probe.ExecResult;
import dev.junitsandbox.probe.HostBackgroundCommand;
import dev.junitsandbox.probe.ProbeException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The one way this library runs a process on the host: to completion with a deadline ({@link
 * #run}), in the background with its output in files ({@link #start}: servers, including the
 * one-off {@code iperf3 -s -1} whose JSON report is on standard output alone), or in the background
 * with its output followed line by line as it arrives ({@link #startFollowed}: launches that are
 * timed to their first line).
 *
 * <p>Standard input is {@code /dev/null}. Output goes to files or is drained by a thread, so no
 * pipe can fill and block the process. Closing stops the process and everything it forked (nginx's
 * workers): SIGTERM, then SIGKILL after {@link #STOP_GRACE}; it keeps what the process printed for
 * {@link #output()} and removes the files. Closing never throws.
 *
 * <p>Nothing outlives the JVM. Every process carries the run's {@link RunIdentity#environment()
 * marks} in its environment and is recorded in the {@link RunState} until it ends, so a normal exit
 * stops it (shutdown hook) and the next run removes it after a {@code kill -9} ({@code Leftovers}).
 * Where util-linux's {@code setsid} and {@code setpriv --pdeathsig} exist, {@link #start} and
 * {@link #run} also put the command under a supervising {@code sh} in a session of its own that
 * gets SIGHUP when the JVM dies, also by {@code kill -9}, and then kills its whole process group (a
 * server and what it forked, like nginx's workers, which outlive their master). Launches ({@link
 * #startFollowed}) are timed and so run as they are, without the supervisor's extra exec.
 */
public final class HostCommand implements HostBackgroundCommand {

  /** How long a stopped process may take to end before it is killed. */
  public static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private static final Duration KILL_WAIT = Duration.ofSeconds(10);

  /**
   * The supervisor: the parent-death signal is SIGHUP, which the library never sends otherwise;
   * {@code kill -9 0} ends the process group, which {@code setsid} made the command's own. {@code
   * env --default-signal=HUP} first, because a shell cannot trap a signal that was ignored when it
   * started, and an ignored SIGHUP is inherited from anything started under {@code nohup} (a JVM
   * too): without it the trap is silently void and the servers outlive a killed JVM (coreutils 8.31
   * or newer; where it is older, {@link #supervised()} is false).
   */
  private static final List<String> SUPERVISOR =
      List.of(
          "setsid",
          "setpriv",
          "--pdeathsig",
          "HUP",
          "--",
          "env",
          "--default-signal=HUP",
          "sh",
          "-c",
          "trap 'kill -9 0' HUP; \"$@\" & wait $!",
          "junit-sandbox-supervisor");

  /**
   * Starts the supervised processes: the parent-death signal is sent when the thread that started a
   * process ends, not the JVM, so they are started by a thread that lives as long as the JVM.
   */
  private static final ExecutorService SPAWNER =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "junit-sandbox-spawner");
            thread.setDaemon(true);
            return thread;
          });

  private static volatile Boolean supervised;

  private final List<String> command;
  private final Process process;
  private final Path stdoutFile;
  private final Path stderrFile;
  private final OutputLines followed;
  private String stdoutAtClose;
  private String stderrAtClose;
  private boolean closed;

  private HostCommand(
      List<String> command, Process process, Path stdout, Path stderr, OutputLines followed) {
    this.command = List.copyOf(command);
    this.process = process;
    this.stdoutFile = stdout;
    this.stderrFile = stderr;
    this.followed = followed;
  }

  /**
   * Runs {@code command} to completion and returns its exit status and output.
   *
   * @throws ProbeException if it cannot be started or does not finish within {@code timeout}; it is
   *     then killed with everything it forked
   */
  public static ExecResult run(Duration timeout, List<String> command) {
    try (HostCommand running = start(command)) {
      if (!running.awaitExit(timeout)) {
        running.kill();
        throw new ProbeException(
            String.format(
                "%s did not finish within %s on the host and was killed",
                String.join(" ", command), timeout));
      }
      return new ExecResult(
          command, running.process.exitValue(), running.stdout(), running.stderr());
    }
  }

  /**
   * Starts {@code command} with standard output and standard error going to temporary files apart.
   *
   * @throws ProbeException if it cannot be started
   */
  public static HostCommand start(List<String> command) {
    Path out = null;
    Path err = null;
    try {
      Path directory = RunState.get().outputDirectory();
      out =
          directory == null
              ? Files.createTempFile("junit-sandbox-", ".out")
              : Files.createTempFile(directory, "command-", ".out");
      err =
          directory == null
              ? Files.createTempFile("junit-sandbox-", ".err")
              : Files.createTempFile(directory, "command-", ".err");
      ProcessBuilder builder =
          builder(command, supervised()).redirectOutput(out.toFile()).redirectError(err.toFile());
      Process process = supervised() ? spawn(builder) : builder.start();
      RunState.get().recordProcess(process.pid(), command);
      return new HostCommand(command, process, out, err, null);
    } catch (IOException e) {
      deleteQuietly(out);
      deleteQuietly(err);
      throw cannotStart(command, e);
    }
  }

  /**
   * Starts {@code command} with standard output and standard error together in a pipe that a thread
   * hands to {@code lines} as it arrives, with the time it arrived.
   *
   * @throws ProbeException if it cannot be started
   */
  public static HostCommand startFollowed(List<String> command, OutputLines lines) {
    Process process;
    try {
      process = builder(command, false).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw cannotStart(command, e);
    }
    RunState.get().recordProcess(process.pid(), command);
    Thread reader =
        new Thread(() -> drain(process.getInputStream(), lines), "junit-sandbox-output");
    reader.setDaemon(true);
    reader.start();
    return new HostCommand(command, process, null, null, lines);
  }

  private static ProcessBuilder builder(List<String> command, boolean supervise) {
    List<String> full = new ArrayList<>();
    if (supervise) {
      full.addAll(SUPERVISOR);
    }
    full.addAll(command);
    ProcessBuilder builder =
        new ProcessBuilder(full).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().putAll(RunIdentity.current().environment());
    return builder;
  }

  private static Process spawn(ProcessBuilder builder) throws IOException {
    // as without the supervisor, a missing program fails the start, not the run with status 127
    String program = builder.command().get(SUPERVISOR.size());
    if (!executable(program)) {
      throw new IOException(
          "Cannot run program \"" + program + "\": error=2, No such file or directory");
    }
    try {
      return SPAWNER.submit(builder::start).get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting " + builder.command(), e);
    }
  }

  private static boolean executable(String program) {
    if (program.contains("/")) {
      return Files.isExecutable(Path.of(program));
    }
    String path = System.getenv("PATH");
    for (String directory : (path == null ? "/usr/bin:/bin" : path).split(File.pathSeparator)) {
      if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, program))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether commands run under the supervisor: {@code setsid}, {@code setpriv --pdeathsig}, {@code
   * env --default-signal} and {@code sh} all work here (util-linux 2.33, coreutils 8.31 or newer).
   * Checked once.
   */
  public static boolean supervised() {
    Boolean known = supervised;
    if (known == null) {
      known = probeSupervisor();
      supervised = known;
    }
    return known;
  }

  private static boolean probeSupervisor() {
    List<String> check = new ArrayList<>(SUPERVISOR);
    check.add("true");
    try {
      Process process =
          new ProcessBuilder(check)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return false;
      }
      return process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static ProbeException cannotStart(List<String> command, IOException e) {
    return new ProbeException(
        "Cannot start " + String.join(" ", command) + " on the host: " + e, e);
  }

  private static void drain(InputStream in, OutputLines lines) {
    byte[] buffer = new byte[8192];
    try (in) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        lines.append(new String(buffer, 0, n, StandardCharsets.UTF_8), System.nanoTime());
      }
      lines.end(null);
    } catch (IOException e) {
      lines.end(e);
    }
  }

  @Override
  public List<String> command() {
    return command;
  }

  /** The process id on the host (of the supervising {@code sh}, if {@link #supervised()}). */
  public long pid() {
    return process.pid();
  }

  @Override
  public boolean isRunning() {
    return process.isAlive();
  }

  /** What it wrote to standard output so far (with standard error, if followed). */
  @Override
  public synchronized String stdout() {
    if (followed != null) {
      return followed.text();
    }
    return closed ? stdoutAtClose : read(stdoutFile);
  }

  /** What it wrote to standard error so far (nothing, if followed: it is in {@link #stdout()}). */
  @Override
  public synchronized String stderr() {
    if (followed != null) {
      return "";
    }
    return closed ? stderrAtClose : read(stderrFile);
  }

  /** Standard output and standard error so far, shortened, for error messages. */
  @Override
  public String output() {
    return ToolOutput.tail(stdout() + "\n" + stderr());
  }

  /** Waits up to {@code timeout} for the process to end by itself; whether it did. */
  @Override
  public boolean awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProbeException("Interrupted while waiting for " + this, e);
    }
  }

  /**
   * Waits until a socket on the host listens on TCP {@code port}, looking at {@code /proc/net/tcp}
   * rather than connecting: a test connection would count as a client for one-off servers such as
   * {@code iperf3 -s -1}.
   *
   * @throws ProbeException if the process ends first or does not listen within {@code timeout}
   */
  @Override
  public void awaitListening(int port, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String portHex = String.format(Locale.ROOT, ":%04X", port);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new ProbeException(
            String.format(
                "%s ended before it listened on port %d (exit status %d); it printed:%n%s",
                this, port, process.exitValue(), output()));
      }
      if (listening(portHex, Path.of("/proc/net/tcp"))
          || listening(portHex, Path.of("/proc/net/tcp6"))) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProbeException("Interrupted while waiting for " + this, e);
      }
    }
    throw new ProbeException(
        String.format(
            "%s did not listen on port %d within %s; it printed:%n%s",
            this, port, timeout, output()));
  }

  private static boolean listening(String portHex, Path table) {
    try {
      for (String line : Files.readAllLines(table, StandardCharsets.US_ASCII)) {
        String[] fields = line.trim().split("\\s+");
        // fields: sl local_address rem_address st ...; st 0A is LISTEN
        if (fields.length > 3 && fields[1].endsWith(portHex) && fields[3].equals("0A")) {
          return true;
        }
      }
      return false;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Kills the process and everything it forked at once (SIGKILL) and waits for them to end. */
  void kill() {
    List<ProcessHandle> tree = tree();
    tree.forEach(ProcessHandle::destroyForcibly);
    tree.forEach(HostCommand::awaitQuietly);
    RunState.get().forgetProcess(process.pid());
  }

  @Override
  public void close() {
    List<ProcessHandle> tree = tree();
    tree.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + STOP_GRACE.toNanos();
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (Exception stillRunning) {
        handle.destroyForcibly();
        awaitQuietly(handle);
      }
    }
    RunState.get().forgetProcess(process.pid());
    synchronized (this) {
      if (!closed && followed == null) {
        stdoutAtClose = read(stdoutFile);
        stderrAtClose = read(stderrFile);
        deleteQuietly(stdoutFile);
        deleteQuietly(stderrFile);
      }
      closed = true;
    }
  }

  private List<ProcessHandle> tree() {
    // descendants first: once the parent is gone, its children are re-parented and lost to us
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    return tree;
  }

  private static void awaitQuietly(ProcessHandle handle) {
    try {
      handle.onExit().get(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception stillRunning) {
      // killed with SIGKILL; a process stuck in the kernel ends when it can
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a leftover temporary file must not hide the command's own outcome
      }
    }
  }

  @Override
  public String toString() {
    return String.join(" ", command) + " on the host";
  }
}
