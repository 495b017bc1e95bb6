package dev.junitsandbox.internal.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * The one Jackson configuration the report records are read and written with: null fields left out,
 * unknown fields ignored (a later version may add fields within a schema), instants as ISO-8601
 * strings.
 */
public final class ResultJson {

  /** The mapper; its configuration must not be changed. */
  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(
              new SimpleModule("junit-sandbox-instants")
                  .addSerializer(Instant.class, new InstantSerializer())
                  .addDeserializer(Instant.class, new InstantDeserializer()))
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ResultJson() {}

  /**
   * Reads one {@code type} from {@code in}, which stays open.
   *
   * @throws UncheckedIOException if it is not JSON
   * @throws IllegalArgumentException if a record refuses a value; the message names it
   */
  public static <T> T read(InputStream in, Class<T> type) {
    try {
      return MAPPER.readerFor(type).without(JsonParser.Feature.AUTO_CLOSE_SOURCE).readValue(in);
    } catch (JsonMappingException e) {
      throw invalid(e, type);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + type.getSimpleName() + ": " + e, e);
    }
  }

  /**
   * Converts a JSON tree into {@code type}.
   *
   * @throws IllegalArgumentException if a record refuses a value; the message names it
   */
  public static <T> T convert(JsonNode node, Class<T> type) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (JsonMappingException e) {
      throw invalid(e, type);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + type.getSimpleName() + ": " + e, e);
    }
  }

  private static IllegalArgumentException invalid(JsonMappingException e, Class<?> type) {
    // a record's own message (the value, the rule) says more than Jackson's wrapper
    Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
    return new IllegalArgumentException(
        String.format(
            "Not a valid %s at %s: %s",
            type.getSimpleName(), e.getPathReference(), cause.getMessage()),
        e);
  }

  private static final class InstantSerializer extends StdSerializer<Instant> {
    InstantSerializer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator out, SerializerProvider provider)
        throws IOException {
      out.writeString(value.toString());
    }
  }

  private static final class InstantDeserializer extends StdDeserializer<Instant> {
    InstantDeserializer() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser in, DeserializationContext context) throws IOException {
      String text = in.getValueAsString();
      try {
        return Instant.parse(text);
      } catch (DateTimeException | NullPointerException e) {
        return (Instant)
            context.handleWeirdStringValue(
                Instant.class, text, "not an ISO-8601 instant such as 2026-11-22T13:02:44Z");
      }
    }
  }
}
