package dev.junitsandbox.probe.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The open-model generator against a small HTTP server on loopback whose delays we control. */
@Timeout(60)
class ConstantRateLoadTests {

  private static final int WARMUP = 8; // per connection, as in ConstantRateLoad
  private static final long MILLIS = 1_000_000;

  static {
    // the JDK server writes headers and body apart: with Nagle on, each response waits ~40 ms for
    // the client's delayed ACK and the server, not the generator, would set the pace
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private HttpServer server;
  private ExecutorService executor;
  private final AtomicInteger requests = new AtomicInteger();

  /** Serves 4 KB pages; {@code delayMillis} maps the request number (from 1) to a delay. */
  private int serve(IntUnaryOperator delayMillis, IntUnaryOperator status) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    executor = Executors.newFixedThreadPool(4);
    server.setExecutor(executor);
    server.createContext(
        "/",
        (HttpExchange exchange) -> {
          int number = requests.incrementAndGet();
          try {
            Thread.sleep(delayMillis.applyAsInt(number));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] page = new byte[4096];
          exchange.sendResponseHeaders(status.applyAsInt(number), page.length);
          try (OutputStream body = exchange.getResponseBody()) {
            body.write(page);
          }
        });
    server.start();
    return server.getAddress().getPort();
  }

  @AfterEach
  void stopServer() throws InterruptedException {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      executor.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void sendsAtTheIntendedRate() throws IOException {
    // GIVEN a fast server
    int port = serve(n -> 0, n -> 200);

    // WHEN 200 requests per second for 2 seconds
    ConstantRateLoad.Result result =
        ConstantRateLoad.run(
            "127.0.0.1", port, 200, Duration.ofSeconds(2), 4, 1_000, Duration.ofSeconds(2));

    // THEN every intended request was sent and answered, at about the rate
    assertThat(result.intended()).isEqualTo(400);
    assertThat(result.missed()).isZero();
    assertThat(result.succeeded()).isEqualTo(400);
    assertThat(result.nanos().getTotalCount()).isEqualTo(400);
    assertThat(result.errorResponses() + result.socketErrors()).isZero();
    assertThat(result.achievedPerSecond()).isCloseTo(200, within(20.0));
    assertThat(requests.get()).isEqualTo(400 + 4 * WARMUP);
  }

  @Test
  void cutsTheResponseTimesIntoOneSecondIntervalsForTheHistogramLog() throws IOException {
    // GIVEN a fast server
    int port = serve(n -> 0, n -> 200);

    // WHEN 100 requests per second for 3 seconds
    ConstantRateLoad.Result result =
        ConstantRateLoad.run(
            "127.0.0.1", port, 100, Duration.ofSeconds(3), 2, 1_000, Duration.ofSeconds(2));

    // THEN the schedule's three seconds are three intervals (plus the warm-up before the first
    // send and the drain after the last), in order, stamped, and together hold every response
    List<Histogram> intervals = result.intervals();
    assertThat(intervals).hasSizeBetween(3, 5);
    assertThat(intervals.stream().mapToLong(Histogram::getTotalCount).sum()).isEqualTo(300);
    assertThat(intervals.stream().filter(i -> i.getTotalCount() >= 50)).hasSizeGreaterThan(1);
    for (int i = 0; i < intervals.size(); i++) {
      Histogram interval = intervals.get(i);
      assertThat(interval.getStartTimeStamp()).isPositive();
      assertThat(interval.getEndTimeStamp()).isGreaterThanOrEqualTo(interval.getStartTimeStamp());
      if (i > 0) {
        assertThat(interval.getStartTimeStamp())
            .isGreaterThanOrEqualTo(intervals.get(i - 1).getStartTimeStamp());
      }
    }
  }

  @Test
  void countsTheWaitBehindAStalledServerForEveryRequestScheduledDuringTheStall()
      throws IOException {
    // GIVEN one connection and a server that stalls 400 ms once, half a second in
    int stalled = WARMUP + 50;
    int port = serve(n -> n == stalled ? 400 : 0, n -> 200);

    // WHEN 100 requests per second (one every 10 ms) for 2 seconds
    ConstantRateLoad.Result result =
        ConstantRateLoad.run(
            "127.0.0.1", port, 100, Duration.ofSeconds(2), 1, 1_000, Duration.ofSeconds(2));

    // THEN the ~40 requests scheduled during the stall waited too: a closed loop would record
    // one slow request, the open model records all of them (coordinated omission corrected)
    Histogram nanos = result.nanos();
    long slow = nanos.getTotalCount() - nanos.getCountBetweenValues(0, 100 * MILLIS);
    assertThat(slow).isGreaterThanOrEqualTo(20);
    assertThat(nanos.getMaxValue()).isGreaterThanOrEqualTo(350 * MILLIS);
    assertThat(result.succeeded()).isEqualTo(200);
    assertThat(result.missed()).isZero();
  }

  @Test
  void skipsSendsWhileTooManyRequestsArePending() throws IOException {
    // GIVEN a server that takes 50 ms per request and one connection: 20 requests per second
    int port = serve(n -> n > WARMUP ? 50 : 0, n -> 200);

    // WHEN 100 per second are intended with at most 5 pending
    ConstantRateLoad.Result result =
        ConstantRateLoad.run(
            "127.0.0.1", port, 100, Duration.ofSeconds(1), 1, 5, Duration.ofSeconds(2));

    // THEN most sends were skipped rather than queued without bound
    assertThat(result.missed()).isGreaterThan(50);
    assertThat(result.sent()).isEqualTo(result.intended() - result.missed());
    assertThat(result.succeeded()).isEqualTo(result.sent());
  }

  @Test
  void countsErrorResponsesApartFromTheLatencies() throws IOException {
    // GIVEN a server that answers 503 to every second request after the warm-up
    int port = serve(n -> 0, n -> n > WARMUP && n % 2 == 0 ? 503 : 200);

    // WHEN
    ConstantRateLoad.Result result =
        ConstantRateLoad.run(
            "127.0.0.1", port, 100, Duration.ofSeconds(1), 1, 1_000, Duration.ofSeconds(2));

    // THEN
    assertThat(result.errorResponses()).isEqualTo(50);
    assertThat(result.succeeded()).isEqualTo(50);
    assertThat(result.nanos().getTotalCount()).isEqualTo(50);
  }

  @Test
  void oneGetReadsTheStatusAndTheWholeBody() throws IOException {
    int port = serve(n -> 0, n -> 404);

    ConstantRateLoad.Response response =
        ConstantRateLoad.get("127.0.0.1", port, Duration.ofSeconds(5));

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.bodyBytes()).isEqualTo(4096);
  }

  @Test
  void aContentLengthOfTwentyDigitsIsAnIoErrorNotANumberFormatException() throws Exception {
    // GIVEN a server that answers once with an absurd Content-Length
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread answer =
          new Thread(
              () -> {
                try (Socket client = listener.accept()) {
                  client.getInputStream().read(new byte[1024]);
                  client
                      .getOutputStream()
                      .write(
                          "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n"
                              .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                  // the assertion below says what went wrong
                }
              });
      answer.start();

      // WHEN / THEN a worker counts it as a socket error instead of dying with the exception
      assertThatThrownBy(
              () ->
                  ConstantRateLoad.get("127.0.0.1", listener.getLocalPort(), Duration.ofSeconds(5)))
          .isInstanceOf(IOException.class)
          .hasMessage("not a Content-Length: 99999999999999999999");
      answer.join(5_000);
    }
  }
}
