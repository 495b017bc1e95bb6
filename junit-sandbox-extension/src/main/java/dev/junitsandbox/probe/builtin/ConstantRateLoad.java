package dev.junitsandbox.probe.builtin;

import dev.junitsandbox.internal.tooloutput.ToolNumbers;
import dev.junitsandbox.measure.LatencyRecorder;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.ProbeException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * An open-model HTTP load generator: GET requests at a constant rate over a fixed pool of
 * keep-alive HTTP/1.1 connections, with latencies measured from each request's intended send time,
 * so that time spent queued behind a slow server counts (coordinated omission corrected, as wrk2
 * does). Debian has no wrk2, hence this small generator.
 *
 * <p>The dispatcher thread hands request {@code k} to the connections at its intended time {@code
 * start + k / rate}; a free connection sends it, reads the whole response and records {@code
 * completion - intended}. When {@code maxOutstanding} requests are already queued or in flight the
 * send is skipped and counted as missed: the rate is then above what the server can take.
 */
final class ConstantRateLoad {

  /** How often the response times are cut into an interval of the histogram log. */
  private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

  private static final int WARMUP_REQUESTS_PER_CONNECTION = 8;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private ConstantRateLoad() {}

  /**
   * What the generator saw.
   *
   * @param nanos latencies of successful (2xx) responses, from intended send to the last byte
   * @param intended requests the schedule asked for
   * @param sent requests handed to a connection (intended minus missed)
   * @param succeeded 2xx responses
   * @param errorResponses responses with any other status
   * @param socketErrors requests that failed on the connection (reset, closed, timed out) or were
   *     still unanswered when the drain time ran out
   * @param missed intended sends skipped because {@code maxOutstanding} requests were pending
   * @param elapsedNanos from the first intended send to the last response
   */
  record Result(
      List<Histogram> intervals,
      long intended,
      long sent,
      long succeeded,
      long errorResponses,
      long socketErrors,
      long missed,
      long elapsedNanos) {

    /** All the response times: the sum of the intervals. */
    Histogram nanos() {
      Histogram sum = Measurement.newNanosHistogram();
      intervals.forEach(sum::add);
      return sum;
    }

    /** Successful responses per second of elapsed time. */
    double achievedPerSecond() {
      return elapsedNanos == 0 ? 0 : succeeded / (elapsedNanos / 1e9);
    }
  }

