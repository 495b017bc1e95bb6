package dev.junitsandbox.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitsandbox.internal.docker.DaemonCalls;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the Docker daemon says about itself, read with two plain HTTP requests ({@code GET
 * /version}, {@code GET /info}) before Testcontainers is initialised.
 *
 * <p>Why not docker-java: the API version docker-java must speak has to be known before its client
 * is created (Engine 20.10 refuses 1.44, Engine 29 refuses anything older), and both endpoints
 * answer without a version prefix on every engine.
 */
record DockerDaemon(
    String endpoint,
    String error,
    String serverVersion,
    String apiVersion,
    String kernelVersion,
    String operatingSystem,
    Map<String, RegisteredRuntime> runtimes) {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String DEFAULT_ENDPOINT = "unix:///var/run/docker.sock";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A runtime as registered with the daemon: binary and extra arguments. */
  record RegisteredRuntime(String path, List<String> runtimeArgs) {
    RegisteredRuntime {
      runtimeArgs = List.copyOf(runtimeArgs);
    }
  }

  DockerDaemon {
    runtimes = Map.copyOf(runtimes);
  }

  boolean reachable() {
    return error == null;
  }

  /**
   * Whether the daemon runs on this machine (a unix socket), so that its runtimes' binaries can be
   * run here and this host's checks (KVM) speak for its containers.
   */
  boolean isLocal() {
    return endpoint.startsWith("unix://");
  }

  /**
   * For a daemon that cannot be reached: why, and the fix, as one sentence without the final full
   * stop, e.g. "cannot reach the Docker daemon at unix:///var/run/docker.sock: Connection refused.
   * Fix: start the Docker daemon ...".
   */
  String unreachableWithFix() {
    return error + ". Fix: " + DaemonCalls.START_DAEMON + ", or point DOCKER_HOST at a running one";
  }

  /**
   * The daemon's answer for this run, kept in the root store: asked once, on first use, from the
   * daemon {@code DOCKER_HOST} names. Whatever is already in the store under {@code
   * DockerDaemon.class} is used as it is, which is how the matrix logic is tested without a daemon.
   */
  static DockerDaemon of(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(RuntimesExtension.NAMESPACE)
        .computeIfAbsent(
            DockerDaemon.class,
            key -> {
              DockerDaemon daemon = query();
              DockerApiCompatibility.configure(daemon);
              return daemon;
            },
            DockerDaemon.class);
  }

  /** Queries the daemon named by {@code DOCKER_HOST} (default: the local unix socket). */
  static DockerDaemon query() {
    String dockerHost = System.getenv("DOCKER_HOST");
    return query(dockerHost == null || dockerHost.isBlank() ? DEFAULT_ENDPOINT : dockerHost);
  }

  /** Queries the daemon at {@code endpoint}, e.g. {@code unix:///var/run/docker.sock}. */
  static DockerDaemon query(String endpoint) {
    try {
      return fromAnswers(endpoint, get(endpoint, "/version"), get(endpoint, "/info"));
    } catch (IOException | RuntimeException e) {
      return unreachable(endpoint, e.getMessage());
    }
  }

  /** A daemon that could not be asked, and why. */
  static DockerDaemon unreachable(String endpoint, String error) {
    return new DockerDaemon(endpoint, error, null, null, null, null, Map.of());
  }

  /**
   * Reads the daemon's answers to {@code GET /version} and {@code GET /info}; fields it lacks read
   * as {@code "unknown"}.
   */
  static DockerDaemon fromAnswers(String endpoint, JsonNode version, JsonNode info) {
    Map<String, RegisteredRuntime> runtimes = new LinkedHashMap<>();
    info.path("Runtimes")
        .fields()
        .forEachRemaining(
            entry -> {
              List<String> args = new ArrayList<>();
              entry.getValue().path("runtimeArgs").forEach(arg -> args.add(arg.asText()));
              String path = entry.getValue().path("path").asText(null);
              runtimes.put(entry.getKey(), new RegisteredRuntime(path, args));
            });
    return new DockerDaemon(
        endpoint,
        null,
        version.path("Version").asText("unknown"),
        version.path("ApiVersion").asText("unknown"),
        info.path("KernelVersion").asText("unknown"),
        info.path("OperatingSystem").asText("unknown"),
        runtimes);
  }

  private static JsonNode get(String endpoint, String path) throws IOException {
    return JSON.readTree(request(endpoint, "GET", path, TIMEOUT));
  }

  /** Whether the daemon has the image {@code reference} locally. */
  boolean hasImage(String reference) {
    try {
      request(endpoint, "GET", "/images/" + reference + "/json", TIMEOUT);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Asks the daemon to pull {@code reference}, waiting at most {@code timeout}.
   *
   * @throws IOException with the daemon's reason if the pull fails or takes too long
   */
  void pull(String reference, Duration timeout) throws IOException {
    int colon = reference.lastIndexOf(':');
    String query =
        colon > reference.lastIndexOf('/')
            ? "fromImage="
                + reference.substring(0, colon)
                + "&tag="
                + reference.substring(colon + 1)
            : "fromImage=" + reference + "&tag=latest";
    String progress =
        new String(
            request(endpoint, "POST", "/images/create?" + query, timeout), StandardCharsets.UTF_8);
    // the daemon answers 200 and reports a failure inside the progress stream
    for (String line : progress.split("\\R")) {
      if (line.contains("\"error\"")) {
        throw new IOException(JSON.readTree(line).path("error").asText(line));
      }
    }
  }

  /**
   * One request to the daemon at {@code endpoint}, answered within {@code timeout}: the body of a
   * 2xx answer (e.g. 204 to a removal).
   *
   * @throws IOException if it cannot be sent, is not answered in time, or is answered otherwise
   */
  static byte[] call(String endpoint, String method, String path, Duration timeout)
      throws IOException {
    return request(endpoint, method, path, timeout);
  }

  private static byte[] request(String endpoint, String method, String path, Duration timeout)
      throws IOException {
    AtomicReference<Closeable> connection = new AtomicReference<>();
    CompletableFuture<byte[]> response =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return exchange(endpoint, method, path, timeout, connection);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            },
            REQUESTS);
    try {
      byte[] raw = response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return body(endpoint, method + " " + path, raw);
    } catch (TimeoutException e) {
      response.cancel(true);
      // a daemon that accepted the connection but never answers: closing it ends the blocked read
      closeQuietly(connection.get());
      throw new IOException(
          "the Docker daemon at "
              + endpoint
              + " did not answer within "
              + timeout.toSeconds()
              + " s");
    } catch (ExecutionException e) {
      Throwable cause =
          e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : e.getCause();
      throw new IOException(
          "cannot reach the Docker daemon at " + endpoint + ": " + cause.getMessage(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking the Docker daemon at " + endpoint, e);
    }
  }

  // daemon threads: a request to a daemon that never answers must not keep the JVM alive
  private static final ExecutorService REQUESTS =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "junit-sandbox-docker-request");
            thread.setDaemon(true);
            return thread;
          });

  private static void closeQuietly(Closeable connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (IOException ignored) {
        // closing only unblocks the reader; the caller reports the timeout
      }
    }
  }

  private static byte[] exchange(
      String endpoint,
      String method,
      String path,
      Duration timeout,
      AtomicReference<Closeable> connection)
      throws IOException {
    // HTTP/1.0: the daemon closes the connection after the response, so reading to the end
    // reads exactly one response, without chunked encoding.
    byte[] request =
        (method + " " + path + " HTTP/1.0\r\nHost: docker\r\nContent-Length: 0\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    URI uri = URI.create(endpoint);
    switch (uri.getScheme()) {
      case "unix" -> {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
          connection.set(channel);
          channel.connect(UnixDomainSocketAddress.of(uri.getPath()));
          channel.write(ByteBuffer.wrap(request));
          return Channels.newInputStream(channel).readAllBytes();
        }
      }
      case "tcp", "http" -> {
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
          connection.set(socket);
          socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
          OutputStream out = socket.getOutputStream();
          out.write(request);
          out.flush();
          InputStream in = socket.getInputStream();
          ByteArrayOutputStream response = new ByteArrayOutputStream();
          in.transferTo(response);
          return response.toByteArray();
        }
      }
      default ->
          throw new IOException(
              "DOCKER_HOST scheme '"
                  + uri.getScheme()
                  + "' is not supported by junit-sandbox's daemon check; use unix:// or tcp://");
    }
  }

  private static byte[] body(String endpoint, String request, byte[] raw) throws IOException {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int headerEnd = text.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
      throw new IOException(
          "the Docker daemon at " + endpoint + " sent no HTTP response to " + request);
    }
    String status = text.substring(0, text.indexOf("\r\n"));
    if (!status.matches("HTTP/1\\.[01] 2\\d\\d.*")) {
      throw new IOException(
          "the Docker daemon at " + endpoint + " answered " + request + " with '" + status + "'");
    }
    byte[] body = new byte[raw.length - headerEnd - 4];
    System.arraycopy(raw, headerEnd + 4, body, 0, body.length);
    return body;
  }

  /** The registered runtime names, sorted, for messages. */
  List<String> runtimeNames() {
    return runtimes.keySet().stream().sorted().toList();
  }
}
