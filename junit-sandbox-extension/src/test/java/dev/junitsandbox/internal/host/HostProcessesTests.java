package dev.junitsandbox.internal.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitsandbox.internal.host.HostProcesses.Entry;
import dev.junitsandbox.probe.HostProcess;
import dev.junitsandbox.probe.ProbeException;
import dev.junitsandbox.probe.ProcessMemory;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The process table and memory maps as read here: {@code proc-snapshot} is a copy of this machine's
 * {@code /proc} entries (stat, cmdline, smaps_rollup) for two idle gVisor containers, one idle runc
 * container, dockerd and containerd, taken with Docker 20.10 and containerd 1.6.
 */
public class HostProcessesTests {

  public static final String RUNSC_1 =
      "0403d598f5009d7b0a1dd8abc57376e298f64286459e3c4b5f7754a6a490b668";
  public static final String RUNSC_2 =
      "584d0bd09794c0d4f1050db9ef7ae55959523ea71b7552ce85accb6b9078181d";
  static final String RUNC = "d4ca8901b065729009a54dcdde4a935861f2313fdf04e3d4cc1bf995706e6bc6";

  public static HostProcesses snapshot() {
    return HostProcesses.read(resource("proc-snapshot"));
  }

  static Path resource(String name) {
    try {
      return Path.of(Objects.requireNonNull(HostProcessesTests.class.getResource(name)).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void findsTheShimThatNamesTheContainer() {
    Entry shim = snapshot().shimOf(RUNSC_1).orElseThrow();

    assertThat(shim.pid()).isEqualTo(32592);
    assertThat(shim.name()).isEqualTo("containerd-shim-runc-v2");
    assertThat(shim.comm()).isEqualTo("containerd-shim");
    assertThat(shim.commandLine()).containsSequence("-id", RUNSC_1);
  }

  @Test
  void aGvisorSandboxIsItsShimGoferSentryAndPtraceStubs() {
    HostProcesses processes = snapshot();

    List<Entry> tree = processes.treeOf(processes.shimOf(RUNSC_2).orElseThrow().pid());

    assertThat(tree).extracting(Entry::pid).containsExactly(32699L, 32717L, 32718L, 32741L, 316L);
    assertThat(tree)
        .extracting(Entry::name)
        .containsExactly("containerd-shim-runc-v2", "runsc-gofer", "runsc-sandbox", "exe", "exe");
  }

  @Test
  void aRuncSandboxIsItsShimAndTheContainersProcess() {
    HostProcesses processes = snapshot();

    List<Entry> tree = processes.treeOf(processes.shimOf(RUNC).orElseThrow().pid());

    assertThat(tree).extracting(Entry::name).containsExactly("containerd-shim-runc-v2", "sleep");
    assertThat(tree.get(1).commandLine()).containsExactly("sleep", "infinity");
  }

  @Test
  void sandboxesShareNoProcessAndLeaveTheDaemonsOut() {
    HostProcesses processes = snapshot();

    List<Long> first = pids(processes, RUNSC_1);
    List<Long> second = pids(processes, RUNSC_2);

    assertThat(first).doesNotContainAnyElementsOf(second);
    assertThat(first).doesNotContain(1945L, 1961L); // dockerd, containerd
  }

  @Test
  void aContainerWithoutAShimIsNotFound() {
    assertThat(snapshot().shimOf("0123456789ab")).isEmpty();
    assertThat(snapshot().shimOf(RUNC.substring(0, 12))).isEmpty();
  }

  @Test
  void aSandboxIsItsShimAndDescendantsAsProbesSeeThem() {
    List<HostProcess> sandbox = snapshot().sandboxOf(RUNC);

    assertThat(sandbox)
        .extracting(HostProcess::name)
        .containsExactly("containerd-shim-runc-v2", "sleep");
    assertThat(sandbox.get(1).commandLine()).containsExactly("sleep", "infinity");
    assertThat(sandbox.get(0).pid()).isEqualTo(snapshot().shimOf(RUNC).orElseThrow().pid());
  }

  @Test
  void aSandboxWithoutAShimOnThisHostIsNamedWithTheFix() {
    assertThatThrownBy(() -> snapshot().sandboxOf("feedbeef"))
        .isInstanceOf(ProbeException.class)
        .hasMessage(
            "No containerd shim in the host's process table names container feedbeef; the JVM"
                + " must run on the Docker host itself (not against a remote DOCKER_HOST), in its"
                + " PID namespace");
  }

  @Test
  void readsTheVersionOneShimsWorkdirToo() {
    // GIVEN the command line containerd's v1 shim (io.containerd.runtime.v1.linux) runs with
    String v1 =
        "containerd-shim\0-namespace\0moby\0-workdir\0"
            + "/var/lib/docker/containerd/daemon/io.containerd.runtime.v1.linux/moby/"
            + RUNC
            + "\0-address\0/var/run/docker/containerd/containerd.sock\0";

    Entry shim = HostProcesses.parse(77, "77 (containerd-shim) S 1 77 77 0", bytes(v1));

    assertThat(shim.isShimOf(RUNC)).isTrue();
    assertThat(shim.isShimOf(RUNSC_1)).isFalse();
  }

  @Test
  void parsesACommWithSpacesAndParentheses() {
    Entry process = HostProcesses.parse(9, "9 (a (b) c) S 4 9 9 0 -1", new byte[0]);

    assertThat(process.comm()).isEqualTo("a (b) c");
    assertThat(process.parentPid()).isEqualTo(4);
    assertThat(process.name()).isEqualTo("a (b) c");
  }

  @Test
  void namesTheFileWhenStatCannotBeParsed() {
    assertThatThrownBy(() -> HostProcesses.parse(9, "9 sleep S", new byte[0]))
        .isInstanceOf(ProbeException.class)
        .hasMessage(
            "Cannot parse /proc/9/stat: expected 'pid (comm) state ppid ...', but it was: 9 sleep"
                + " S");
  }

  @Test
  void readsPssAndPrivateDirtyFromSmapsRollup() throws IOException {
    String rollup = Files.readString(resource("proc-snapshot").resolve("32620/smaps_rollup"));

    ProcessMemory sentry = HostProcesses.parseMemory("smaps_rollup", rollup);

    assertThat(sentry).isEqualTo(new ProcessMemory(7833, 5336));
  }

  @Test
  void sumsEveryMappingOfSmaps() throws IOException {
    // GIVEN the full smaps of runc's idle 'sleep infinity', one block per mapping
    String smaps = Files.readString(resource("smaps-sleep.txt"));

    ProcessMemory sleep = HostProcesses.parseMemory("smaps", smaps);

    // THEN the same sums as awk '/^Pss:/ {p += $2} /^Private_Dirty:/ {d += $2}'
    assertThat(sleep).isEqualTo(awkSums(smaps));
    assertThat(sleep.privateDirtyKib()).isPositive();
  }

  @Test
  void readsMemoryOfEveryProcessInTheSnapshot() {
    HostProcesses processes = snapshot();

    assertThat(processes.all().values())
        .allSatisfy(p -> assertThat(processes.memoryOf(p.pid())).isPresent());
    assertThat(processes.memoryOf(32639L))
        .contains(new ProcessMemory(1, 0)); // a ptrace stub maps next to nothing
  }

  @Test
  void aMissingFieldIsNamedWithTheText() {
    assertThatThrownBy(
            () -> HostProcesses.parseMemory("/proc/5/smaps_rollup", "Rss: 12 kB\nPss: 3 kB\n"))
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining(
            "Cannot parse /proc/5/smaps_rollup: expected lines 'Pss: <n> kB' and 'Private_Dirty:"
                + " <n> kB', but it was:")
        .hasMessageEndingWith("Rss: 12 kB\nPss: 3 kB");
  }

  @Test
  void anEmptyMapIsNothing() {
    assertThat(HostProcesses.parseMemory("smaps_rollup", "")).isEqualTo(ProcessMemory.NONE);
  }

  @Test
  void readsThisHostsProcessTable() {
    HostProcesses live = HostProcesses.read(HostProcesses.PROC);

    assertThat(live.all()).containsKey(ProcessHandle.current().pid());
    assertThat(live.all().get(ProcessHandle.current().pid()).name()).isEqualTo("java");
  }

  private static List<Long> pids(HostProcesses processes, String containerId) {
    return processes.treeOf(processes.shimOf(containerId).orElseThrow().pid()).stream()
        .map(Entry::pid)
        .toList();
  }

  private static ProcessMemory awkSums(String smaps) {
    long pss = 0;
    long dirty = 0;
    for (String line : smaps.lines().toList()) {
      String[] fields = line.split("\\s+");
      if (fields[0].equals("Pss:")) {
        pss += Long.parseLong(fields[1]);
      } else if (fields[0].equals("Private_Dirty:")) {
        dirty += Long.parseLong(fields[1]);
      }
    }
    return new ProcessMemory(pss, dirty);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
