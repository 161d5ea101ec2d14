package org.gotrs.foundation;

import org.gotrs.testing.Scratch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gotrs.config.Config;
import org.gotrs.config.ConfigLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConfigTest {

  @Test
  @DisplayName("defaults come from conf/gotrs.json")
  void defaults() {
    Config config = ConfigLoader.load(null, Map.of());
    assertEquals("0.0.0.0", config.http().host());
    assertEquals(8080, config.http().port());
    assertTrue(config.db().embedded());
    assertFalse(config.cluster().enabled());
    assertEquals("10", config.systemId());
  }

  @Test
  @DisplayName("a --conf file overrides the defaults and the environment overrides both")
  void layersOverrideInOrder() throws Exception {
    Path file = Scratch.file("conf", ".json");
    Files.writeString(file, "{\"http\":{\"port\":9000},\"system_id\":\"42\"}");
    Config config = ConfigLoader.load(file, Map.of("GOTRS_HTTP_PORT", "9100", "GOTRS_CLUSTER", "true",
        "GOTRS_DB_URL", "postgresql://u:p@db:5433/gotrs"));
    assertEquals(9100, config.http().port());
    assertEquals("42", config.systemId());
    assertEquals("0.0.0.0", config.http().host(), "untouched keys keep their default");
    assertTrue(config.cluster().enabled());
    assertFalse(config.db().embedded());
  }

  @Test
  @DisplayName("a malformed value is a clear error")
  void malformedValueIsRejected() {
    var error = assertThrows(IllegalArgumentException.class,
        () -> ConfigLoader.load(null, Map.of("GOTRS_HTTP_PORT", "eighty")));
    assertTrue(error.getMessage().startsWith("invalid configuration"));
  }
}
