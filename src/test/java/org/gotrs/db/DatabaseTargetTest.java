package org.gotrs.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DatabaseTargetTest {

  private final DatabaseTarget target = DatabaseTarget.fromUrl("postgresql://gotrs:secret@db.example:5433/desk");

  @Test
  @DisplayName("a postgresql:// URL gives the client's options and the JDBC form")
  void parsesTheUrl() {
    assertEquals("db.example", target.connectOptions().getHost());
    assertEquals(5433, target.connectOptions().getPort());
    assertEquals("jdbc:postgresql://db.example:5433/desk", target.jdbcUrl());
    assertEquals("postgresql://gotrs:secret@db.example:5433/desk", target.url());
  }

  @Test
  @DisplayName("statements are kept prepared, except those planned per call and very long ones")
  void keepsStatementsPrepared() {
    var cached = target.connectOptions().getPreparedStatementCacheSqlFilter();
    assertTrue(cached.test("SELECT * FROM ticket WHERE id = $1"));
    assertFalse(cached.test(DatabaseTarget.PLANNED_PER_CALL + "SELECT * FROM ticket_search WHERE document @@ $1"));
    assertFalse(cached.test("SELECT " + "1, ".repeat(10_000) + "1"));
  }
}
