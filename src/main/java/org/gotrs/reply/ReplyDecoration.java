package org.gotrs.reply;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import org.gotrs.article.body.ArticleBody;
import org.gotrs.permission.Actor;

/**
 * What goes around the text of an agent's e-mail before it is written: the queue's salutation above it and its
 * signature below it, in the reply's transaction. A request with {@code "decorate": false} is sent as written.
 */
@FunctionalInterface
public interface ReplyDecoration {

  /** Adds nothing: the text goes out as the agent wrote it. */
  ReplyDecoration NONE = (tx, ticketId, actor, body) -> Future.succeededFuture(body);

  Future<ArticleBody> decorate(SqlClient tx, long ticketId, Actor actor, ArticleBody body);
}
