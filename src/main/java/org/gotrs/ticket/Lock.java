package org.gotrs.ticket;

/** A ticket's lock ({@code ticket_lock_type}, seeded by db/V2): whether its owner holds it against others. */
public enum Lock {
  UNLOCKED(1),
  LOCKED(2),
  TEMPORARILY_LOCKED(3);

  private final int id;

  Lock(int id) {
    this.id = id;
  }

  /** The row's id in {@code ticket_lock_type}. */
  public int id() {
    return id;
  }

  /** The lock with that id, or null for an id not seeded. */
  public static Lock of(int id) {
    for (Lock lock : values()) {
      if (lock.id == id) {
        return lock;
      }
    }
    return null;
  }
}
