package dev.junitsandbox.probe.builtin;

import dev.junitsandbox.probe.ProbeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The host's side of the startup probe's network end point: a TCP listener in this JVM at the
 * address the sandbox reaches the host at, which tells when the connection carrying a launch's
 * token was accepted ({@link System#nanoTime()}).
 *
 * <p>The moment is read in the accepting thread as soon as {@code accept()} returns, before the
 * token is read (in another thread): a client that connects and sends nothing delays neither the
 * next accept nor its moment. A connection whose first line is no expected token (another program
 * on the host, a replay of a token already seen) is closed, counted and ends no timing.
 */
final class ConnectionListener implements AutoCloseable {

  // a launched sandbox sends its token right after connecting; this only bounds a silent client
  private static final int TOKEN_READ_MILLIS = 5_000;
  private static final int MAX_LINE = 64;
  private static final int BACKLOG = 50;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ServerSocket server;
  private final String address;
  private final Map<String, CompletableFuture<Long>> expected = new ConcurrentHashMap<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger ignored = new AtomicInteger();
  private final ExecutorService readers =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "junit-sandbox-startup-token");
            thread.setDaemon(true);
            return thread;
          });
  private final Thread acceptor;

  private ConnectionListener(ServerSocket server, String address) {
    this.server = server;
    this.address = address;
    this.acceptor = new Thread(this::acceptAll, "junit-sandbox-startup-listener");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * Listens on a free port at {@code address}, a numeric address of this host.
   *
   * @throws ProbeException if it cannot listen there
   */
  static ConnectionListener open(String address) {
    ServerSocket server = null;
    try {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getByName(address), 0), BACKLOG);
      return new ConnectionListener(server, address);
    } catch (IOException | RuntimeException e) {
      closeQuietly(server);
      throw new ProbeException(
          String.format(
              "Cannot listen for the sandboxes' connections at %s (ProbeContext.hostAddress()),"
                  + " the address at which they reach the host: %s",
              address, e),
          e);
    }
  }

  /** The address it listens at, as given to {@link #open}. */
  String address() {
    return address;
  }

  /** The port it listens on. */
  int port() {
    return server.getLocalPort();
  }

  /** A token no one can guess, for one launch: 32 hexadecimal digits. */
  static String newToken() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * Waits for the connection that sends {@code token} as its first line, from now on; close the
   * returned handle when done with it.
   */
  Arrival expect(String token) {
    CompletableFuture<Long> accepted = new CompletableFuture<>();
    if (expected.putIfAbsent(token, accepted) != null) {
      throw new IllegalArgumentException("token " + token + " is expected already");
    }
    return new Arrival(token, accepted);
  }

  /** Connections so far that sent no expected token. */
  int ignoredConnections() {
    return ignored.get();
  }

  /** The connection of one launch, awaited. */
  final class Arrival implements AutoCloseable {

    private final String token;
    private final CompletableFuture<Long> accepted;

    private Arrival(String token, CompletableFuture<Long> accepted) {
      this.token = token;
      this.accepted = accepted;
    }

    /**
     * The {@link System#nanoTime()} at which the connection that sent the token was accepted, or
     * empty if none has sent it within {@code timeout}.
     */
    OptionalLong await(Duration timeout) {
      try {
        return OptionalLong.of(accepted.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS));
      } catch (TimeoutException e) {
        return OptionalLong.empty();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProbeException("Interrupted while waiting for a sandbox's connection", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("never completed exceptionally", e);
      }
    }

    /** Stops expecting the token: a later connection with it is ignored. */
    @Override
    public void close() {
      expected.remove(token, accepted);
    }
  }

  private void acceptAll() {
    while (true) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException closed) {
        return; // close() closed the server socket
      }
      long at = System.nanoTime();
      open.add(socket);
      try {
        readers.execute(() -> check(socket, at));
      } catch (RejectedExecutionException closing) {
        open.remove(socket);
        closeQuietly(socket);
      }
    }
  }

  private void check(Socket socket, long acceptedAt) {
    try (socket) {
      socket.setSoTimeout(TOKEN_READ_MILLIS);
      String line = firstLine(socket.getInputStream());
      CompletableFuture<Long> waiting = line == null ? null : expected.get(line);
      // complete() is false for a second connection with the same token: the first one counts
      if (waiting == null || !waiting.complete(acceptedAt)) {
        ignored.incrementAndGet();
      }
    } catch (IOException e) {
      ignored.incrementAndGet();
    } finally {
      open.remove(socket);
    }
  }

  /** The first line, without its newline; null if the peer sent no newline within MAX_LINE. */
  private static String firstLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != -1 && line.size() <= MAX_LINE; b = in.read()) {
      if (b == '\n') {
        return line.toString(StandardCharsets.US_ASCII);
      }
      line.write(b);
    }
    return null;
  }

  /** Stops listening and closes the connections still being read. */
  @Override
  public void close() {
    closeQuietly(server);
    readers.shutdownNow();
    open.forEach(ConnectionListener::closeQuietly);
    try {
      acceptor.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception ignored) {
      // closing: nothing more to do with it
    }
  }
}
