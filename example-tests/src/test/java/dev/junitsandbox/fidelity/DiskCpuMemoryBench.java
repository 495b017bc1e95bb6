package dev.junitsandbox.fidelity;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.ContainerRuntime.RUNSC;
import static dev.junitsandbox.probe.builtin.DiskIoProbe.Pattern.RANDOM_READ;
import static dev.junitsandbox.probe.builtin.DiskIoProbe.Pattern.SEQUENTIAL_WRITE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.builtin.CpuProbe;
import dev.junitsandbox.probe.builtin.DiskIoProbe;
import dev.junitsandbox.probe.builtin.MemoryBandwidthProbe;
import dev.junitsandbox.probe.builtin.Probes;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fidelity of the CPU, memory bandwidth and disk I/O probes: each tool run by hand (on the host, or
 * {@code docker run --rm --runtime <runtime> <probe image> <tool ...>}), its own output read with
 * code of this class, then the probe with the same parameters right after.
 *
 * <p>By hand: sysbench's text report ({@code "events per second:"}, {@code "MiB/sec"}, the {@code
 * "50th percentile:"} it prints with {@code --percentile=50}; for memory blocks, whose p50 sysbench
 * rounds to 10 us, the median row of its printed histogram) and fio's normal JSON ({@code bw_bytes}
 * and its own {@code clat_ns.percentile["50.000000"]}), which the probe does not read.
 */
class DiskCpuMemoryBench {

  private static final long TIMEOUT_SECONDS = 180;

  private static final CpuProbe CPU = Probes.cpu();
  private static final MemoryBandwidthProbe MEMORY = Probes.memoryBandwidth();

  @Runtimes({HOST, RUNC, RUNSC})
  void sysbenchCpu(Sandbox sandbox) throws Exception {
    String out =
        byHand(
            sandbox,
            "sysbench cpu --cpu-max-prime=20000 --threads=1 --time=5 --percentile=50"
                + " --histogram=on run");
    double eventsPerSecond = number(out, "events per second:\\s*([\\d.]+)");
    double p50Millis = number(out, "50th percentile:\\s*([\\d.]+)");

    Measurement probe = sandbox.measure(CPU);

    String runtime = sandbox.runtime().id();
    FidelityTable.add(
        "sysbench cpu",
        runtime,
        "events/s",
        eventsPerSecond,
        probe.figure("eventsPerSecond").value());
    FidelityTable.add(
        "sysbench cpu", runtime, "p50 latency (ms)", p50Millis, probe.p50Nanos() / 1e6);
  }

  @Runtimes({HOST, RUNC, RUNSC})
  void sysbenchMemory(Sandbox sandbox) throws Exception {
    String out =
        byHand(
            sandbox,
            "sysbench memory --memory-block-size=1M --memory-total-size=10T --threads=1 --time=5"
                + " --histogram=on run");
    double mibPerSecond = number(out, "\\(\\s*([\\d.]+) MiB/sec\\)");
    double p50Millis = medianOfPrintedHistogram(out);

    Measurement probe = sandbox.measure(MEMORY);

    String runtime = sandbox.runtime().id();
    FidelityTable.add(
        "sysbench memory 1M", runtime, "MiB/s", mibPerSecond, probe.figure("bandwidth").value());
    FidelityTable.add(
        "sysbench memory 1M", runtime, "p50 latency (us)", p50Millis * 1e3, probe.p50Nanos() / 1e3);
  }

  @Runtimes({HOST, RUNC, RUNSC})
  void fioRandomRead64k(Sandbox sandbox) throws Exception {
    fio(sandbox, "randread", Probes.diskIo(RANDOM_READ, Probes.kib(64)));
  }

  @Runtimes({HOST, RUNC, RUNSC})
  void fioSequentialWrite64k(Sandbox sandbox) throws Exception {
    fio(sandbox, "write", Probes.diskIo(SEQUENTIAL_WRITE, Probes.kib(64)));
  }