  /**
   * Runs the schedule against {@code http://host:port/}.
   *
   * @param requestTimeout how long one response may take before the request counts as a socket
   *     error; also the time left to drain pending requests after the schedule ends
   * @throws ProbeException if the connections cannot be opened or the warm-up requests fail
   */
  static Result run(
      String host,
      int port,
      double ratePerSecond,
      Duration duration,
      int connections,
      int maxOutstanding,
      Duration requestTimeout) {
    byte[] request = request(host, port);
    long intervalNanos = Math.max(1, Math.round(1e9 / ratePerSecond));
    long intended = Math.max(1, duration.toNanos() / intervalNanos);
    BlockingQueue<Long> queue = new LinkedBlockingQueue<>();
    AtomicInteger outstanding = new AtomicInteger();
    AtomicLong lastCompletion = new AtomicLong();
    // one recorder for all connections, cut once a second by the dispatcher below: the histogram
    // log then shows how response times moved during the run
    LatencyRecorder recorder = new LatencyRecorder();
    List<Worker> workers = new ArrayList<>();
    try {
      for (int i = 0; i < connections; i++) {
        Worker worker =
            new Worker(
                host, port, request, requestTimeout, queue, outstanding, lastCompletion, recorder);
        workers.add(worker);
        worker.warmUp();
      }
      long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
      long drainDeadline = start + intended * intervalNanos + requestTimeout.toNanos();
      for (Worker worker : workers) {
        worker.start(drainDeadline);
      }
      long missed = 0;
      long nextCut = start + LOG_INTERVAL_NANOS;
      for (long k = 0; k < intended; k++) {
        long at = start + k * intervalNanos;
        for (long wait = at - System.nanoTime(); wait > 0; wait = at - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
        if (at >= nextCut) {
          recorder.cutInterval();
          nextCut += LOG_INTERVAL_NANOS;
        }
        if (outstanding.get() >= maxOutstanding) {
          missed++;
        } else {
          outstanding.incrementAndGet();
          queue.add(at);
        }
      }
      Worker.dispatchDone(workers);
      long joinBy = drainDeadline + requestTimeout.toNanos() + TimeUnit.SECONDS.toNanos(5);
      for (Worker worker : workers) {
        worker.join(joinBy);
      }
      // requests still queued when the drain time ran out got no answer
      long unanswered = queue.size();
      long succeeded = 0;
      long errorResponses = 0;
      long socketErrors = unanswered;
      for (Worker worker : workers) {
        if (worker.outOfRangeNanos != null) {
          throw new ProbeException(
              String.format(
                  "The constant-rate load on http://%s:%d/ measured a response time of %d ns;"
                      + " a measurement holds %s (is the duration plus the request timeout"
                      + " beyond an hour?)",
                  host, port, worker.outOfRangeNanos, ToolNumbers.NANOS_RANGE));
        }
        succeeded += worker.succeeded;
        errorResponses += worker.errorResponses;
        socketErrors += worker.socketErrors;
      }
      long last = lastCompletion.get();
      return new Result(
          recorder.intervals(),
          intended,
          intended - missed,
          succeeded,
          errorResponses,
          socketErrors,
          missed,
          last > start ? last - start : 0);
    } finally {
      workers.forEach(Worker::close);
    }
  }

  /**
   * What one GET answered.
   *
   * @param status the response's status code
   * @param bodyBytes the length of its body
   */
  record Response(int status, long bodyBytes) {}

  /**
   * Sends one GET to {@code http://host:port/} on a connection of its own and reads the whole
   * response, in the calling thread.
   *
   * <p>The HTTP probe checks its page with this rather than {@code java.net.http.HttpClient}: in
   * Java 17 a client has no {@code close()}, and its selector thread ({@code
   * HttpClient-N-SelectorManager}) and its default executor's workers live on until a garbage
   * collection finds the client unreachable. A client per run left those threads behind run after
   * run, and shutting down an executor of our own ends only the workers, not the selector; one
   * client shared by all runs would keep a thread for the rest of the JVM. A plain socket starts no
   * thread and is closed when the check ends.
   *
   * @throws IOException if the connection fails, times out after {@code timeout}, or the answer is
   *     not an HTTP/1.x response with a Content-Length
   */
  static Response get(String host, int port, Duration timeout) throws IOException {
    Worker worker =
        new Worker(
            host,
            port,
            request(host, port),
            timeout,
            new LinkedBlockingQueue<>(),
            new AtomicInteger(),
            new AtomicLong(),
            new LatencyRecorder());
    try {
      worker.connect();
      int status = worker.exchange();
      return new Response(status, worker.lastBodyBytes);
    } finally {
      worker.disconnect();
    }
  }

  private static byte[] request(String host, int port) {
    return String.format(
            Locale.ROOT,
            "GET / HTTP/1.1\r\nHost: %s:%d\r\nUser-Agent: junit-sandbox\r\n\r\n",
            host,
            port)
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** One connection and the thread that drives it; its counters are read after it ended. */
  private static final class Worker implements Runnable {

    private final String host;
    private final int port;
    private final byte[] request;
    private final Duration requestTimeout;
    private final BlockingQueue<Long> queue;
    private final AtomicInteger outstanding;
    private final AtomicLong lastCompletion;
    private final LatencyRecorder recorder;
    private Long outOfRangeNanos; // the first latency the histogram cannot hold, if any
    private final Thread thread;
    private volatile boolean dispatchDone;
    private volatile long drainDeadline;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private long succeeded;
    private long errorResponses;
    private long socketErrors;
    private long lastBodyBytes;

    Worker(
        String host,
        int port,
        byte[] request,
        Duration requestTimeout,
        BlockingQueue<Long> queue,
        AtomicInteger outstanding,
        AtomicLong lastCompletion,
        LatencyRecorder recorder) {
      this.host = host;
      this.port = port;
      this.request = request;
      this.requestTimeout = requestTimeout;
      this.queue = queue;
      this.outstanding = outstanding;
      this.lastCompletion = lastCompletion;
      this.recorder = recorder;
      this.thread = new Thread(this, "junit-sandbox-constant-rate-" + host + ":" + port);
      this.thread.setDaemon(true);
    }

    /** Opens the connection and sends a few untimed requests, outside the schedule. */
    void warmUp() {
      try {
        connect();
        for (int i = 0; i < WARMUP_REQUESTS_PER_CONNECTION; i++) {
          int status = exchange();
          if (status / 100 != 2) {
            throw new ProbeException(
                String.format(
                    "GET http://%s:%d/ answered status %d before the measurement; the server must"
                        + " answer 2xx",
                    host, port, status));
          }
        }
      } catch (IOException e) {
        throw new ProbeException(
            String.format("Cannot send the warm-up requests to http://%s:%d/: %s", host, port, e),
            e);
      }
    }

    void start(long drainDeadline) {
      this.drainDeadline = drainDeadline;
      thread.start();
    }

    static void dispatchDone(List<Worker> workers) {
      workers.forEach(worker -> worker.dispatchDone = true);
    }

    @Override
    public void run() {
      while (System.nanoTime() < drainDeadline) {
        Long intended;
        try {
          intended = queue.poll(20, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          return;
        }
        if (intended == null) {
          if (dispatchDone && queue.isEmpty()) {
            return;
          }
          continue;
        }
        try {
          if (socket == null) {
            connect();
          }
          int status = exchange();
          long completed = System.nanoTime();
          lastCompletion.accumulateAndGet(completed, Math::max);
          if (status / 100 == 2) {
            succeeded++;
            long latency = completed - intended;
            if (latency >= 0 && latency <= Measurement.HIGHEST_TRACKABLE_NANOS) {
              recorder.recordNanos(latency);
            } else if (outOfRangeNanos == null) {
              // thrown by run() once the workers ended: this thread only counts
              outOfRangeNanos = latency;
            }
          } else {
            errorResponses++;
          }
        } catch (IOException e) {
          socketErrors++;
          disconnect();
        } finally {
          outstanding.decrementAndGet();
        }
      }
    }

    private void connect() throws IOException {
      Socket opened = new Socket();
      try {
        opened.setTcpNoDelay(true);
        opened.setSoTimeout((int) requestTimeout.toMillis());
        opened.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
      } catch (IOException e) {
        opened.close();
        throw e;
      }
      socket = opened;
      in = new BufferedInputStream(opened.getInputStream(), 16 * 1024);
      out = opened.getOutputStream();
    }

    /** Sends one GET and reads the whole response; returns its status. */
    private int exchange() throws IOException {
      out.write(request);
      out.flush();
      String statusLine = readLine();
      String[] parts = statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
        throw new IOException("not an HTTP/1.x status line: " + statusLine);
      }
      int status;
      try {
        status = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        throw new IOException("not an HTTP status: " + statusLine, e);
      }
      long length = -1;
      boolean close = false;
      for (String header = readLine(); !header.isEmpty(); header = readLine()) {
        int colon = header.indexOf(':');
        if (colon < 0) {
          continue;
        }
        String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = header.substring(colon + 1).trim();
        if (name.equals("content-length")) {
          try {
            length = Long.parseLong(value);
          } catch (NumberFormatException e) {
            // an IOException counts as a socket error; anything else would end the worker
            throw new IOException("not a Content-Length: " + value, e);
          }
          if (length < 0) {
            throw new IOException("a negative Content-Length: " + value);
          }
        } else if (name.equals("connection") && value.equalsIgnoreCase("close")) {
          close = true;
        } else if (name.equals("transfer-encoding")) {
          throw new IOException("chunked responses are not supported: " + value);
        }
      }
      if (length < 0) {
        throw new IOException("the response has no Content-Length");
      }
      lastBodyBytes = length;
      for (long left = length; left > 0; ) {
        long skipped = in.skip(left);
        if (skipped <= 0) {
          if (in.read() < 0) {
            throw new IOException("connection closed in the response body");
          }
          skipped = 1;
        }
        left -= skipped;
      }
      if (close) {
        disconnect();
      }
      return status;
    }

    private String readLine() throws IOException {
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) {
          throw new IOException("connection closed in the response headers");
        }
        if (c != '\r') {
          line.append((char) c);
        }
        if (line.length() > 8_192) {
          throw new IOException("response header line longer than 8 KiB");
        }
      }
      return line.toString();
    }

    private void disconnect() {
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // the connection is dropped either way
        }
        socket = null;
      }
    }

    void join(long byNanoTime) {
      try {
        long wait = byNanoTime - System.nanoTime();
        if (wait > 0) {
          thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
        }
        if (thread.isAlive()) {
          // a read stuck past its timeout: closing the socket ends it
          disconnect();
          thread.interrupt();
          thread.join(TimeUnit.SECONDS.toMillis(5));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProbeException("Interrupted while waiting for the constant-rate load to end", e);
      }
    }

    void close() {
      dispatchDone = true;
      drainDeadline = 0;
      if (!thread.isAlive()) {
        disconnect();
      }
    }
  }
}
