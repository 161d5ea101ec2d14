package org.gotrs.link;

/** How the ticket in the path relates to the other, as the API names it; OTRS stores Normal or ParentChild. */
enum LinkType {
  NORMAL("normal"),
  /** The ticket in the path is the parent of the other. */
  PARENT("parent"),
  /** The ticket in the path is a child of the other. */
  CHILD("child");

  final String wire;

  LinkType(String wire) {
    this.wire = wire;
  }

  static LinkType of(String wire) {
    for (LinkType type : values()) {
      if (type.wire.equals(wire)) {
        return type;
      }
    }
    return null;
  }

  String otrsType() {
    return this == NORMAL ? "Normal" : "ParentChild";
  }
}
