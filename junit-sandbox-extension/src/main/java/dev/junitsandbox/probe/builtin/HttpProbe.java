package dev.junitsandbox.probe.builtin;

import dev.junitsandbox.internal.tooloutput.WrkReport;
import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.BackgroundCommand;
import dev.junitsandbox.probe.ExecResult;
import dev.junitsandbox.probe.Probe;
import dev.junitsandbox.probe.ProbeContext;
import dev.junitsandbox.probe.ProbeException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * Requests per second and response times of nginx serving one static 4 KB page in the sandbox,
 * loaded from the host.
 *
 * <p><b>Method.</b> The probe writes an nginx configuration (one worker process, access log off,
 * {@code sendfile on}, keep-alive) and a {@value #PAGE_BYTES}-byte page into the sandbox's scratch
 * directory and starts {@code nginx -g 'daemon off;'} there, listening on port 80 of the container
 * (on a free port of 127.0.0.1 for the host baseline); nginx runs as root ({@code user root}), so
 * no user switching is involved. The load comes from the host, through the container's address, in
 * one of two modes:
 *
 * <ul>
 *   <li><b>Closed loop</b> ({@link Probes#http()}, name {@code "http.closedLoop"}): {@code wrk -t
 *       <threads> -c <connections> -d <seconds> --timeout <seconds>} with a Lua script whose {@code
 *       done()} prints wrk's totals and its latency histogram. Each connection sends its next
 *       request as soon as the previous response arrived: the figure is the capacity. A slow
 *       response holds back the requests behind it (coordinated omission); wrk 4.1 makes up for
 *       that only roughly, by adding to its histogram, for every latency of at least twice the mean
 *       interval between one connection's requests, the latencies the held-back requests would have
 *       had (its {@code stats_correct}). The distribution holds those added values, as wrk's own
 *       percentiles do, so it has more values than requests.
 *   <li><b>Constant rate</b> ({@link #constantRate(double)}, name {@code "http.constantRate"}): an
 *       open-model generator in the JVM sends GETs at fixed intended times ({@code k / rate}) over
 *       {@link #connections()} keep-alive connections, up to {@link #maxOutstanding()} requests
 *       queued or in flight (further sends are skipped and counted as missed). Each latency runs
 *       from the request's <em>intended</em> send time to the last byte of its response, so
 *       queueing behind a slow server counts, as with wrk2. The rate must stay below what the
 *       sandbox can serve (gVisor served a few thousand requests per second on this 2-core machine,
 *       runc ten thousand and more); above it the queue grows, sends are missed and the latencies
 *       only say "overloaded".
 * </ul>
 *
 * <p><b>Timed region.</b> Closed loop: wrk's run of {@link #duration()} (its own clock), including
 * the connections' set-up. Constant rate: from the first intended send to the last response; the
 * connections are opened and 8 untimed requests per connection are sent before it. Starting nginx
 * and writing its files are outside.
 *
 * <p><b>Result.</b> The latency distribution in nanoseconds: in the closed loop wrk's microsecond
 * histogram (every response, plus wrk's added values) times 1,000; at a constant rate one value per
 * 2xx response, measured by the generator in nanoseconds; and the figures {@code
 * "requestsPerSecond"} (req/s, higher is better: wrk's "Requests/sec", i.e. responses over wrk's
 * duration; at a constant rate the 2xx responses over the time from the first intended send to the
 * last response), {@code "errorResponses"} (status 400 or above at wrk, anything but 2xx at a
 * constant rate), {@code "socketErrors"} (connect, read, write errors and timeouts) and, at a
 * constant rate, {@code "missedSends"}. The measurement fails when errors are more than half of all
 * requests.
 *
 * <p><b>Defaults.</b> 64 connections, 2 wrk threads, 5 seconds, a 2-second request timeout (wrk's
 * default); constant rate {@value #DEFAULT_CONSTANT_RATE} req/s with at most 1,000 outstanding. Li
 * et al. ("Comparative Performance Study of Lightweight Hypervisors Used in Container Environment",
 * CLOSER 2021) ran wrk for 10 seconds with 1,000 connections against one nginx worker with {@code
 * worker_connections 1024} serving a 4 KB page: {@link Li2021#http()}, i.e. {@code
 * connections(1000).duration(Duration.ofSeconds(10)).workerConnections(1024)} (without the last
 * setting this probe's nginx gets {@code worker_connections} 2,016, the larger of 1,024 and twice
 * the connections plus 16). The defaults are smaller because wrk and nginx share the cores of a
 * small shared machine.
 */
public final class HttpProbe implements Probe {

  /** The size of the page served, 4 KB as in Li et al. */
  public static final int PAGE_BYTES = 4096;

  /** The constant rate {@link #constantRate()} uses, requests per second. */
  public static final double DEFAULT_CONSTANT_RATE = 200;

  private static final int DEFAULT_CONNECTIONS = 64;
  private static final int DEFAULT_THREADS = 2;
  private static final Duration DEFAULT_DURATION = Duration.ofSeconds(5);
  private static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(2);
  private static final int DEFAULT_MAX_OUTSTANDING = 1_000;
  private static final int CONTAINER_PORT = 80;
  private static final Duration SERVER_START_TIMEOUT = Duration.ofSeconds(30);

  private final int connections;
  private final int threads;
  private final Duration duration;
  private final Duration requestTimeout;
  private final double ratePerSecond; // 0 for the closed loop
  private final int maxOutstanding;
  private final int workerConnections; // 0: automatic, see #workerConnections()

  private HttpProbe(
      int connections,
      int threads,
      Duration duration,
      Duration requestTimeout,
      double ratePerSecond,
      int maxOutstanding,
      int workerConnections) {
    ProbeSettings.range("connections", connections, 1, 10_000, "", "");
    if (threads < 1 || threads > connections) {
      throw new IllegalArgumentException(
          String.format(
              "threads must be from 1 to connections (%d), as wrk requires, but was %d",
              connections, threads));
    }
    ProbeSettings.wholeSeconds("duration", duration, 1, " (wrk takes seconds)");
    ProbeSettings.wholeSeconds("requestTimeout", requestTimeout, 1, " (wrk takes seconds)");
    if (!(ratePerSecond == 0 || (ratePerSecond > 0 && ratePerSecond <= 100_000))) {
      throw new IllegalArgumentException(
          "the constant rate must be above 0 and at most 100000 requests per second, but was "
              + ratePerSecond);
    }
    ProbeSettings.atLeast("maxOutstanding", maxOutstanding, 1, "");
    if (workerConnections != 0
        && (workerConnections <= connections || workerConnections > 65_536)) {
      throw new IllegalArgumentException(
          String.format(
              "workerConnections must be from connections + 1 (%d: one per connection plus nginx's"
                  + " listening socket) to 65536, but was %d; e.g. workerConnections(%d)",
              connections + 1, workerConnections, Math.max(1_024, connections + 1)));
    }
    this.connections = connections;
    this.threads = threads;
    this.duration = duration;
    this.requestTimeout = requestTimeout;
    this.ratePerSecond = ratePerSecond;
    this.maxOutstanding = maxOutstanding;
    this.workerConnections = workerConnections;
  }

  static HttpProbe create() {
    return new HttpProbe(
        DEFAULT_CONNECTIONS,
        DEFAULT_THREADS,
        DEFAULT_DURATION,
        DEFAULT_REQUEST_TIMEOUT,
        0,
        DEFAULT_MAX_OUTSTANDING,
        0);
  }

  /**
   * The same probe with {@code connections} open connections (default 64); wrk threads are lowered
   * to {@code connections} if there were more.
   */
  public HttpProbe connections(int connections) {
    return new HttpProbe(
        connections,
        Math.min(threads, connections),
        duration,
        requestTimeout,
        ratePerSecond,
        maxOutstanding,
        workerConnections);
  }

  /** The same probe with {@code threads} wrk threads (default 2; closed loop only). */
  public HttpProbe threads(int threads) {
    return new HttpProbe(
        connections,
        threads,
        duration,
        requestTimeout,
        ratePerSecond,
        maxOutstanding,
        workerConnections);
  }

  /** The same probe loading the server for {@code duration} (default 5 s, whole seconds). */
  public HttpProbe duration(Duration duration) {
    return new HttpProbe(
        connections,
        threads,
        duration,
        requestTimeout,
        ratePerSecond,
        maxOutstanding,
        workerConnections);
  }

  /**
   * The same probe counting a request as a socket error when its response takes longer than {@code
   * requestTimeout} (default 2 s, wrk's default; whole seconds).
   */
  public HttpProbe requestTimeout(Duration requestTimeout) {
    return new HttpProbe(
        connections,
        threads,
        duration,
        requestTimeout,
        ratePerSecond,
        maxOutstanding,
        workerConnections);
  }

  /**
   * The same probe in the open model: requests at a constant {@code ratePerSecond}, latencies from
   * their intended send times. The rate must be below the sandbox's capacity.
   */
  public HttpProbe constantRate(double ratePerSecond) {
    if (ratePerSecond <= 0 || Double.isNaN(ratePerSecond)) {
      throw new IllegalArgumentException(
          "the constant rate must be above 0 requests per second, but was " + ratePerSecond);
    }
    return new HttpProbe(
        connections,
        threads,
        duration,
        requestTimeout,
        ratePerSecond,
        maxOutstanding,
        workerConnections);
  }

  /** The same probe at the default constant rate of {@value #DEFAULT_CONSTANT_RATE} req/s. */
  public HttpProbe constantRate() {
    return constantRate(DEFAULT_CONSTANT_RATE);
  }

  /**
   * The same probe skipping constant-rate sends while {@code maxOutstanding} requests are queued or
   * in flight (default 1,000).
   */
  public HttpProbe maxOutstanding(int maxOutstanding) {
    return new HttpProbe(
        connections,
        threads,
        duration,
        requestTimeout,
        ratePerSecond,
        maxOutstanding,
        workerConnections);
  }

  /**
   * The same probe with nginx's {@code worker_connections} set to {@code workerConnections}, which
   * must exceed {@link #connections()} (one per connection plus the listening socket). By default
   * the probe chooses the larger of 1,024 and twice the connections plus 16, leaving room for
   * connections wrk reopens; Li et al. set 1,024 (with 1,000 connections).
   */
  public HttpProbe workerConnections(int workerConnections) {
    return new HttpProbe(
        connections,
        threads,
        duration,
        requestTimeout,
        ratePerSecond,
        maxOutstanding,
        workerConnections);
  }

  /**
   * nginx's {@code worker_connections}: the value set by {@link #workerConnections(int)}, else the
   * larger of 1,024 and twice the connections plus 16.
   */
  public int workerConnections() {
    return workerConnections != 0 ? workerConnections : Math.max(1_024, connections * 2 + 16);
  }

  /** Open connections to nginx. */
  public int connections() {
    return connections;
  }

  /** wrk threads (closed loop). */
  public int threads() {
    return threads;
  }

  /** How long the load runs. */
  public Duration duration() {
    return duration;
  }

  /** How long one response may take. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** Whether this probe sends at a constant rate (the open model) rather than in a closed loop. */
  public boolean isConstantRate() {
    return ratePerSecond > 0;
  }

  /** The constant rate in requests per second; 0 for the closed loop. */
  public double ratePerSecond() {
    return ratePerSecond;
  }

  /** Most requests queued or in flight at a constant rate. */
  public int maxOutstanding() {
    return maxOutstanding;
  }

  @Override
  public String name() {
    return isConstantRate() ? "http.constantRate" : "http.closedLoop";
  }

  /** The load plus about two seconds for nginx to start and answer its first request. */
  @Override
  public Optional<Duration> estimatedDuration() {
    return Optional.of(duration.plusSeconds(2));
  }

  @Override
  public Map<String, String> parameters() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("server", "nginx, 1 worker");
    parameters.put("pageBytes", Integer.toString(PAGE_BYTES));
    parameters.put("workerConnections", Integer.toString(workerConnections()));
    parameters.put("client", isConstantRate() ? "constant-rate generator" : "wrk");
    parameters.put("connections", Integer.toString(connections));
    if (!isConstantRate()) {
      parameters.put("threads", Integer.toString(threads));
    }
    parameters.put("durationSeconds", Long.toString(duration.toSeconds()));
    parameters.put("requestTimeoutSeconds", Long.toString(requestTimeout.toSeconds()));
    if (isConstantRate()) {
      parameters.put("ratePerSecond", Figure.formatValue(ratePerSecond));
      parameters.put("maxOutstanding", Integer.toString(maxOutstanding));
    }
    return parameters;
  }

  @Override
  public Measurement run(ProbeContext context) {
    String where = name() + " on " + context.runtime().id();
    boolean onHost = context.runtime().isHost();
    int port = onHost ? Workloads.freeLoopbackPort() : CONTAINER_PORT;
    String address = context.sandboxAddress();
    String directory = context.scratchDirectory() + "/http";
    Workloads.execChecked(
        context,
        "Creating the nginx directories for " + where,
        Duration.ofSeconds(30),
        List.of("mkdir", "-p", directory + "/www"));
    context.writeFile(directory + "/www/index.html", "x".repeat(PAGE_BYTES));
    context.writeFile(
        directory + "/nginx.conf",
        nginxConfiguration(directory, onHost ? "127.0.0.1:" + port : Integer.toString(port)));
    String nginx = onHost ? hostExecutable("nginx") : "nginx";
    BackgroundCommand server =
        context.start(
            List.of(
                nginx,
                "-c",
                directory + "/nginx.conf",
                "-e",
                directory + "/error.log",
                "-g",
                "daemon off;"));
    try {
      Workloads.awaitTcpPort(address, port, SERVER_START_TIMEOUT, server);
      checkPage(where, address, port, server);
      Measurement measurement =
          isConstantRate()
              ? constantRateLoad(context, where, address, port)
              : closedLoopLoad(context, where, address, port);
      if (!server.isRunning()) {
        throw new ProbeException(
            String.format(
                "nginx ended during the load of %s; it printed:%n%s",
                where, Workloads.tail(server.output())));
      }
      return measurement;
    } finally {
      server.close();
    }
  }

  private Measurement closedLoopLoad(ProbeContext context, String where, String address, int port) {
    Path script = null;
    try {
      // private to this run, removed with the sandbox (or by the next run if this JVM is killed)
      script = Files.createTempFile(context.hostScratchDirectory(), "wrk-", ".lua");
      Files.writeString(script, WrkReport.SCRIPT, StandardCharsets.UTF_8);
      List<String> wrk =
          List.of(
              "wrk",
              "-t",
              Integer.toString(threads),
              "-c",
              Integer.toString(connections),
              "-d",
              duration.toSeconds() + "s",
              "--timeout",
              requestTimeout.toSeconds() + "s",
              "-s",
              script.toString(),
              "http://" + address + ":" + port + "/");
      ExecResult result =
          Workloads.requireSuccess(
              "wrk against " + where,
              context.execOnHost(duration.plus(requestTimeout).plusSeconds(60), wrk));
      WrkReport report = WrkReport.parse(where, result.stdout());
      long socketErrors = report.socketErrors();
      long errors = report.statusErrors() + socketErrors;
      requireMostlySuccessful(
          where,
          report.requests() - report.statusErrors(),
          errors,
          report.requests() + socketErrors,
          result.stdout());
      // WrkReport checked every value against the hour a measurement holds
      Histogram nanos = report.latencyNanos();
      Measurement.Builder measurement =
          Measurement.builder(name(), context.runtime().id(), parameters())
              .latency("response time per request (closed loop, wrk)", nanos)
              .figure(
                  "requestsPerSecond", "req/s", report.requestsPerSecond(), Figure.Better.HIGHER)
              .figure("errorResponses", "responses", report.statusErrors(), Figure.Better.LOWER)
              .figure("socketErrors", "requests", socketErrors, Figure.Better.LOWER)
              .note(
                  "closed loop: each connection sends its next request when the previous"
                      + " response arrived; the latencies include the values wrk 4.1 adds for"
                      + " requests a slow response held back (its rough coordinated-omission"
                      + " correction); http.constantRate measures that wait directly")
              .note(
                  report.exact()
                      ? "latencies: wrk's exact histogram (1 µs resolution)"
                      : "latencies rebuilt from 1,100 wrk percentile points (too many distinct values"
                          + " to read wrk's exact histogram in time)");
      addCommonNotes(measurement, context, address, port);
      return measurement.build();
    } catch (IOException e) {
      throw new ProbeException("Cannot write the wrk script for " + where + ": " + e, e);
    } finally {
      if (script != null) {
        try {
          Files.deleteIfExists(script);
        } catch (IOException ignored) {
          // a leftover temporary file must not hide the probe's own outcome
        }
      }
    }
  }

  private Measurement constantRateLoad(
      ProbeContext context, String where, String address, int port) {
    ConstantRateLoad.Result result =
        ConstantRateLoad.run(
            address, port, ratePerSecond, duration, connections, maxOutstanding, requestTimeout);
    long errors = result.errorResponses() + result.socketErrors();
    requireMostlySuccessful(
        where,
        result.succeeded(),
        errors,
        result.sent(),
        String.format(
            Locale.ROOT,
            "intended %d, sent %d, 2xx %d, error responses %d, socket errors %d, missed %d",
            result.intended(),
            result.sent(),
            result.succeeded(),
            result.errorResponses(),
            result.socketErrors(),
            result.missed()));
    Measurement.Builder measurement =
        Measurement.builder(name(), context.runtime().id(), parameters())
            .latencyIntervals(
                "response time from the intended send time (constant rate, coordinated omission"
                    + " corrected)",
                result.intervals())
            .figure("requestsPerSecond", "req/s", result.achievedPerSecond(), Figure.Better.HIGHER)
            .figure("missedSends", "requests", result.missed(), Figure.Better.LOWER)
            .figure("errorResponses", "responses", result.errorResponses(), Figure.Better.LOWER)
            .figure("socketErrors", "requests", result.socketErrors(), Figure.Better.LOWER)
            .note(
                String.format(
                    Locale.ROOT,
                    "open model: %s req/s intended over %d connections, %d requests scheduled;"
                        + " latencies run from each request's intended send time, so waiting"
                        + " behind a slow server counts",
                    Figure.formatValue(ratePerSecond),
                    connections,
                    result.intended()));
    if (result.missed() > 0) {
      measurement.note(
          String.format(
              Locale.ROOT,
              "%d of %d sends were skipped because %d requests were already pending: the rate is"
                  + " above what this sandbox serves, and the latencies understate the overload",
              result.missed(),
              result.intended(),
              maxOutstanding));
    }
    addCommonNotes(measurement, context, address, port);
    return measurement.build();
  }

  private void addCommonNotes(
      Measurement.Builder measurement, ProbeContext context, String address, int port) {
    measurement.note(
        context.runtime().isHost()
            ? "nginx and the load generator share the host's cores, over loopback port " + port
            : "load from the host to nginx at the container's address "
                + address
                + ":"
                + port
                + (context.runtime().isIncus()
                    ? " over Incus's bridge"
                    : " over the Docker bridge"));
    measurement.note(NetworkNotes.networkMode(context));
    if (duration.toSeconds() != 10 || connections != 1_000) {
      measurement.note(
          duration.toSeconds()
              + " s of load over "
              + connections
              + " connections; Li et al. ran wrk for 10 s with 1,000 connections");
    }
  }

  private static void requireMostlySuccessful(
      String where, long succeeded, long errors, long attempts, String details) {
    if (succeeded <= 0 || errors * 2 > attempts) {
      throw new ProbeException(
          String.format(
              "%s: errors dominate (%d errors, %d successful responses of %d requests), so there"
                  + " is nothing to measure; details:%n%s",
              where, errors, Math.max(0, succeeded), attempts, Workloads.tail(details)));
    }
  }

  /**
   * One GET before the load, so that a misconfigured server fails with its own words. A plain
   * socket, not {@code java.net.http.HttpClient}: see {@link ConstantRateLoad#get}.
   */
  private static void checkPage(String where, String address, int port, BackgroundCommand server) {
    String url = "http://" + address + ":" + port + "/";
    try {
      ConstantRateLoad.Response response =
          ConstantRateLoad.get(address, port, Duration.ofSeconds(10));
      if (response.status() != 200 || response.bodyBytes() != PAGE_BYTES) {
        throw new ProbeException(
            String.format(
                "nginx for %s answered GET %s with status %d and %d bytes, expected 200 and %d;"
                    + " nginx printed:%n%s",
                where,
                url,
                response.status(),
                response.bodyBytes(),
                PAGE_BYTES,
                Workloads.tail(server.output())));
      }
    } catch (IOException e) {
      throw new ProbeException(
          String.format(
              "nginx for %s does not answer GET %s: %s; nginx printed:%n%s",
              where, url, e, Workloads.tail(server.output())),
          e);
    }
  }

  /**
   * nginx's configuration: everything it writes (pid, error log, temporary files) in {@code
   * directory}, so that it runs anywhere without touching the system's nginx files.
   */
  String nginxConfiguration(String directory, String listen) {
    return String.format(
        Locale.ROOT,
        """
        # junit-sandbox HTTP probe: one worker serving one %d-byte page
        worker_processes 1;
        user root;
        pid %2$s/nginx.pid;
        error_log %2$s/error.log warn;
        events {
          worker_connections %3$d;
        }
        http {
          access_log off;
          sendfile on;
          tcp_nopush on;
          keepalive_requests 1000000;
          keepalive_timeout 75s;
          default_type text/html;
          client_body_temp_path %2$s/client_body;
          proxy_temp_path %2$s/proxy;
          fastcgi_temp_path %2$s/fastcgi;
          uwsgi_temp_path %2$s/uwsgi;
          scgi_temp_path %2$s/scgi;
          server {
            listen %4$s default_server;
            root %2$s/www;
            location / {
            }
          }
        }
        """,
        PAGE_BYTES,
        directory,
        workerConnections(),
        listen);
  }

  /** The host's copy of a tool that Debian installs in an sbin directory, maybe off the PATH. */
  private static String hostExecutable(String name) {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String directory : path.split(File.pathSeparator)) {
        if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, name))) {
          return Path.of(directory, name).toString();
        }
      }
    }
    for (String directory : List.of("/usr/sbin", "/usr/local/sbin", "/sbin")) {
      if (Files.isExecutable(Path.of(directory, name))) {
        return Path.of(directory, name).toString();
      }
    }
    return name;
  }

  /** {@code name{parameter=value, ...}}, as in test names and messages. */
  @Override
  public String toString() {
    return ProbeSettings.describe(this);
  }
}
