package org.gotrs.attachment;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileSystem;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gotrs.article.ArticleDraft;
import org.gotrs.audit.AuditLog;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Principal;

/**
 * Files attached to articles. Agents attach with {@code note} on the ticket and remove with {@code rw};
 * customers attach only to messages they wrote on their own tickets and see only what they may see of the
 * ticket. Every stored or removed file writes one audit row.
 */
public final class AttachmentService {

  private final Pool pool;
  private final Permissions permissions;
  private final AuditLog audit;
  private final AttachmentStore store;
  private final FileSystem fs;
  private final long maxBytes;

  public AttachmentService(Vertx vertx, Pool pool, Permissions permissions, AuditLog audit, AttachmentStore store,
                           long maxBytes) {
    this.pool = pool;
    this.permissions = permissions;
    this.audit = audit;
    this.store = store;
    this.fs = vertx.fileSystem();
    this.maxBytes = maxBytes;
  }

  /** Answers before the body is read whether the caller may attach files to this article. */
  Future<Void> requireMayAttach(Actor actor, long ticketId, long articleId) {
    Principal principal = actor.principal();
    return permissions.requireOnTicket(pool, principal, ticketId, "note")
        .compose(allowed -> store.articleSender(pool, ticketId, articleId, principal.isCustomer()))
        .compose(sender -> principal.isCustomer() && (sender == null || sender != ArticleDraft.CUSTOMER)
            ? Future.failedFuture(Problem.forbidden("customers attach files only to messages they wrote"))
            : Future.succeededFuture());
  }

  /** Streams the request's file parts to temp files, within the configured size limit. */
  Future<ReceivedUpload> receive(HttpServerRequest request) {
    return MultipartReceiver.receive(request, fs, store.tempDir(), maxBytes);
  }

  /** Stores the received files and their audit rows in one transaction; the temp files are removed either way. */
  Future<List<Attachment>> add(Actor actor, long ticketId, long articleId, ReceivedUpload upload) {
    return pool.withTransaction(tx -> saveInTransaction(tx, actor, ticketId, articleId, upload))
        .transform(outcome -> settle(upload, outcome));
  }

  /** Streams the file parts of a channel's own upload route (a chat's files) within that channel's size limit. */
  public Future<ReceivedUpload> receive(HttpServerRequest request, long limitBytes) {
    return MultipartReceiver.receive(request, fs, store.tempDir(), limitBytes);
  }

  /**
   * Stores a received upload's files on the article in the caller's transaction, with their audit rows. The caller
   * then hands the outcome to {@link #settle}.
   */
  public Future<List<Attachment>> saveInTransaction(SqlClient tx, Actor actor, long ticketId, long articleId,
                                                    ReceivedUpload upload) {
    Principal principal = actor.principal();
    UUID agent = principal.isAgent() ? principal.userId() : null;
    return validate(upload).compose(attachments -> store.save(tx, articleId, agent, attachments))
        .compose(saved -> auditCreated(tx, actor, ticketId, saved).map(saved));
  }

  /**
   * Once an upload was stored or refused: its temp files go either way, and after a failure (a rolled-back save may
   * have placed files) so do the stored files nothing refers to. Answers the outcome.
   */
  public <T> Future<T> settle(ReceivedUpload upload, AsyncResult<T> outcome) {
    List<String> checksums = upload.files().stream().map(ReceivedFile::sha256).toList();
    Future<Void> collected = outcome.failed() ? store.collectGarbage(checksums).otherwiseEmpty() : Future.succeededFuture();
    return collected
        .eventually(() -> Future.join(upload.files().stream()
            .map(file -> fs.delete(file.temp().toString()).otherwiseEmpty()).toList()))
        .transform(cleaned -> outcome.succeeded() ? Future.succeededFuture(outcome.result())
            : Future.failedFuture(outcome.cause()));
  }

  /** An attachment with its bytes, for a channel that has checked the caller's access itself (a chat's files). */
  public Future<AttachmentStore.Stored> read(long ticketId, long articleId, long attachmentId) {
    return store.find(pool, ticketId, articleId, attachmentId, false);
  }

