package org.gotrs.link;

import java.time.Instant;

/**
 * A link as one of its tickets shows it: the other ticket, and the type from this side ({@code normal}, or
 * {@code parent} / {@code child} when the other ticket is this one's parent / child).
 */
public record TicketLink(long ticketId, String tn, String title, String state, String type, Instant createTime) {}
