package org.gotrs.health;

/** Whether the schema is migrated and the server may serve the API; shared by all HTTP verticles. */
public final class Readiness {

  private volatile boolean migrated;

  public boolean migrated() {
    return migrated;
  }

  public void markMigrated() {
    migrated = true;
  }
}
