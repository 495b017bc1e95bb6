package dev.junitsandbox.probe.builtin;

import dev.junitsandbox.internal.tooloutput.SysbenchOltpOutput;
import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Figure.Better;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.BackgroundCommand;
import dev.junitsandbox.probe.ExecResult;
import dev.junitsandbox.probe.Probe;
import dev.junitsandbox.probe.ProbeContext;
import dev.junitsandbox.probe.ProbeException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Database throughput and transaction latency: MariaDB in the sandbox under sysbench's OLTP
 * read-write load from the host, as in the published "MySQL under sysbench OLTP" comparisons of
 * runc, gVisor and Kata.
 *
 * <p><b>Method.</b> In the sandbox, {@code mariadb-install-db} creates a fresh data directory in
 * {@link ProbeContext#scratchDirectory()} (never {@code /tmp}, which gVisor keeps in memory) and
 * {@code mariadbd} starts on it (MariaDB 10.11 from Debian 12). In a container it listens on {@code
 * 0.0.0.0:3306} and the host connects to {@link ProbeContext#sandboxAddress()}; on the host it runs
 * as root ({@code --user=root}) on {@code 127.0.0.1} and a free port. Every runtime gets the same
 * server flags: {@code --no-defaults} (no {@code my.cnf}), {@code --innodb-use-native-aio=0}
 * (gVisor crashes MariaDB without it; it is set everywhere so that the runtimes stay comparable),
 * an InnoDB buffer pool of {@link #bufferPoolMiB()} MiB and a 32 MiB redo log; durability stays at
 * MariaDB's default ({@code innodb_flush_log_at_trx_commit=1}: one log flush per commit). The
 * benchmark user and database come from an {@code --init-file}, because root's unix-socket login
 * fails inside gVisor. The probe waits until the port accepts connections and the benchmark user
 * can log in, then runs {@code sysbench oltp_read_write prepare} and {@code sysbench
 * oltp_read_write run} on the host ({@code --histogram=on --report-interval=1}, sysbench's defaults
 * otherwise). The server is stopped and its data directory removed afterwards, also when a step
 * fails. The benchmark user's password is made up for each run; failure messages quote the commands
 * that carry it with the password replaced by {@code <redacted>}.
 *
 * <p><b>Statement mix.</b> One sysbench {@code oltp_read_write} transaction (sysbench 1.0.20's
 * {@code oltp_read_write.lua} with its defaults) is {@code BEGIN}; 10 point {@code SELECT}s by
 * primary key; 4 range {@code SELECT}s over 100 rows (plain, {@code SUM}, {@code ORDER BY}, {@code
 * DISTINCT}); 1 {@code UPDATE} of an indexed column; 1 {@code UPDATE} of a non-indexed column; 1
 * {@code DELETE} and 1 {@code INSERT} of the same row; {@code COMMIT}: 20 statements, of the 18
 * data statements 78% {@code SELECT}, 5.6% {@code INSERT} and 16.7% {@code UPDATE}/{@code DELETE}.
 * This project's notes give the studies' mix as about 70% select, 20% insert, 10% update and
 * delete; sysbench cannot give that mix (its inserts come paired with deletes), so this probe reads
 * more and inserts less than that.
 *
 * <p><b>Timed region.</b> sysbench's {@code run} phase only, by sysbench's own clock: {@link
 * #threads()} connections each running transactions back to back for {@link #duration()}. Creating
 * the data directory, starting the server, waiting for it, loading the tables and stopping the
 * server are outside it.
 *
 * <p><b>Result.</b> Figures {@code transactionsPerSecond} (tx/s) and {@code queriesPerSecond}
 * (queries/s, {@code BEGIN} and {@code COMMIT} included), both sysbench's totals over the run,
 * {@link Better#HIGHER}, with the per-second values of {@code --report-interval} as samples; the
 * latency histogram holds one value per transaction in nanoseconds, taken from sysbench's own
 * histogram (logarithmic buckets about 1.8% wide, so a percentile is exact to about 2%). Latency is
 * client-side: it includes the network path from the host into the sandbox.
 *
 * <p><b>Defaults.</b> 1 table of 10,000 rows (about 2.5 MB, inside the buffer pool: the load is
 * CPU, system calls, the network path and log flushes, not disk reads), 4 threads, 10 seconds, a 64
 * MiB buffer pool. Li et al. ("Comparative Performance Study of Lightweight Hypervisors Used in
 * Container Environment", CLOSER 2021) used one table of 10 million rows: {@code
 * tableSize(10_000_000)}, with a {@link #timeout(Duration)} long enough for {@code prepare} to load
 * it, is one setting away. The default is a thousandth of that so that a fresh server can be
 * started and loaded in seconds for every runtime and trial on a shared 2-core machine.
 */
public final class OltpProbe implements Probe {

  /** The sysbench workload the probe runs. */
  public static final String WORKLOAD = "oltp_read_write";

  private static final int DEFAULT_TABLES = 1;
  private static final int DEFAULT_TABLE_SIZE = 10_000;
  private static final int DEFAULT_THREADS = 4;
  private static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);
  private static final int DEFAULT_BUFFER_POOL_MIB = 64;
  private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

  private static final int CONTAINER_PORT = 3306;
  private static final String USER = "sbtest";
  private static final String DATABASE = "sbtest";
  private static final Duration CLEANUP_TIMEOUT = Duration.ofSeconds(60);
  private static final AtomicInteger RUNS = new AtomicInteger();

  private final int tables;
  private final int tableSize;
  private final int threads;
  private final Duration duration;
  private final int bufferPoolMiB;
  private final Duration timeout;

  private OltpProbe(
      int tables,
      int tableSize,
      int threads,
      Duration duration,
      int bufferPoolMiB,
      Duration timeout) {
    ProbeSettings.range("tables", tables, 1, 100, "", "; e.g. tables(1)");
    ProbeSettings.range("tableSize", tableSize, 1, 100_000_000, "", "; e.g. tableSize(10_000)");
    ProbeSettings.range("threads", threads, 1, 1_024, "", "; e.g. threads(4)");
    ProbeSettings.range("bufferPoolMiB", bufferPoolMiB, 8, 65_536, "", "; e.g. bufferPoolMiB(64)");
    if (duration.isNegative()
        || duration.getSeconds() < 1
        || duration.getNano() != 0
        || duration.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException(
          String.format(
              "duration must be whole seconds from 1 s to 1 h (sysbench --time counts seconds),"
                  + " but was %s; e.g. duration(Duration.ofSeconds(10))",
              duration));
    }
    ProbeSettings.positive("timeout", timeout);
    this.tables = tables;
    this.tableSize = tableSize;
    this.threads = threads;
    this.duration = duration;
    this.bufferPoolMiB = bufferPoolMiB;
    this.timeout = timeout;
  }

  static OltpProbe create() {
    return new OltpProbe(
        DEFAULT_TABLES,
        DEFAULT_TABLE_SIZE,
        DEFAULT_THREADS,
        DEFAULT_DURATION,
        DEFAULT_BUFFER_POOL_MIB,
        DEFAULT_TIMEOUT);
  }

  /** The same probe with {@code tables} tables (sysbench {@code --tables}, default 1). */
  public OltpProbe tables(int tables) {
    return new OltpProbe(tables, tableSize, threads, duration, bufferPoolMiB, timeout);
  }

  /**
   * The same probe with {@code rows} rows per table (sysbench {@code --table-size}, default
   * 10,000).
   */
  public OltpProbe tableSize(int rows) {
    return new OltpProbe(tables, rows, threads, duration, bufferPoolMiB, timeout);
  }

  /**
   * The same probe with {@code threads} client connections (sysbench {@code --threads}, default 4).
   */
  public OltpProbe threads(int threads) {
    return new OltpProbe(tables, tableSize, threads, duration, bufferPoolMiB, timeout);
  }

  /** The same probe running the load for {@code duration}, whole seconds (default 10 s). */
  public OltpProbe duration(Duration duration) {
    return new OltpProbe(tables, tableSize, threads, duration, bufferPoolMiB, timeout);
  }

  /** The same probe with an InnoDB buffer pool of {@code mebibytes} MiB (default 64). */
  public OltpProbe bufferPoolMiB(int mebibytes) {
    return new OltpProbe(tables, tableSize, threads, duration, mebibytes, timeout);
  }

  /**
   * The same probe giving each step up after {@code timeout} (default 2 minutes): creating the data
   * directory, the server coming up, loading the tables, and the run beyond its {@link
   * #duration()}.
   */
  public OltpProbe timeout(Duration timeout) {
    return new OltpProbe(tables, tableSize, threads, duration, bufferPoolMiB, timeout);
  }

  /** Tables in the database. */
  public int tables() {
    return tables;
  }

  /** Rows per table. */
  public int tableSize() {
    return tableSize;
  }

  /** Client connections, each running transactions back to back. */
  public int threads() {
    return threads;
  }

  /** How long the timed load runs. */
  public Duration duration() {
    return duration;
  }

  /** The InnoDB buffer pool, in MiB. */
  public int bufferPoolMiB() {
    return bufferPoolMiB;
  }

  @Override
  public String name() {
    return "oltp.read_write";
  }

  /** The timed run plus about ten seconds to create, start and fill the database. */
  @Override
  public Optional<Duration> estimatedDuration() {
    return Optional.of(duration.plusSeconds(10));
  }

  @Override
  public Map<String, String> parameters() {
    return ProbeSettings.parameters()
        .with("workload", "sysbench " + WORKLOAD)
        .with("tables", Integer.toString(tables))
        .with("tableSize", Integer.toString(tableSize))
        .with("threads", Integer.toString(threads))
        .with("durationSeconds", Long.toString(duration.getSeconds()))
        .with("bufferPoolMiB", Integer.toString(bufferPoolMiB))
        .build();
  }

  /**
   * The {@code mariadbd} command line, the same on every runtime but for where it listens and its
   * directory: {@code --no-defaults} must come first.
   */
  List<String> serverCommand(String directory, String bindAddress, int port) {
    List<String> command = new ArrayList<>();
    command.add("mariadbd");
    command.add("--no-defaults");
    command.add("--user=root");
    command.add("--datadir=" + directory + "/data");
    command.add("--socket=" + directory + "/mariadbd.sock");
    command.add("--pid-file=" + directory + "/mariadbd.pid");
    command.add("--bind-address=" + bindAddress);
    command.add("--port=" + port);
    command.add("--skip-name-resolve");
    command.add("--init-file=" + directory + "/init.sql");
    command.addAll(innodbFlags());
    return command;
  }

  /** The InnoDB flags; {@code mariadb-install-db} gets them too, so the files match the server. */
  private List<String> innodbFlags() {
    return List.of(
        "--innodb-use-native-aio=0",
        "--innodb-buffer-pool-size=" + bufferPoolMiB + "M",
        "--innodb-log-file-size=32M",
        "--innodb-buffer-pool-load-at-startup=0",
        "--innodb-buffer-pool-dump-at-shutdown=0");
  }

  /** sysbench's connection and table options, shared by {@code prepare} and {@code run}. */
  List<String> sysbenchCommand(String phase, String host, int port, String password) {
    List<String> command = new ArrayList<>();
    command.add("sysbench");
    command.add(WORKLOAD);
    command.add("--db-driver=mysql");
    command.add("--mysql-host=" + host);
    command.add("--mysql-port=" + port);
    command.add("--mysql-user=" + USER);
    command.add("--mysql-password=" + password);
    command.add("--mysql-db=" + DATABASE);
    command.add("--tables=" + tables);
    command.add("--table-size=" + tableSize);
    command.add("--threads=" + threads);
    if (phase.equals("run")) {
      command.add("--time=" + duration.getSeconds());
      command.add("--events=0");
      command.add("--histogram=on");
      command.add("--report-interval=1");
    }
    command.add(phase);
    return command;
  }

  @Override
  public Measurement run(ProbeContext context) {
    String where = name() + " on " + context.runtime().id();
    boolean onHost = context.runtime().isHost();
    String directory =
        context.scratchDirectory()
            + "/mariadb-"
            + ProcessHandle.current().pid()
            + "-"
            + RUNS.incrementAndGet();
    String address = onHost ? "127.0.0.1" : context.sandboxAddress();
    int port = onHost ? Workloads.freeLoopbackPort() : CONTAINER_PORT;
    byte[] secret = new byte[12];
    new SecureRandom().nextBytes(secret);
    String password = HexFormat.of().formatHex(secret);
    try {
      return runWithPassword(context, where, onHost, directory, address, port, password);
    } catch (RuntimeException e) {
      // the sysbench and mariadb commands carry the password, and failures quote commands
      throw Redaction.redact(e, password);
    }
  }

  private Measurement runWithPassword(
      ProbeContext context,
      String where,
      boolean onHost,
      String directory,
      String address,
      int port,
      String password) {
    try {
      Workloads.execChecked(
          context, where + ": mkdir", timeout, List.of("mkdir", "-p", directory + "/data"));
      context.writeFile(directory + "/init.sql", initSql(password));
      List<String> install = new ArrayList<>();
      install.addAll(
          List.of(
              "mariadb-install-db",
              "--no-defaults",
              "--user=root",
              "--datadir=" + directory + "/data",
              "--skip-test-db",
              "--skip-name-resolve"));
      install.addAll(innodbFlags());
      Workloads.execChecked(context, where + ": mariadb-install-db", timeout, install);
      try (BackgroundCommand server =
          context.start(serverCommand(directory, onHost ? address : "0.0.0.0", port))) {
        Workloads.awaitTcpPort(address, port, timeout, server);
        awaitLogin(context, where, address, port, password, server);
        Workloads.requireSuccess(
            where + ": sysbench prepare",
            context.execOnHost(timeout, sysbenchCommand("prepare", address, port, password)));
        ExecResult run =
            Workloads.requireSuccess(
                where + ": sysbench run",
                context.execOnHost(
                    duration.plus(timeout), sysbenchCommand("run", address, port, password)));
        return measurement(context, address, SysbenchOltpOutput.parse(where, run.stdout()));
      }
    } finally {
      try {
        context.exec(CLEANUP_TIMEOUT, List.of("rm", "-rf", directory));
      } catch (RuntimeException ignored) {
        // the sandbox removes its scratch directory when it closes; this only frees space early
      }
    }
  }

  private static String initSql(String password) {
    // --init-file runs one statement per line
    return String.join(
        "\n",
        "CREATE DATABASE IF NOT EXISTS " + DATABASE + ";",
        "CREATE USER IF NOT EXISTS '" + USER + "'@'%' IDENTIFIED BY '" + password + "';",
        "GRANT ALL PRIVILEGES ON " + DATABASE + ".* TO '" + USER + "'@'%';",
        "");
  }

  /**
   * The port can accept connections before the server takes logins, and a failed init file leaves a
   * server that runs but refuses the user: only a real login says the server is ready.
   */
  private void awaitLogin(
      ProbeContext context,
      String where,
      String address,
      int port,
      String password,
      BackgroundCommand server) {
    List<String> login =
        List.of(
            "mariadb",
            "--no-defaults",
            "--protocol=TCP",
            "--host=" + address,
            "--port=" + port,
            "--user=" + USER,
            "--password=" + password,
            "--connect-timeout=5",
            "--execute=SELECT 1",
            DATABASE);
    long deadline = System.nanoTime() + timeout.toNanos();
    ExecResult last;
    do {
      last = context.execOnHost(Duration.ofSeconds(30), login);
      if (last.succeeded()) {
        return;
      }
      if (!server.isRunning()) {
        break;
      }
      Workloads.sleep(Duration.ofMillis(200));
    } while (System.nanoTime() < deadline);
    throw new ProbeException(
        String.format(
            "%s: the benchmark user cannot log in to MariaDB at %s:%d (waited up to %s): %s%n"
                + "Server log:%n%s",
            where, address, port, timeout, last.stderr().strip(), Workloads.tail(server.output())));
  }

  private Measurement measurement(ProbeContext context, String address, SysbenchOltpOutput output) {
    Measurement.Builder builder =
        Measurement.builder(name(), context.runtime().id(), parameters())
            .latency("latency per transaction", output.latencyNanos())
            .figure(
                new Figure(
                    "transactionsPerSecond",
                    "tx/s",
                    output.transactionsPerSecond(),
                    Better.HIGHER,
                    output.intervalTransactionsPerSecond()))
            .figure(
                new Figure(
                    "queriesPerSecond",
                    "queries/s",
                    output.queriesPerSecond(),
                    Better.HIGHER,
                    output.intervalQueriesPerSecond()))
            .note(
                "sysbench "
                    + WORKLOAD
                    + " transaction: BEGIN, 10 point SELECTs, 4 range SELECTs, 2 UPDATEs, 1 DELETE,"
                    + " 1 INSERT, COMMIT (78% select, 5.6% insert, 16.7% update+delete); the"
                    + " studies' mix is about 70% select, 20% insert, 10% update+delete")
            .note(
                "MariaDB in the sandbox, sysbench on the host over TCP to "
                    + address
                    + "; latency includes that network path")
            .note(NetworkNotes.networkMode(context))
            .note(
                "same mariadbd flags on every runtime, including --innodb-use-native-aio=0 (needed"
                    + " by gVisor) and a "
                    + bufferPoolMiB
                    + " MiB buffer pool; one log flush per commit")
            .note(
                String.format(
                    Locale.ROOT,
                    "%d table(s) x %d rows; Li et al. used 1 table x 10,000,000 rows",
                    tables,
                    tableSize));
    if (output.ignoredErrors() > 0 || output.reconnects() > 0) {
      builder.note(
          String.format(
              Locale.ROOT,
              "sysbench ignored %d errors (deadlocks, retried) and reconnected %d times",
              output.ignoredErrors(),
              output.reconnects()));
    }
    return builder.build();
  }

  /** {@code name{parameter=value, ...}}, as in test names and messages. */
  @Override
  public String toString() {
    return ProbeSettings.describe(this);
  }
}
