package org.gotrs.watcher;

import java.time.Instant;
import java.util.UUID;

/** An agent who follows a ticket. */
public record Watcher(UUID userId, String login, String name, Instant since) {}
