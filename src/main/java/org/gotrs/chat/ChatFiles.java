package org.gotrs.chat;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.sqlclient.Pool;
import java.util.List;
import org.gotrs.article.ArticleDraft;
import org.gotrs.attachment.AttachmentService;
import org.gotrs.attachment.AttachmentStore;
import org.gotrs.attachment.ReceivedFile;
import org.gotrs.attachment.ReceivedUpload;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;

/**
 * Files in a chat, both ways. An upload streams in within {@code chat.max_file_bytes} (413 before anything is
 * stored), must be of one of {@code chat.file_types} (415), and becomes the attachments of a new chat article, which
 * reaches the other side as a {@code chat.message} carrying them. The visitor proves the chat is theirs with its
 * resume token and reaches only its own chat's files; agents go by the chat's queue like every other chat call.
 */
final class ChatFiles {

  /** Who sends or fetches a file: an agent (no token), or the visitor holding the chat's resume token. */
  record Side(Actor actor, String chatToken) {
    boolean visitor() {
      return chatToken != null;
    }
  }

  private final Pool pool;
  private final ChatStore store = new ChatStore();
  private final ChatDesk desk;
  private final ChatTranscript transcript;
  private final AttachmentService attachments;
  private final ChatService chats;
  private final ResumeTokens tokens = new ResumeTokens();

  ChatFiles(Pool pool, ChatDesk desk, ChatService chats, AttachmentService attachments) {
    this.pool = pool;
    this.desk = desk;
    this.transcript = chats.transcript();
    this.attachments = attachments;
    this.chats = chats;
  }

  /** Answers, before the body is read, whether this side may send files in the chat now. */
  Future<Chat> requireMaySend(Side side, long chatId) {
    return side.visitor() ? visitorsChat(side, chatId).compose(ChatFiles::requireOpen)
        : desk.visible(side.actor().principal(), chatId, "note")
            .compose(chat -> ChatDesk.requireTalking(side.actor().principal(), chat));
  }

  Future<ReceivedUpload> receive(HttpServerRequest request) {
    return attachments.receive(request, chats.config().maxFileBytes());
  }

  /** Stores the files as one message of this side in the chat, locked; the temp files are gone either way. */
  Future<ChatMessage> send(Side side, long chatId, ReceivedUpload upload) {
    Future<ChatMessage> sent = requireAcceptedTypes(upload).compose(accepted -> pool.withTransaction(tx ->
        store.lock(tx, chatId).compose(chat -> side.visitor()
            ? requireOpen(chat).compose(open -> transcript.writeFiles(tx, side.actor(), chat, ArticleDraft.CUSTOMER,
                chat.customerName(), upload))
            : ChatDesk.requireTalking(side.actor().principal(), chat).compose(talking ->
                transcript.writeFiles(tx, side.actor(), chat, ArticleDraft.AGENT, chat.agent(), upload)))));
    return sent.transform(outcome -> attachments.settle(upload, outcome));
  }

  /** A file of the chat with its bytes: the visitor gets only what was said to them, agents what they may read. */
  Future<AttachmentStore.Stored> open(Side side, long chatId, long fileId) {
    Future<Chat> chat = side.visitor() ? visitorsChat(side, chatId)
        : desk.visible(side.actor().principal(), chatId, "ro");
    return chat.compose(found -> store.fileArticle(pool, found.ticketId(), fileId, side.visitor())
        .compose(articleId -> attachments.read(found.ticketId(), articleId, fileId)));
  }

  /** The chat the token opens, if it is this one; any other token gets the same 404 as no chat at all. */
  private Future<Chat> visitorsChat(Side side, long chatId) {
    return store.findByToken(pool, tokens.hash(side.chatToken()))
        .compose(chat -> chat.id() == chatId ? Future.succeededFuture(chat)
            : Future.failedFuture(Problem.notFound("chat " + chatId + " not found")))
        .recover(missing -> Future.failedFuture(Problem.notFound("chat " + chatId + " not found")));
  }

  private static Future<Chat> requireOpen(Chat chat) {
    return chat.isClosed() ? Future.failedFuture(Problem.conflict("this chat has ended")) : Future.succeededFuture(chat);
  }

  private Future<Void> requireAcceptedTypes(ReceivedUpload upload) {
    List<String> accepted = chats.config().fileTypes();
    List<String> refused = upload.files().stream().filter(file -> !accepted(accepted, file.contentType()))
        .map(ReceivedFile::filename).toList();
    return refused.isEmpty() ? Future.succeededFuture()
        : Future.failedFuture(Problem.unsupportedMediaType("files of this type are not accepted in a chat: "
            + String.join(", ", refused) + "; accepted: " + String.join(", ", accepted)));
  }

  private static boolean accepted(List<String> accepted, String type) {
    return accepted.stream().anyMatch(pattern -> pattern.endsWith("/*")
        ? type.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equalsIgnoreCase(type));
  }
}
