package dev.junitsandbox.probe.builtin;

import dev.junitsandbox.internal.tooloutput.IperfReport;
import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.ExecResult;
import dev.junitsandbox.probe.HostBackgroundCommand;
import dev.junitsandbox.probe.Probe;
import dev.junitsandbox.probe.ProbeContext;
import dev.junitsandbox.probe.ProbeException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * TCP throughput between the host and the sandbox, measured with iperf3 in both directions.
 *
 * <p><b>Method.</b> For each {@link Direction} in turn the probe starts a one-off iperf3 server on
 * the host ({@code iperf3 -s -1 -J}, through {@link ProbeContext#startOnHost}), bound to the
 * address at which the sandbox reaches the host ({@link ProbeContext#hostAddress()}: the bridge
 * gateway for containers, 127.0.0.1 on the host) on a free port, and runs the iperf3 client in the
 * sandbox: {@code iperf3 -c <host> -p <port> -t <seconds> -P <streams> -J}, with {@code -R} for
 * {@link Direction#HOST_TO_SANDBOX} so that the host sends. The server runs on the host because an
 * {@code iperf3 -s} inside this machine's gVisor (host-network mode) cannot receive the client's
 * parameters; the client side works there in both directions.
 *
 * <p><b>Timed region.</b> iperf3's own test: {@link #duration()} of data transfer after the control
 * connection is set up. Starting the server, {@code docker exec} and the control exchange are
 * outside it.
 *
 * <p><b>Result.</b> One figure per direction, named {@code "hostToSandbox"} and {@code
 * "sandboxToHost"}, in Gbit/s (10<sup>9</sup> bit/s), higher is better: the receiver's rate from
 * iperf3's end summary ({@code end.sum_received.bits_per_second}, the "receiver" line of iperf3's
 * human output). Its samples are the per-interval rates (one per second, {@code
 * intervals[].sum.bits_per_second}) as the client saw them: sender-side for sandboxToHost,
 * receiver-side for hostToSandbox. There is no latency distribution.
 *
 * <p>gVisor here often loses the last step of iperf3's protocol, the exchange of results after the
 * transfer ("unable to receive results: Resource temporarily unavailable"). The data have been
 * transferred and counted by then; the probe then takes the figure from the host server's own end
 * summary (its {@code sum_received} when it received, its {@code sum_sent} when it sent) and says
 * so in a note of the measurement.
 *
 * <p><b>Under gVisor</b> with {@code --network=host} (how this project's machines run it, its own
 * network stack failing on their kernel) gVisor's own network stack is not in the path: the probe
 * then measures gVisor's interception of the socket system calls, passed on to the host kernel's
 * TCP stack in the container's network namespace, plus the veth pair and bridge as under runc. Each
 * measurement notes the network mode that ran.
 *
 * <p><b>Defaults.</b> 5 seconds per direction, one stream: both directions take about 12 seconds.
 * Li et al. ("Comparative Performance Study of Lightweight Hypervisors Used in Container
 * Environment", CLOSER 2021) ran iperf3 for 40 seconds per test: {@code
 * duration(Duration.ofSeconds(40))}. The default is short for a shared 2-core machine.
 */
public final class NetworkThroughputProbe implements Probe {

  /** Which way the data flow. */
  public enum Direction {
    /** The host sends, the sandbox receives ({@code iperf3 -c ... -R} in the sandbox). */
    HOST_TO_SANDBOX("hostToSandbox"),
    /** The sandbox sends, the host receives ({@code iperf3 -c ...} in the sandbox). */
    SANDBOX_TO_HOST("sandboxToHost");

    private final String figureName;

    Direction(String figureName) {
      this.figureName = figureName;
    }

    /** The name of this direction's figure: {@code "hostToSandbox"} or {@code "sandboxToHost"}. */
    public String figureName() {
      return figureName;
    }
  }

  /** The unit of the figures. */
  public static final String UNIT = "Gbit/s";

  private static final Duration DEFAULT_DURATION = Duration.ofSeconds(5);
  private static final int DEFAULT_STREAMS = 1;
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
  private static final Duration SERVER_START_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration SERVER_END_TIMEOUT = Duration.ofSeconds(10);
  // intervals shorter than this are the leftover bit after the last full second: too short to rate
  private static final double SHORTEST_SAMPLE_SECONDS = 0.5;

  private final Duration duration;
  private final int streams;
  private final List<Direction> directions;

  private NetworkThroughputProbe(Duration duration, int streams, List<Direction> directions) {
    ProbeSettings.wholeSeconds("duration", duration, 1, " (iperf3 -t takes seconds)");
    ProbeSettings.range("streams", streams, 1, 128, " (iperf3 -P)", "");
    if (directions.isEmpty()) {
      throw new IllegalArgumentException("at least one direction is needed");
    }
    this.duration = duration;
    this.streams = streams;
    this.directions = List.copyOf(directions);
  }

  static NetworkThroughputProbe create() {
    return new NetworkThroughputProbe(
        DEFAULT_DURATION,
        DEFAULT_STREAMS,
        List.of(Direction.HOST_TO_SANDBOX, Direction.SANDBOX_TO_HOST));
  }

  /**
   * The same probe transferring for {@code duration} per direction (default 5 s; iperf3's own
   * default is 10 s, Li et al. ran 40 s).
   *
   * @throws IllegalArgumentException unless whole seconds, at least one
   */
  public NetworkThroughputProbe duration(Duration duration) {
    return new NetworkThroughputProbe(duration, streams, directions);
  }

  /** The same probe with {@code streams} parallel TCP streams (iperf3 {@code -P}, default 1). */
  public NetworkThroughputProbe streams(int streams) {
    return new NetworkThroughputProbe(duration, streams, directions);
  }

  /**
   * The same probe measuring only {@code directions}, in this order (default both, host to sandbox
   * first). Duplicates are ignored.
   */
  public NetworkThroughputProbe directions(Direction first, Direction... more) {
    Set<Direction> unique = new LinkedHashSet<>();
    unique.add(Objects.requireNonNull(first, "first"));
    unique.addAll(Arrays.asList(more));
    return new NetworkThroughputProbe(duration, streams, new ArrayList<>(unique));
  }

  /** Transfer time per direction. */
  public Duration duration() {
    return duration;
  }

  /** Parallel TCP streams. */
  public int streams() {
    return streams;
  }

  /** The directions measured, in order. */
  public List<Direction> directions() {
    return directions;
  }

  @Override
  public String name() {
    return "network.throughput";
  }

  /**
   * The timed transfers plus about a second per direction for the server and the client to start.
   */
  @Override
  public Optional<Duration> estimatedDuration() {
    return Optional.of(duration.plusSeconds(1).multipliedBy(directions.size()));
  }

  @Override
  public Map<String, String> parameters() {
    return ProbeSettings.parameters()
        .with("tool", "iperf3")
        .with("protocol", "tcp")
        .with("durationSeconds", Long.toString(duration.toSeconds()))
        .with("streams", Integer.toString(streams))
        .with(
            "directions",
            directions.stream().map(Direction::figureName).collect(Collectors.joining(",")))
        .with("server", "host")
        .build();
  }

  @Override
  public Measurement run(ProbeContext context) {
    Measurement.Builder measurement =
        Measurement.builder(name(), context.runtime().id(), parameters());
    String hostAddress = context.hostAddress();
    for (Direction direction : directions) {
      measureDirection(context, hostAddress, direction, measurement);
    }
    measurement.note(
        context.runtime().isHost()
            ? "client and iperf3 server both on the host, over the loopback interface"
            : "iperf3 server on the host at "
                + hostAddress
                + " (the bridge gateway), client in the sandbox: iperf3 -s inside gVisor fails"
                + " on this kind of machine");
    measurement.note(NetworkNotes.networkMode(context));
    if (duration.toSeconds() != 40) {
      measurement.note(duration.toSeconds() + " s per direction; Li et al. ran 40 s per test");
    }
    return measurement.build();
  }

  private void measureDirection(
      ProbeContext context, String hostAddress, Direction direction, Measurement.Builder into) {
    String where = name() + " " + direction.figureName() + " on " + context.runtime().id();
    int port = freePort(hostAddress);
    List<String> server =
        List.of("iperf3", "-s", "-1", "-J", "-B", hostAddress, "-p", Integer.toString(port));
    List<String> client = new ArrayList<>();
    client.addAll(
        List.of(
            "iperf3",
            "-c",
            hostAddress,
            "-p",
            Integer.toString(port),
            "-t",
            Long.toString(duration.toSeconds()),
            "-P",
            Integer.toString(streams),
            "--connect-timeout",
            Integer.toString(CONNECT_TIMEOUT_MILLIS),
            "-J"));
    if (direction == Direction.HOST_TO_SANDBOX) {
      client.add("-R");
    }
    try (HostBackgroundCommand host = context.startOnHost(server)) {
      host.awaitListening(port, SERVER_START_TIMEOUT);
      ExecResult result = context.exec(duration.plusSeconds(60), client);
      if (result.stdout().indexOf('{') < 0) {
        Workloads.requireSuccess("the iperf3 client of " + where, result);
      }
      IperfReport clientReport =
          IperfReport.parse("the iperf3 client of " + where, result.stdout());
      Optional<Double> received = clientReport.sumReceivedBitsPerSecond();
      if (!clientReport.failed() && received.isPresent()) {
        into.figure(figure(direction, received.get(), clientReport));
        return;
      }
      if (!clientReport.failed()) {
        throw new ProbeException(
            String.format(
                "%s: the iperf3 client reported no end.sum_received; it printed:%n%s",
                where, Workloads.tail(result.stdout())));
      }
      String clientError = clientReport.error().orElseThrow();
      if (!clientError.startsWith("unable to receive results")) {
        throw new ProbeException(
            String.format(
                "%s failed: %s (exit status %d)%nclient: %s%nserver: %s",
                where,
                clientError,
                result.exitCode(),
                Workloads.tail(result.stdout() + "\n" + result.stderr()),
                host.output()));
      }
      // the transfer is over; only the client's copy of the results is lost
      host.awaitExit(SERVER_END_TIMEOUT);
      IperfReport serverReport = IperfReport.parse("the iperf3 server of " + where, host.stdout());
      Optional<Double> hostSide =
          direction == Direction.SANDBOX_TO_HOST
              ? serverReport.sumReceivedBitsPerSecond()
              : serverReport.sumSentBitsPerSecond();
      if (hostSide.isEmpty() || hostSide.get() <= 0) {
        throw new ProbeException(
            String.format(
                "%s failed: the client lost the results (%s) and the host server has no end"
                    + " summary either; server:%n%s",
                where, clientError, host.output()));
      }
      into.figure(figure(direction, hostSide.get(), serverReport));
      into.note(
          String.format(
              Locale.ROOT,
              "%s: the client in the sandbox lost iperf3's final results exchange (\"%s\");"
                  + " the figure is the host server's end summary (%s) and its samples are the"
                  + " server's intervals",
              direction.figureName(),
              clientError,
              direction == Direction.SANDBOX_TO_HOST
                  ? "sum_received: the bytes the host received"
                  : "sum_sent: the bytes the host sent"));
    }
  }

  private static Figure figure(Direction direction, double bitsPerSecond, IperfReport source) {
    List<Double> samples =
        source.intervals().stream()
            .filter(interval -> interval.seconds() >= SHORTEST_SAMPLE_SECONDS)
            .map(interval -> interval.bitsPerSecond() / 1e9)
            .toList();
    return new Figure(
        direction.figureName(), UNIT, bitsPerSecond / 1e9, Figure.Better.HIGHER, samples);
  }

  private static int freePort(String address) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new ProbeException(
          String.format(
              "Cannot find a free port on the host address %s for the iperf3 server: %s",
              address, e),
          e);
    }
  }

  /** {@code name{parameter=value, ...}}, as in test names and messages. */
  @Override
  public String toString() {
    return ProbeSettings.describe(this);
  }
}
