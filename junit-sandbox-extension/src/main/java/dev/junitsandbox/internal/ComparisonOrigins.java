package dev.junitsandbox.internal;

import dev.junitsandbox.compare.Comparison;
import dev.junitsandbox.gate.GateResult;
import dev.junitsandbox.gate.GateRule;
import dev.junitsandbox.report.RuntimeDescription;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Where each comparison a {@link dev.junitsandbox.Sandbox} took in this JVM came from: its run's
 * gate rule, both sides' runtimes as the daemon registered them, and the invocation report its gate
 * verdicts go into. The gate ({@link dev.junitsandbox.gate.Gate}) and its assertion are reached
 * with the comparison alone, from static methods with no extension context, so this is the one way
 * from a comparison back to its run.
 *
 * <p>Keys are held weakly: once a test drops its comparison, the entry goes with it, and with it
 * the reference to the invocation's report.
 */
public final class ComparisonOrigins {

  // WeakHashMap compares keys by equals; two comparisons equal in every trial and start time are
  // the same evidence, so sharing an origin would do no harm
  private static final Map<Comparison, Origin> ORIGINS =
      Collections.synchronizedMap(new WeakHashMap<>());

  private ComparisonOrigins() {}

  /**
   * Where a comparison came from.
   *
   * @param rule the gate rule its run configured ({@code junit.sandbox.gate.*})
   * @param candidate describes side A's runtime (asked lazily: describing may ask the daemon)
   * @param reference describes side B's runtime
   * @param record writes a gate's result on the comparison into its invocation's report; it is
   *     given the comparison rather than holding it, so that the weakly held key is not also held
   *     strongly by its own value (which would keep every entry, and its report, for good)
   */
  public record Origin(
      GateRule rule,
      Supplier<RuntimeDescription> candidate,
      Supplier<RuntimeDescription> reference,
      BiConsumer<Comparison, GateResult> record) {

    public Origin {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(candidate, "candidate");
      Objects.requireNonNull(reference, "reference");
      Objects.requireNonNull(record, "record");
    }
  }

  static void register(Comparison comparison, Origin origin) {
    ORIGINS.put(Objects.requireNonNull(comparison), Objects.requireNonNull(origin));
  }

  /** The origin of {@code comparison}; empty if no sandbox of this JVM took it. */
  public static Optional<Origin> of(Comparison comparison) {
    return Optional.ofNullable(ORIGINS.get(comparison));
  }
}
