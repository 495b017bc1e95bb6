package dev.junitsandbox.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimeOrderTests {

  @Test
  void listsTheHostFirstThenTheWellKnownRuntimesInTheirOrderThenOthersById() {
    // GIVEN report columns in no order, with a version-named gVisor build
    List<String> ids =
        new ArrayList<>(
            List.of(
                "runsc-20221219",
                "kata-fc",
                "runsc-kvm",
                "runsc-ptrace",
                "runc",
                "host",
                "crun",
                "runsc"));

    // WHEN
    ids.sort(RuntimeOrder.HOST_FIRST);

    // THEN the ptrace variant sits next to runsc, before the KVM-based runtimes
    assertThat(ids)
        .containsExactly(
            "host",
            "runc",
            "crun",
            "runsc",
            "runsc-ptrace",
            "runsc-kvm",
            "kata-fc",
            "runsc-20221219");
  }
}
