package dev.junitsandbox.fidelity;

import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.ContainerRuntime.RUNSC;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.builtin.MemoryFootprintProbe;
import dev.junitsandbox.probe.builtin.Probes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Memory footprint by hand against the footprint probe. By hand: start the same number of idle
 * containers with {@code docker run -d --runtime <rt> <probe image> sleep infinity}, wait as long
 * as the probe settles, find each container's shim with {@code pgrep -f "-id <id>"}, its
 * descendants with {@code ps} and {@code awk}, and sum {@code Pss} and {@code Private_Dirty} of
 * their {@code /proc/<pid>/smaps_rollup} with {@code awk}. Then the probe, with its own containers,
 * right after. The two runs measure different containers of the same kind: their means should
 * agree, their single containers need not.
 */
class FootprintBench {

  private static final int CONTAINERS = 20;
  private static final MemoryFootprintProbe FOOTPRINT =
      Probes.memoryFootprint().containers(CONTAINERS).settle(Duration.ofSeconds(2));

  private static final String SCRIPT =
      """
      img=$1; rt=$2; n=$3; prefix=$4
      for i in $(seq "$n"); do
        docker run -d --name "$prefix$i" --label dev.junitsandbox=probe --runtime "$rt" \
          "$img" sleep infinity > /dev/null
      done
      sleep 2
      for i in $(seq "$n"); do
        id=$(docker inspect --format '{{.Id}}' "$prefix$i")
        shim=$(pgrep -f -- "-id $id")
        pids=$(ps -eo pid=,ppid= | awk -v root="$shim" '
          { parent[$1] = $2 }
          END { for (p in parent) { q = p; while (q > 0) { if (q == root) { print p; break }
                                                           q = parent[q] } } }')
        for p in $pids; do cat "/proc/$p/smaps_rollup"; done \
          | awk -v id="$id" -v count="$(echo $pids | wc -w)" '
              /^Pss:/ { pss += $2 } /^Private_Dirty:/ { dirty += $2 }
              END { print id, count, dirty, pss }'
      done
      """;

  @Runtimes({RUNC, RUNSC})
  void idleSandbox(Sandbox sandbox) {
    String runtime = sandbox.runtime().id();
    String prefix = "fidelity-footprint-" + ProcessHandle.current().pid() + "-";
    String output;
    try {
      output =
          ByHand.bash(
              Duration.ofMinutes(3),
              SCRIPT,
              ByHand.probeImage(),
              sandbox.runtime().dockerName().orElseThrow(),
              Integer.toString(CONTAINERS),
              prefix);
    } finally {
      ByHand.removeContainersNamed(prefix);
    }
    List<Double> dirtyMib = new ArrayList<>();
    List<Double> pssMib = new ArrayList<>();
    List<Double> processes = new ArrayList<>();
    for (String line : output.strip().split("\n")) {
      String[] fields = line.strip().split("\\s+"); // id, processes, Private_Dirty kB, Pss kB
      processes.add(Double.parseDouble(fields[1]));
      dirtyMib.add(Long.parseLong(fields[2]) / 1024.0);
      pssMib.add(Long.parseLong(fields[3]) / 1024.0);
    }
    if (dirtyMib.size() != CONTAINERS) {
      throw new IllegalStateException(
          "by hand: expected " + CONTAINERS + " containers, got:\n" + output);
    }

    Measurement probe = sandbox.measure(FOOTPRINT);

    FidelityTable.add(
        "memory footprint: private dirty per sandbox",
        runtime,
        "mean (MiB)",
        mean(dirtyMib),
        probe.figure("privateDirty").value());
    FidelityTable.add(
        "memory footprint: PSS per sandbox",
        runtime,
        "mean (MiB)",
        mean(pssMib),
        probe.figure("pss").value());
    FidelityTable.add(
        "memory footprint: processes per sandbox",
        runtime,
        "mean",
        mean(processes),
        probe.figure("processesPerSandbox").value());
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }
}
