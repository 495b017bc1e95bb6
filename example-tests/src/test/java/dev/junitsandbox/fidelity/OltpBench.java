package dev.junitsandbox.fidelity;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.ContainerRuntime.RUNSC;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.builtin.OltpProbe;
import dev.junitsandbox.probe.builtin.Probes;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fidelity of {@link OltpProbe}: MariaDB started by hand the way a person would (on the host as a
 * process, or {@code docker run --runtime <rt>} of the probe image with the same {@code mariadbd}
 * flags), {@code sysbench oltp_read_write} run by hand from the host and its human report read,
 * then the probe with the same parameters right after.
 */
class OltpBench {

  private static final OltpProbe PROBE = Probes.oltp();
  private static final String PASSWORD = "fidelity";
  private static final Pattern TRANSACTIONS =
      Pattern.compile("transactions:\\s+\\d+\\s+\\(([0-9.]+) per sec\\.\\)");
  private static final Pattern MEDIAN = Pattern.compile("50th percentile:\\s+([0-9.]+)");

  /** The flags the probe documents, written out by hand. */
  private static final String INNODB =
      "--innodb-use-native-aio=0 --innodb-buffer-pool-size=64M --innodb-log-file-size=32M"
          + " --innodb-buffer-pool-load-at-startup=0 --innodb-buffer-pool-dump-at-shutdown=0";

  @Runtimes({HOST, RUNC, RUNSC})
  void transactionsAndMedianLatency(Sandbox sandbox) throws Exception {
    String runtime = sandbox.runtime().id();
    String report =
        sandbox.runtime().isHost()
            ? onHost()
            : inContainer(sandbox.runtime().dockerName().orElseThrow());
    double byHandTps = number(TRANSACTIONS, report);
    double byHandP50Millis = number(MEDIAN, report);

    Measurement probe = sandbox.measure(PROBE);

    FidelityTable.add(
        "sysbench oltp_read_write",
        runtime,
        "transactions/s",
        byHandTps,
        probe.figure("transactionsPerSecond").value());
    FidelityTable.add(
        "sysbench oltp_read_write",
        runtime,
        "p50 latency (ms)",
        byHandP50Millis,
        probe.p50Nanos() / 1e6);
  }

  private static String script(String dir, String bind, int port) {
    return String.join(
        " && ",
        "mkdir -p " + dir + "/data",
        "mariadb-install-db --no-defaults --user=root --datadir="
            + dir
            + "/data --skip-test-db --skip-name-resolve "
            + INNODB
            + " > "
            + dir
            + "/install.log 2>&1",
        "printf '%s\\n' 'CREATE DATABASE IF NOT EXISTS sbtest;' \"CREATE USER IF NOT EXISTS"
            + " 'sbtest'@'%' IDENTIFIED BY '"
            + PASSWORD
            + "';\" \"GRANT ALL PRIVILEGES ON sbtest.* TO 'sbtest'@'%';\" > "
            + dir
            + "/init.sql",
        "exec mariadbd --no-defaults --user=root --datadir="
            + dir
            + "/data --socket="
            + dir
            + "/mariadbd.sock --pid-file="
            + dir
            + "/mariadbd.pid --bind-address="
            + bind
            + " --port="
            + port
            + " --skip-name-resolve --init-file="
            + dir
            + "/init.sql "
            + INNODB);
  }

  private static String onHost() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("/var/tmp"), "oltp-bench-");
    int port;
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      port = socket.getLocalPort();
    }
    Process server =
        new ProcessBuilder("sh", "-c", script(dir.toString(), "127.0.0.1", port))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("server.log").toFile())
            .start();
    try {
      return sysbench("127.0.0.1", port);
    } finally {
      server.descendants().forEach(ProcessHandle::destroy);
      server.destroy();
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  private static String inContainer(String dockerRuntime) throws Exception {
    String image =
        run(List.of(
                "docker", "images", "junit-sandbox/probe", "--format", "{{.Repository}}:{{.Tag}}"))
            .lines()
            .findFirst()
            .orElseThrow();
    String id =
        run(List.of(
                "docker",
                "run",
                "-d",
                "--rm",
                "--label",
                "dev.junitsandbox=probe",
                "--runtime",
                dockerRuntime,
                image,
                "sh",
                "-c",
                script("/var/tmp/oltp-bench", "0.0.0.0", 3306)))
            .strip();
    try {
      String address =
          run(List.of(
                  "docker",
                  "inspect",
                  "-f",
                  "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}",
                  id))
              .strip();
      return sysbench(address, 3306);
    } finally {
      exitCode(List.of("docker", "rm", "-f", id));
    }
  }

  private static String sysbench(String host, int port) throws Exception {
    List<String> login =
        List.of(
            "mariadb",
            "--no-defaults",
            "--protocol=TCP",
            "--host=" + host,
            "--port=" + port,
            "--user=sbtest",
            "--password=" + PASSWORD,
            "--execute=SELECT 1",
            "sbtest");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (exitCode(login) != 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("MariaDB at " + host + ":" + port + " never let us in");
      }
      Thread.sleep(500);
    }
    List<String> common =
        List.of(
            "sysbench",
            "oltp_read_write",
            "--db-driver=mysql",
            "--mysql-host=" + host,
            "--mysql-port=" + port,
            "--mysql-user=sbtest",
            "--mysql-password=" + PASSWORD,
            "--mysql-db=sbtest",
            "--tables=" + PROBE.tables(),
            "--table-size=" + PROBE.tableSize(),
            "--threads=" + PROBE.threads());
    List<String> prepare = new ArrayList<>(common);
    prepare.add("prepare");
    run(prepare);
    List<String> benchmark = new ArrayList<>(common);
    benchmark.addAll(List.of("--time=" + PROBE.duration().getSeconds(), "--percentile=50", "run"));
    return run(benchmark);
  }

  private static int exitCode(List<String> command) throws Exception {
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return -1;
    }
    return process.exitValue();
  }

  private static String run(List<String> command) throws Exception {
    Path output = Files.createTempFile("oltp-bench-", ".out");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(3, TimeUnit.MINUTES)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException(String.join(" ", command) + " did not finish in 3 min");
      }
      String text = Files.readString(output, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + text);
      }
      return text;
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static double number(Pattern pattern, String report) {
    Matcher matcher = pattern.matcher(report);
    if (!matcher.find()) {
      throw new IllegalStateException("no " + pattern + " in sysbench's report:\n" + report);
    }
    return Double.parseDouble(matcher.group(1));
  }
}
