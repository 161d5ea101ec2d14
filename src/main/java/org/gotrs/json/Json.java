package org.gotrs.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.OutputStream;

/** The one JSON mapper: records in camelCase become snake_case JSON, times ISO-8601. */
public final class Json {

  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new io.vertx.core.json.jackson.VertxModule())
      .addModule(new JavaTimeModule())
      .addModule(new BlackbirdModule())
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
      .build();

  private static final int INITIAL_BUFFER = 4_096;
  /** The most a buffer is allocated at the start, whatever the last value of the type needed. */
  private static final int MOST_PRESIZED = 1 << 20;
  /**
   * Per type, how long its JSON was the last time: the next buffer for it starts that large, where one starting at
   * 4 KB and doubling allocated 124 KB for a 48 KB list page. Kept without locks: it is a hint, and a lost
   * update costs a buffer grown once.
   */
  private static final ClassValue<int[]> LAST_LENGTH = new ClassValue<>() {
    @Override
    protected int[] computeValue(Class<?> type) {
      return new int[] {INITIAL_BUFFER};
    }
  };

  private Json() {}

  /**
   * The value as JSON, written straight into the buffer the response sends (writing it to a byte array first copied
   * a list page three times over: a fifth of what a queue page allocated).
   */
  public static Buffer encode(Object value) {
    int[] lastLength = LAST_LENGTH.get(value.getClass());
    Buffer buffer = Buffer.buffer(Math.min(lastLength[0] + lastLength[0] / 8, MOST_PRESIZED));
    try {
      MAPPER.writeValue(new OutputStream() {
        @Override
        public void write(int b) {
          buffer.appendByte((byte) b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
          buffer.appendBytes(bytes, offset, length);
        }
      }, value);
      lastLength[0] = buffer.length();
      return buffer;
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
    }
  }

  public static String encodeToString(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
    }
  }
}
