package dev.junitsandbox.fidelity;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.ContainerRuntime.RUNSC;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.builtin.HttpProbe;
import dev.junitsandbox.probe.builtin.NetworkThroughputProbe;
import dev.junitsandbox.probe.builtin.NetworkThroughputProbe.Direction;
import dev.junitsandbox.probe.builtin.Probes;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fidelity of the network and HTTP probes: iperf3 and wrk run by hand, the way a person would,
 * against servers started the way the probes start theirs, then the probe with the same parameters
 * right after. The by-hand figures come from the tools' human output ("receiver" line of iperf3,
 * "Requests/sec:" and the "50%" line of {@code wrk --latency}), parsed here without the probes'
 * parsers.
 */
class NetworkHttpBench {

  private static final int SECONDS = 5;
  private static final int CONNECTIONS = 64;
  private static final int THREADS = 2;
  private static final int GVISOR_ATTEMPTS = 5;
  // the machine is shared and single runs vary by a third: by hand and probe alternate, medians
  private static final int ROUNDS = 3;
  private static final String MEDIAN = " (median of " + ROUNDS + ", alternating)";

  private static final NetworkThroughputProbe IPERF3 =
      Probes.networkThroughput().duration(Duration.ofSeconds(SECONDS));
  private static final HttpProbe WRK =
      Probes.http().connections(CONNECTIONS).threads(THREADS).duration(Duration.ofSeconds(SECONDS));

  private static final Pattern RECEIVER = Pattern.compile("([0-9.]+) ([KMG]?)bits/sec\\s+receiver");
  private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern P50 = Pattern.compile("\\n\\s+50%\\s+([0-9.]+)(us|ms|s|m)\\s*\\n");

