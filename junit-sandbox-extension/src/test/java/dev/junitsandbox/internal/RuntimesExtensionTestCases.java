package dev.junitsandbox.internal;

import static dev.junitsandbox.ContainerRuntime.CRUN;
import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.KATA_FC;
import static dev.junitsandbox.ContainerRuntime.RUNC;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.DisplayName;

/** Fixtures for {@link RuntimesExtensionTests}, run only through EngineTestKit. */
class RuntimesExtensionTestCases {

  /** A runtime name no daemon has. */
  static final String MISSING_RUNTIME = "junit-sandbox-no-such-runtime";

  @Fixture
  static class HostAndRunc {
    @Runtimes({HOST, RUNC})
    void noop() {}
  }

  @Fixture
  static class WithDisplayName {
    @Runtimes(HOST)
    @DisplayName("host baseline")
    void named() {}
  }

  @Fixture
  static class MissingRuntime {
    @Runtimes(value = HOST, names = MISSING_RUNTIME)
    void noop() {}
  }

  @Fixture
  static class KataFirecracker {
    @Runtimes(KATA_FC)
    void onKata() {}
  }

  @Fixture
  static class CrunOnRunc {
    @Runtimes(CRUN)
    void onCrun(RuntimeUnderTest runtime) {
      assertThat(runtime.id()).isEqualTo("crun");
      assertThat(runtime.dockerName()).hasValue("runc");
    }
  }

  @Fixture
  static class EmptyRuntimes {
    @Runtimes
    void noop() {}
  }

  @Fixture
  static class InvalidName {
    @Runtimes(names = "not a name!")
    void noop() {}
  }

  @Fixture
  static class DuplicateRuntime {
    @Runtimes(value = RUNC, names = "runc")
    void noop() {}
  }

  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @Runtimes({HOST, RUNC})
  @interface OnHostAndRunc {}

  @Fixture
  static class MetaAnnotated {
    @OnHostAndRunc
    void noop() {}
  }

  @Fixture
  static class HostSandbox {
    @Runtimes(HOST)
    void host(Sandbox sandbox) {
      assertThat(sandbox.runtime().isHost()).isTrue();
      assertThat(sandbox.runtime().dockerName()).isEmpty();
    }
  }
}
