package org.gotrs.lookup;

/** The kinds of ticket state ({@code ticket_state_type}, seeded by db/V2): what a state means, whatever it is named. */
public enum StateType {
  NEW(1, "new"),
  OPEN(2, "open"),
  PENDING(3, "pending"),
  CLOSED(4, "closed"),
  REMOVED(5, "removed"),
  MERGED(6, "merged");

  private final int id;
  private final String wire;

  StateType(int id, String wire) {
    this.id = id;
    this.wire = wire;
  }

  /** The row's id in {@code ticket_state_type}. */
  public int id() {
    return id;
  }

  /** The type's name, as the API and the events show it. */
  public String wire() {
    return wire;
  }

  /** The type with that id, or null for an id not seeded. */
  public static StateType of(int id) {
    for (StateType type : values()) {
      if (type.id == id) {
        return type;
      }
    }
    return null;
  }

  /** The name of the type with that id, or null. */
  public static String nameOf(int id) {
    StateType type = of(id);
    return type == null ? null : type.wire;
  }

  /** Whether tickets of this type are still being worked on (new, open, pending). */
  public boolean isOpen() {
    return this == NEW || this == OPEN || this == PENDING;
  }
}