  @Runtimes({HOST, RUNC, RUNSC})
  void iperf3(Sandbox sandbox) throws Exception {
    String runtime = sandbox.runtime().id();
    for (Direction direction : Direction.values()) {
      List<Double> byHand = new ArrayList<>();
      List<Double> probe = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        byHand.add(iperf3ByHand(sandbox, direction));
        probe.add(
            sandbox.measure(IPERF3.directions(direction)).figure(direction.figureName()).value());
      }
      FidelityTable.add(
          "iperf3 TCP " + direction.figureName() + MEDIAN,
          runtime,
          "Gbit/s",
          median(byHand),
          median(probe));
    }
  }

  @Runtimes({HOST, RUNC, RUNSC})
  void wrk(Sandbox sandbox) throws Exception {
    String runtime = sandbox.runtime().id();
    List<Double> byHandRate = new ArrayList<>();
    List<Double> byHandP50 = new ArrayList<>();
    List<Double> probeRate = new ArrayList<>();
    List<Double> probeP50 = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      String output = wrkByHand(sandbox);
      Matcher rps = REQUESTS_PER_SECOND.matcher(output);
      Matcher p50 = P50.matcher(output);
      assertThat(rps.find()).as("Requests/sec in wrk's output:%n%s", output).isTrue();
      assertThat(p50.find()).as("50%% line in wrk's output:%n%s", output).isTrue();
      byHandRate.add(Double.parseDouble(rps.group(1)));
      byHandP50.add(toMillis(Double.parseDouble(p50.group(1)), p50.group(2)));

      Measurement probe = sandbox.measure(WRK);
      probeRate.add(probe.figure("requestsPerSecond").value());
      probeP50.add(probe.p50Nanos() / 1e6);
    }
    String measurement = "nginx 4 KB, wrk -c64 -t2" + MEDIAN;
    FidelityTable.add(measurement, runtime, "req/s", median(byHandRate), median(probeRate));
    FidelityTable.add(
        measurement, runtime, "p50 latency (ms)", median(byHandP50), median(probeP50));
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  // ---- iperf3 by hand: server on the host, client in a container of the same image and runtime

  private double iperf3ByHand(Sandbox sandbox, Direction direction) throws Exception {
    boolean host = sandbox.runtime().isHost();
    String address = host ? "127.0.0.1" : bridgeGateway();
    // gVisor here often loses iperf3's final results exchange; a person simply runs it again
    int attempts = sandbox.runtime().id().equals("runsc") ? GVISOR_ATTEMPTS : 1;
    String last = "";
    for (int attempt = 1; attempt <= attempts; attempt++) {
      int port = freePort(address);
      Process server =
          new ProcessBuilder("iperf3", "-s", "-1", "-B", address, "-p", Integer.toString(port))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      try {
        Thread.sleep(500);
        List<String> client = new ArrayList<>();
        if (!host) {
          client.addAll(
              List.of(
                  "docker",
                  "run",
                  "--rm",
                  "--label",
                  "dev.junitsandbox=probe",
                  "--runtime",
                  sandbox.runtime().dockerName().orElseThrow(),
                  probeImage()));
        }
        client.addAll(
            List.of(
                "iperf3",
                "-c",
                address,
                "-p",
                Integer.toString(port),
                "-t",
                Integer.toString(SECONDS)));
        if (direction == Direction.HOST_TO_SANDBOX) {
          client.add("-R");
        }
        last = run(Duration.ofSeconds(SECONDS + 60), client);
        Matcher receiver = RECEIVER.matcher(last);
        if (receiver.find()) {
          double value = Double.parseDouble(receiver.group(1));
          return switch (receiver.group(2)) {
            case "G" -> value;
            case "M" -> value / 1e3;
            case "K" -> value / 1e6;
            default -> value / 1e9;
          };
        }
      } finally {
        server.destroy();
        if (!server.waitFor(5, TimeUnit.SECONDS)) {
          server.destroyForcibly();
        }
      }
    }
    throw new AssertionError("no receiver line in iperf3's output:\n" + last);
  }

  // ---- wrk by hand against nginx started as the probe starts it: 1 worker, 4 KB page, as root

  private static String nginxConfiguration(String directory, String listen) {
    return String.join(
        "\n",
        "worker_processes 1;",
        "user root;",
        "pid " + directory + "/nginx.pid;",
        "error_log " + directory + "/error.log warn;",
        "events { worker_connections 1024; }",
        "http {",
        "  access_log off;",
        "  sendfile on;",
        "  tcp_nopush on;",
        "  keepalive_requests 1000000;",
        "  default_type text/html;",
        "  client_body_temp_path " + directory + "/client_body;",
        "  server {",
        "    listen " + listen + " default_server;",
        "    root " + directory + "/www;",
        "    location / { }",
        "  }",
        "}",
        "");
  }

  private String wrkByHand(Sandbox sandbox) throws Exception {
    List<String> wrk =
        List.of(
            "wrk",
            "-t",
            Integer.toString(THREADS),
            "-c",
            Integer.toString(CONNECTIONS),
            "-d",
            SECONDS + "s",
            "--latency");
    if (sandbox.runtime().isHost()) {
      Path directory = Files.createTempDirectory("nginx-by-hand-");
      int port = freePort("127.0.0.1");
      Files.createDirectories(directory.resolve("www"));
      Files.writeString(directory.resolve("www/index.html"), "x".repeat(4096));
      Files.writeString(
          directory.resolve("nginx.conf"),
          nginxConfiguration(directory.toString(), "127.0.0.1:" + port));
      Process nginx =
          new ProcessBuilder(
                  "/usr/sbin/nginx",
                  "-c",
                  directory + "/nginx.conf",
                  "-e",
                  directory + "/error.log",
                  "-g",
                  "daemon off;")
              .redirectErrorStream(true)
              .redirectOutput(directory.resolve("out.log").toFile())
              .start();
      try {
        awaitPort("127.0.0.1", port);
        return run(Duration.ofSeconds(SECONDS + 60), concat(wrk, "http://127.0.0.1:" + port + "/"));
      } finally {
        nginx.descendants().forEach(ProcessHandle::destroy);
        nginx.destroy();
        nginx.waitFor(10, TimeUnit.SECONDS);
        try (Stream<Path> files = Files.walk(directory)) {
          files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
      }
    }
    String directory = "/var/tmp/nginx-by-hand";
    String script =
        "mkdir -p "
            + directory
            + "/www && head -c 4096 /dev/zero | tr '\\0' x > "
            + directory
            + "/www/index.html && printf '%s' \"$0\" > "
            + directory
            + "/nginx.conf && exec nginx -c "
            + directory
            + "/nginx.conf -g 'daemon off;'";
    String container =
        run(
                Duration.ofSeconds(60),
                List.of(
                    "docker",
                    "run",
                    "-d",
                    "--rm",
                    "--label",
                    "dev.junitsandbox=probe",
                    "--runtime",
                    sandbox.runtime().dockerName().orElseThrow(),
                    probeImage(),
                    "sh",
                    "-c",
                    script,
                    nginxConfiguration(directory, "80")))
            .strip();
    try {
      String ip =
          run(
                  Duration.ofSeconds(30),
                  List.of(
                      "docker",
                      "inspect",
                      "-f",
                      "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}",
                      container))
              .strip();
      awaitPort(ip, 80);
      return run(Duration.ofSeconds(SECONDS + 60), concat(wrk, "http://" + ip + ":80/"));
    } finally {
      run(Duration.ofSeconds(60), List.of("docker", "rm", "-f", container));
    }
  }

  // ---- plumbing

  private static double toMillis(double value, String unit) {
    return switch (unit) {
      case "us" -> value / 1e3;
      case "ms" -> value;
      case "s" -> value * 1e3;
      default -> value * 60e3;
    };
  }

  private static List<String> concat(List<String> command, String last) {
    List<String> all = new ArrayList<>(command);
    all.add(last);
    return all;
  }

  /** The newest probe image, as {@code docker images} lists it (the sandbox has built it). */
  private static String probeImage() throws Exception {
    String images =
        run(
            Duration.ofSeconds(30),
            List.of(
                "docker", "images", "junit-sandbox/probe", "--format", "{{.Repository}}:{{.Tag}}"));
    return images.lines().findFirst().orElseThrow(() -> new AssertionError("no probe image"));
  }

  /** The address of Docker's default bridge on the host, which containers reach the host at. */
  private static String bridgeGateway() throws Exception {
    String address =
        run(Duration.ofSeconds(30), List.of("ip", "-4", "-o", "addr", "show", "docker0"));
    Matcher inet = Pattern.compile("inet ([0-9.]+)/").matcher(address);
    if (!inet.find()) {
      throw new AssertionError("no IPv4 address on docker0: " + address);
    }
    return inet.group(1);
  }

  private static int freePort(String address) throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(address, 0));
      return socket.getLocalPort();
    }
  }

  private static void awaitPort(String host, int port) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), 1_000);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError(host + ":" + port + " did not accept connections within 30 s");
  }

  private static String run(Duration timeout, List<String> command) throws Exception {
    Path output = Files.createTempFile("bench-", ".out");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
      }
      String printed = Files.readString(output, StandardCharsets.UTF_8);
      // iperf3 under gVisor may fail its last step: its output decides, not its exit status
      if (process.exitValue() != 0 && !command.contains("iperf3")) {
        throw new AssertionError(
            String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + printed);
      }
      return printed;
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
