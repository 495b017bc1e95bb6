package dev.junitsandbox.probe.thirdparty;

import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.ExecResult;
import dev.junitsandbox.probe.HostBackgroundCommand;
import dev.junitsandbox.probe.Probe;
import dev.junitsandbox.probe.ProbeContext;
import dev.junitsandbox.probe.ProbeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A probe as a user would write it, against the exported SPI only ({@link SpiOnlyProbeTests} checks
 * this file's imports): it writes an nginx configuration into its host scratch directory, starts
 * nginx on the host at the address where the sandbox reaches the host, and fetches a page from it
 * inside the sandbox, as the built-in network probe runs its iperf3 server.
 */
final class HostPageProbe implements Probe {

  static final String PAGE = "served from the host";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Consumer<Path> leftRunning;

  /** Stops its server itself. */
  HostPageProbe() {
    this(null);
  }

  /**
   * Leaves its server running, for the sandbox's close to stop, and hands the host scratch
   * directory (which holds nginx's pid file) to {@code leftRunning} while it runs.
   */
  HostPageProbe(Consumer<Path> leftRunning) {
    this.leftRunning = leftRunning;
  }

  @Override
  public String name() {
    return "user.hostPage";
  }

  @Override
  public Map<String, String> parameters() {
    return Map.of("server", "nginx on the host");
  }

  @Override
  public Measurement run(ProbeContext context) {
    String address = context.hostAddress();
    int port = freePort(address);
    Path directory = context.hostScratchDirectory();
    write(directory.resolve("nginx.conf"), configuration(directory, address, port));
    HostBackgroundCommand server =
        context.startOnHost(
            List.of(
                nginx(),
                "-p",
                directory.toString(),
                "-c",
                directory.resolve("nginx.conf").toString(),
                "-e",
                directory.resolve("error.log").toString(),
                "-g",
                "daemon off;"));
    try {
      server.awaitListening(port, TIMEOUT);
      // bash's /dev/tcp: the probe image has no HTTP client, and a user's probe needs none
      ExecResult response =
          context.exec(
              TIMEOUT,
              List.of(
                  "bash",
                  "-c",
                  "exec 3<>\"/dev/tcp/$0/$1\" && printf 'GET / HTTP/1.0\\r\\n\\r\\n' >&3"
                      + " && cat <&3",
                  address,
                  Integer.toString(port)));
      if (!response.succeeded()) {
        throw new ProbeException(
            "The sandbox cannot fetch the page from " + address + ":" + port + ": " + response);
      }
      String body = response.stdout().substring(response.stdout().indexOf("\r\n\r\n") + 4);
      return Measurement.builder(name(), context.runtime().id(), parameters())
          .figure("pageBytes", "bytes", body.length(), Figure.Better.HIGHER)
          .note(response.stdout().lines().findFirst().orElse("") + ": " + body.strip())
          .build();
    } finally {
      if (leftRunning == null) {
        server.close();
      } else {
        leftRunning.accept(directory);
      }
    }
  }

  private static String configuration(Path directory, String address, int port) {
    return String.format(
        """
        worker_processes 1;
        user root;
        pid %1$s/nginx.pid;
        events {}
        http {
          access_log off;
          client_body_temp_path %1$s/client_body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
          server {
            listen %2$s:%3$d;
            location / {
              return 200 "%4$s\\n";
            }
          }
        }
        """,
        directory, address, port, PAGE);
  }

  /** Debian puts nginx in /usr/sbin, which may be off a non-root user's PATH. */
  private static String nginx() {
    return Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
  }

  private static void write(Path file, String content) {
    try {
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort(String address) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
