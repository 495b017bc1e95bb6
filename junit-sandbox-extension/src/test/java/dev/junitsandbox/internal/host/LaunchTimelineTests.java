package dev.junitsandbox.internal.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitsandbox.probe.LaunchPhases;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LaunchTimelineTests {

  @Test
  void phasesSumToLaunchToReady() {
    // GIVEN nanoTime readings: create 0..40, start sent at 50, returned at 300
    LaunchTimeline timeline = new LaunchTimeline(0, 40, 50, 300);

    // WHEN ready came at 320
    LaunchPhases phases = timeline.phasesUntil(320);

    // THEN the attach between create and start (40..50) is not counted
    assertThat(phases.create()).isEqualTo(Duration.ofNanos(40));
    assertThat(phases.start()).isEqualTo(Duration.ofNanos(250));
    assertThat(phases.afterStart()).isEqualTo(Duration.ofNanos(20));
    assertThat(phases.total()).isEqualTo(Duration.ofNanos(310));
  }

  @Test
  void outputBeforeStartReturnsEndsTheStartPhase() {
    // GIVEN the line arrived (at 280) before the start call returned (at 300), as under runc
    LaunchPhases phases = new LaunchTimeline(0, 40, 50, 300).phasesUntil(280);

    assertThat(phases.start()).isEqualTo(Duration.ofNanos(230));
    assertThat(phases.afterStart()).isZero();
    assertThat(phases.total()).isEqualTo(Duration.ofNanos(270));
  }

  @Test
  void aProcessHasNoCreatePhase() {
    LaunchPhases phases = LaunchTimeline.ofProcess(100, 160).phasesUntil(200);

    assertThat(phases.create()).isZero();
    assertThat(phases.start()).isEqualTo(Duration.ofNanos(60));
    assertThat(phases.afterStart()).isEqualTo(Duration.ofNanos(40));
  }

  @Test
  void anEndPointBeforeTheStartCallIsRejected() {
    // GIVEN the start call was sent at 50
    LaunchTimeline timeline = new LaunchTimeline(0, 40, 50, 300);

    // WHEN / THEN a moment taken before it cannot be the launch's end
    assertThatThrownBy(() -> timeline.phasesUntil(45))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the end point must come after the start call was sent, but was 5 ns before it; take"
                + " it with System.nanoTime() once the launch has begun");
  }
}
