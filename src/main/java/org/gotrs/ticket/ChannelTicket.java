package org.gotrs.ticket;

import java.util.UUID;
import org.gotrs.article.ArticleDraft;

/**
 * A ticket a channel opens on someone's behalf (see {@link TicketService#open}).
 *
 * @param queue a queue name; null = the configured default queue
 * @param customerUserId the customer user it belongs to, when known
 * @param source the channel, e.g. {@code chat}
 */
public record ChannelTicket(String title, String queue, UUID customerUserId, String source, ArticleDraft article) {}