  private static void fio(Sandbox sandbox, String rw, DiskIoProbe probe) throws Exception {
    boolean onHost = sandbox.runtime().isHost();
    Path hostDir = onHost ? Files.createTempDirectory("fidelity-fio-") : null;
    String file = onHost ? hostDir.resolve("fio.dat").toString() : "/var/tmp/fidelity-fio.dat";
    JsonNode job;
    try {
      String out =
          byHand(
              sandbox,
              "fio --name=fidelity --filename="
                  + file
                  + " --rw="
                  + rw
                  + " --bs=64k --size=256m --direct=1 --ioengine=psync --time_based"
                  + " --ramp_time=1 --runtime=3 --overwrite=1 --unlink=1 --output-format=json");
      job = new ObjectMapper().readTree(out.substring(out.indexOf('{'))).path("jobs").path(0);
    } finally {
      if (hostDir != null) {
        deleteRecursively(hostDir);
      }
    }
    JsonNode io = job.path(rw.contains("read") ? "read" : "write");
    double mibPerSecond = io.path("bw_bytes").asDouble() / (1024 * 1024);
    double p50Micros = io.path("clat_ns").path("percentile").path("50.000000").asDouble() / 1e3;

    Measurement measured = sandbox.measure(probe);

    String runtime = sandbox.runtime().id();
    String name = "fio " + rw + " 64k";
    FidelityTable.add(name, runtime, "MiB/s", mibPerSecond, measured.figure("bandwidth").value());
    FidelityTable.add(name, runtime, "p50 latency (us)", p50Micros, measured.p50Nanos() / 1e3);
  }

  /**
   * Runs {@code command} (split at spaces) where a person would: on the host, or in a fresh
   * container of the probe image under the sandbox's runtime.
   */
  private static String byHand(Sandbox sandbox, String command) throws Exception {
    List<String> argv = new ArrayList<>();
    String container = null;
    if (!sandbox.runtime().isHost()) {
      container = "junit-sandbox-fidelity-" + UUID.randomUUID().toString().substring(0, 8);
      argv.addAll(
          List.of(
              "docker",
              "run",
              "--rm",
              "--name",
              container,
              "--label",
              "dev.junitsandbox=probe",
              "--runtime",
              sandbox.runtime().dockerName().orElseThrow(),
              probeImage()));
    }
    argv.addAll(List.of(command.split(" ")));
    try {
      return run(argv);
    } finally {
      if (container != null) {
        run(List.of("sh", "-c", "docker rm -f " + container + " >/dev/null 2>&1 || true"));
      }
    }
  }

  /** The probe image as {@code docker images} lists it, newest first. */
  private static String probeImage() throws Exception {
    String images =
        run(
            List.of(
                "docker", "images", "junit-sandbox/probe", "--format", "{{.Repository}}:{{.Tag}}"));
    return images
        .lines()
        .filter(line -> !line.endsWith(":<none>"))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "No junit-sandbox/probe image; run runtimes/setup.sh or any probe first"));
  }

  private static String run(List<String> argv) throws Exception {
    Path out = Files.createTempFile("fidelity-", ".out");
    try {
      Process process =
          new ProcessBuilder(argv)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException(String.join(" ", argv) + " did not finish in time");
      }
      String output = Files.readString(out, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", argv) + " exited with " + process.exitValue() + ":\n" + output);
      }
      return output;
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static double number(String output, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(output);
    if (!matcher.find()) {
      throw new IllegalStateException("No match for " + regex + " in:\n" + output);
    }
    return Double.parseDouble(matcher.group(1));
  }

  /** The value of the row where the printed histogram's counts pass half of their total, in ms. */
  private static double medianOfPrintedHistogram(String output) {
    Pattern row = Pattern.compile("^\\s*([\\d.]+) \\|\\**\\s+(\\d+)$", Pattern.MULTILINE);
    List<double[]> rows = new ArrayList<>();
    Matcher matcher = row.matcher(output);
    while (matcher.find()) {
      rows.add(
          new double[] {Double.parseDouble(matcher.group(1)), Long.parseLong(matcher.group(2))});
    }
    double total = rows.stream().mapToDouble(r -> r[1]).sum();
    double seen = 0;
    for (double[] r : rows) {
      seen += r[1];
      if (seen >= total / 2) {
        return r[0];
      }
    }
    throw new IllegalStateException("No histogram rows in:\n" + output);
  }

  private static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
