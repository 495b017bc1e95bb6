package dev.junitsandbox.internal.incus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One HTTP/1.1 request over a unix-domain socket, answered within a limit: the transport of {@link
 * IncusClient}. Each request has its own connection ({@code Connection: close}), so a response ends
 * where the stream ends, and a request that outlives its limit is ended by closing its channel.
 */
final class UnixHttp {

  /**
   * An answer: its status code and body (de-chunked).
   *
   * @param status the HTTP status code
   * @param body the body as sent, without transfer encoding
   */
  record Response(int status, byte[] body) {

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  // daemon threads: a request the daemon never answers must not keep the JVM alive
  private static final ExecutorService REQUESTS =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "junit-sandbox-incus-request");
            thread.setDaemon(true);
            return thread;
          });

  private UnixHttp() {}

  /**
   * Sends {@code method target} with {@code body} (may be null) of {@code contentType} and extra
   * {@code headers} ("Name: value" lines) to the server at {@code socket}, and waits at most {@code
   * limit} for the whole answer.
   *
   * @throws IOException if the socket cannot be reached, the answer is not HTTP, or it does not
   *     come within {@code limit}
   */
  static Response exchange(
      Path socket,
      String method,
      String target,
      byte[] body,
      String contentType,
      Duration limit,
      String... headers)
      throws IOException {
    AtomicReference<SocketChannel> connection = new AtomicReference<>();
    CompletableFuture<byte[]> raw =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return send(socket, method, target, body, contentType, headers, connection);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            REQUESTS);
    try {
      return parse(raw.get(limit.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      raw.cancel(true);
      closeQuietly(connection.get());
      throw new IOException(
          String.format(
              "%s %s got no answer within %s s", method, target, limit.toMillis() / 1000.0));
    } catch (ExecutionException e) {
      Throwable cause =
          e.getCause() instanceof UncheckedIOException unchecked
              ? unchecked.getCause()
              : e.getCause();
      throw new IOException(method + " " + target + ": " + cause.getMessage(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(connection.get());
      throw new IOException("interrupted during " + method + " " + target, e);
    }
  }

  private static byte[] send(
      Path socket,
      String method,
      String target,
      byte[] body,
      String contentType,
      String[] headers,
      AtomicReference<SocketChannel> connection)
      throws IOException {
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    head.append("Host: incus\r\nConnection: close\r\nUser-Agent: junit-sandbox\r\n");
    for (String header : headers) {
      head.append(header).append("\r\n");
    }
    if (body != null) {
      head.append("Content-Type: ").append(contentType).append("\r\n");
    }
    head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n\r\n");
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      connection.set(channel);
      channel.connect(UnixDomainSocketAddress.of(socket));
      channel.write(ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.UTF_8)));
      if (body != null) {
        ByteBuffer buffer = ByteBuffer.wrap(body);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }
      return Channels.newInputStream(channel).readAllBytes();
    }
  }

  /** The status and body of a whole HTTP/1.x response. */
  static Response parse(byte[] raw) throws IOException {
    int headerEnd = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
    if (headerEnd < 0) {
      throw new IOException(
          "the answer is not an HTTP response: "
              + new String(raw, 0, Math.min(raw.length, 200), StandardCharsets.UTF_8));
    }
    String[] head = new String(raw, 0, headerEnd, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] statusLine = head[0].split(" ", 3);
    if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
      throw new IOException("the answer has no HTTP status line: " + head[0]);
    }
    int status;
    try {
      status = Integer.parseInt(statusLine[1]);
    } catch (NumberFormatException e) {
      throw new IOException("the answer has no HTTP status code: " + head[0], e);
    }
    boolean chunked = false;
    long length = -1;
    for (int i = 1; i < head.length; i++) {
      int colon = head[i].indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = head[i].substring(colon + 1).strip();
      if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
        chunked = true;
      } else if (name.equals("content-length")) {
        length = Long.parseLong(value);
      }
    }
    int start = headerEnd + 4;
    if (chunked) {
      return new Response(status, dechunk(raw, start));
    }
    int end = length < 0 ? raw.length : (int) Math.min(raw.length, start + length);
    byte[] body = new byte[end - start];
    System.arraycopy(raw, start, body, 0, body.length);
    return new Response(status, body);
  }

  private static byte[] dechunk(byte[] raw, int position) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] lineEnd = "\r\n".getBytes(StandardCharsets.US_ASCII);
    while (position < raw.length) {
      int sizeEnd = indexOf(raw, lineEnd, position);
      if (sizeEnd < 0) {
        throw new IOException("a chunked answer ends inside a chunk size line");
      }
      String sizeText =
          new String(raw, position, sizeEnd - position, StandardCharsets.US_ASCII).strip();
      int semicolon = sizeText.indexOf(';');
      int size = Integer.parseInt(semicolon < 0 ? sizeText : sizeText.substring(0, semicolon), 16);
      if (size == 0) {
        break;
      }
      int dataStart = sizeEnd + 2;
      if (dataStart + size > raw.length) {
        throw new IOException("a chunked answer ends inside a chunk");
      }
      body.write(raw, dataStart, size);
      position = dataStart + size + 2;
    }
    return body.toByteArray();
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static void closeQuietly(SocketChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing only ends the blocked read; the caller reports the timeout
      }
    }
  }
}