  /**
   * Attaches bytes already in memory (a GenericInterface call's base64 attachments) with the same permission rules
   * and audit rows as an upload.
   */
  public Future<List<Attachment>> addContents(Actor actor, long ticketId, long articleId,
                                              List<AttachmentStore.Bytes> contents) {
    if (contents.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    requireWithinLimit(contents);
    Principal principal = actor.principal();
    UUID agent = principal.isAgent() ? principal.userId() : null;
    return requireMayAttach(actor, ticketId, articleId)
        .compose(allowed -> pool.withTransaction(tx -> {
          Future<List<Attachment>> saved = Future.succeededFuture(new java.util.ArrayList<>());
          for (AttachmentStore.Bytes content : contents) {
            saved = saved.compose(list -> store.saveContent(tx, articleId, agent, content).map(attachment -> {
              list.add(attachment);
              return list;
            }));
          }
          return saved.compose(list -> auditCreated(tx, actor, ticketId, list).map(list));
        }))
        .recover(failure -> store.collectGarbage(contents.stream()
                .map(content -> org.apache.commons.codec.digest.DigestUtils.sha256Hex(content.bytes().getBytes())).toList())
            .transform(collected -> Future.failedFuture(failure)));
  }

  /** 413 when the attachments together exceed the limit: callers that write first check before they write. */
  public void requireWithinLimit(List<AttachmentStore.Bytes> contents) {
    long total = contents.stream().mapToLong(content -> content.bytes().length()).sum();
    if (total > maxBytes) {
      throw new Problem(413, "Content Too Large", "the attachments exceed the limit of " + maxBytes + " bytes");
    }
  }

  /** Every attachment of a ticket with its bytes, as far as the caller may read the ticket and its articles. */
  public Future<List<AttachmentStore.Loaded>> allOfTicket(Actor actor, long ticketId) {
    Principal principal = actor.principal();
    return permissions.requireOnTicket(pool, principal, ticketId, "ro")
        .compose(allowed -> store.loadAllOfTicket(pool, ticketId, principal.isCustomer()));
  }

  /** {@code content_id} names one inline file; a file sent in the form field {@code inline} is inline too. */
  private static Future<List<AttachmentStore.NewAttachment>> validate(ReceivedUpload upload) {
    String contentId = upload.contentId() == null || upload.contentId().isBlank() ? null : upload.contentId();
    if (contentId != null && (contentId.length() > AttachmentNames.MAX_LENGTH
        || contentId.chars().anyMatch(Character::isISOControl))) {
      return Future.failedFuture(Problem.invalid("content_id",
          "must be at most 250 characters without control characters"));
    }
    if (contentId != null && upload.files().size() != 1) {
      return Future.failedFuture(Problem.invalid("content_id", "names one file; send one file with it"));
    }
    return Future.succeededFuture(upload.files().stream()
        .map(file -> new AttachmentStore.NewAttachment(file,
            contentId != null || "inline".equals(file.field()) ? "inline" : "attachment", contentId))
        .toList());
  }

  private Future<Void> auditCreated(SqlClient tx, Actor actor, long ticketId, List<Attachment> saved) {
    Future<Void> written = Future.succeededFuture();
    for (Attachment attachment : saved) {
      written = written.compose(previous -> audit.record(tx, actor, AuditLog.Entry.success("attachment.create",
          "attachment", attachment.id(), null, Map.of("ticket_id", ticketId, "article_id", attachment.articleId(),
              "filename", attachment.filename(), "content_type", attachment.contentType(),
              "content_size", attachment.contentSize(), "checksum", attachment.checksum()))));
    }
    return written;
  }

  Future<List<Attachment>> list(Actor actor, long ticketId, long articleId) {
    Principal principal = actor.principal();
    return permissions.requireOnTicket(pool, principal, ticketId, "ro")
        .compose(allowed -> store.list(pool, ticketId, articleId, principal.isCustomer()));
  }

  /** The attachment with its bytes, if the caller may read the article it belongs to; 404 otherwise. */
  Future<AttachmentStore.Stored> open(Actor actor, long ticketId, long articleId, long attachmentId) {
    Principal principal = actor.principal();
    return permissions.requireOnTicket(pool, principal, ticketId, "ro")
        .compose(allowed -> store.find(pool, ticketId, articleId, attachmentId, principal.isCustomer()));
  }

  /** Agents with {@code rw} remove an attachment; its file goes once no other attachment shares it. */
  Future<Void> delete(Actor actor, long ticketId, long articleId, long attachmentId) {
    Principal principal = actor.principal();
    return permissions.requireOnTicket(pool, principal, ticketId, "rw")
        .compose(allowed -> {
          permissions.requireAgent(principal);
          return pool.withTransaction(tx -> store.delete(tx, ticketId, articleId, attachmentId)
              .compose(removed -> audit.record(tx, actor, AuditLog.Entry.success("attachment.delete", "attachment",
                  attachmentId, removedValues(ticketId, articleId, removed), null)).map(removed)));
        })
        .compose(removed -> removed.onDisk() ? store.collectGarbage(List.of(removed.checksum()))
            : Future.<Void>succeededFuture());
  }

  private static Map<String, Object> removedValues(long ticketId, long articleId, AttachmentStore.Removed removed) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("ticket_id", ticketId);
    values.put("article_id", articleId);
    values.put("filename", removed.filename());
    values.put("checksum", removed.checksum());
    return values;
  }
}
