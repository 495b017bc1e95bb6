package dev.junitsandbox.internal.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import dev.junitsandbox.internal.host.OutputLines;
import java.nio.charset.StandardCharsets;

/** The attached output stream of a launched container, handed to {@link OutputLines}. */
final class OutputAttachment extends ResultCallback.Adapter<Frame> {

  private final OutputLines output;

  OutputAttachment(OutputLines output) {
    this.output = output;
  }

  @Override
  public void onNext(Frame frame) {
    output.append(new String(frame.getPayload(), StandardCharsets.UTF_8), System.nanoTime());
  }

  @Override
  public void onComplete() {
    super.onComplete();
    output.end(null);
  }

  @Override
  public void onError(Throwable throwable) {
    output.end(throwable);
    super.onError(throwable);
  }

  /** Closes the stream; never throws. */
  @Override
  public void close() {
    try {
      super.close();
    } catch (Exception ignored) {
      // the container is removed next, which ends the stream anyway
    }
  }
}
