package org.gotrs.attachment;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.CopyOptions;
import io.vertx.core.file.FileSystem;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.gotrs.article.Article;
import org.gotrs.http.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where attachments live: rows of {@code article_attachment}, and per {@code tickets.attachment_storage} the bytes
 * either in the row ({@code database}) or in a content-addressed file {@code <data>/attachments/ab/cd/<sha256>}
 * ({@code filesystem}), kept once however often it is attached. Writers and the garbage collector of such a file
 * take a transaction-scoped advisory lock on its checksum, so a file is never removed while a row for it commits.
 * The knowledge base's files ({@code kb_attachment}) share the files and the lock through {@link #place}.
 */
public final class AttachmentStore {

  static final String DATABASE = "database";
  static final String FILESYSTEM = "filesystem";
  private static final Logger LOG = LoggerFactory.getLogger(AttachmentStore.class);
  /** First key of the two-key advisory locks on attachment files (the second is the checksum's hash). */
  private static final int FILE_LOCK = 7400601;
  private static final Pattern CHECKSUM = Pattern.compile("[0-9a-f]{64}");

  /** A received file about to become an attachment. */
  record NewAttachment(ReceivedFile file, String disposition, String contentId) {}

  /** What a delete removed: enough to audit it and to collect its file. */
  record Removed(String filename, String checksum, boolean onDisk) {}

  /** An attachment with its bytes: a file to send, or the content of the row. */
  public record Stored(Attachment attachment, Path file, Buffer content) {}

  /**
   * A file a channel received whole (an email's attachment), already written to a temp file under
   * {@link #tempDir()}; its name and media type are made safe here. {@code disposition} is inline or attachment.
   */
  public record ChannelFile(Path temp, String filename, String contentType, long size, String sha256,
                            String disposition, String contentId) {}

  /** An attachment's bytes, for channels that send it on (outbound email). */
  public record Content(String filename, String contentType, String disposition, String contentId, Buffer bytes) {}

  private final Pool pool;
  private final FileSystem fs;
  private final Path dataDir;
  private final String backend;

  public AttachmentStore(Vertx vertx, Pool pool, Path dataDir, String backend) {
    if (!DATABASE.equals(backend) && !FILESYSTEM.equals(backend)) {
      throw new IllegalArgumentException("tickets.attachment_storage must be 'database' or 'filesystem', not '"
          + backend + "'");
    }
    this.pool = pool;
    this.fs = vertx.fileSystem();
    this.dataDir = dataDir;
    this.backend = backend;
  }

  public Path tempDir() {
    return dataDir.resolve("tmp");
  }

  /**
   * Stores a channel's files on the article in the caller's transaction. The temp files are moved or read;
   * the caller removes what is left of them, and after a rollback calls {@link #collectGarbage} on the checksums.
   */
  public Future<List<Attachment>> saveFiles(SqlClient tx, long articleId, UUID createdBy, List<ChannelFile> files) {
    return save(tx, articleId, createdBy, files.stream()
        .map(file -> new NewAttachment(new ReceivedFile(file.temp(), file.disposition(),
            AttachmentNames.filename(file.filename()), AttachmentNames.contentType(file.contentType()), file.size(),
            file.sha256()), file.disposition(), file.contentId()))
        .toList());
  }

  /** The article's attachments with their bytes, in order. */
  public Future<List<Content>> contents(SqlClient client, long articleId) {
    return client.preparedQuery("""
            SELECT aa.filename, aa.content_type, aa.disposition, aa.content_id, aa.storage_backend, aa.storage_path,
                   aa.content
              FROM article_attachment aa WHERE aa.article_id = $1 ORDER BY aa.id""")
        .execute(Tuple.of(articleId))
        .compose(rows -> {
          Future<List<Content>> all = Future.succeededFuture(new ArrayList<>());
          for (Row row : rows) {
            all = all.compose(done -> bytesOf(row).map(bytes -> {
              done.add(new Content(row.getString("filename"), row.getString("content_type"),
                  row.getString("disposition"), row.getString("content_id"), bytes));
              return done;
            }));
          }
          return all;
        });
  }

  private Future<Buffer> bytesOf(Row row) {
    if (!FILESYSTEM.equals(row.getString("storage_backend"))) {
      Buffer content = row.getBuffer("content");
      return Future.succeededFuture(content == null ? Buffer.buffer() : content);
    }
    Path file = dataDir.resolve(row.getString("storage_path")).normalize();
    if (!file.startsWith(dataDir.resolve("attachments"))) {
      return Future.failedFuture(new IllegalStateException("an attachment points outside the attachment store"));
    }
    return fs.readFile(file.toString());
  }

  /** The article's sender type if it is on the ticket and, for a customer, visible to them; 404 otherwise. */
  Future<Integer> articleSender(SqlClient client, long ticketId, long articleId, boolean customerView) {
    return client.preparedQuery("SELECT a.article_sender_type_id FROM article a WHERE a.id = $1 AND a.ticket_id = $2"
            + (customerView ? " AND " + Article.CUSTOMER_VISIBLE : ""))
        .execute(Tuple.of(articleId, ticketId))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(articleNotFound(ticketId, articleId))
            : Future.succeededFuture(rows.iterator().next().getInteger(0)));
  }

  /** The article's attachments in order; 404 when the article is not on the ticket or hidden from the customer. */
  Future<List<Attachment>> list(SqlClient client, long ticketId, long articleId, boolean customerView) {
    return client.preparedQuery("SELECT " + Attachment.COLUMNS + """
             FROM article a LEFT JOIN article_attachment aa ON aa.article_id = a.id
            WHERE a.id = $1 AND a.ticket_id = $2""" + (customerView ? " AND " + Article.CUSTOMER_VISIBLE : "")
            + " ORDER BY aa.id")
        .execute(Tuple.of(articleId, ticketId))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(articleNotFound(ticketId, articleId))
            : Future.succeededFuture(StreamSupport.stream(rows.spliterator(), false)
                .filter(row -> row.getValue("id") != null).map(Attachment::from).toList()));
  }

  Future<Stored> find(SqlClient client, long ticketId, long articleId, long attachmentId, boolean customerView) {
    return client.preparedQuery("SELECT " + Attachment.COLUMNS + """
            , aa.storage_backend, aa.storage_path, aa.content
             FROM article_attachment aa JOIN article a ON a.id = aa.article_id
            WHERE aa.id = $1 AND aa.article_id = $2 AND a.ticket_id = $3"""
            + (customerView ? " AND " + Article.CUSTOMER_VISIBLE : ""))
        .execute(Tuple.of(attachmentId, articleId, ticketId))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(Problem.notFound("attachment " + attachmentId + " not found"))
            : Future.succeededFuture(stored(rows.iterator().next())));
  }

  private Stored stored(Row row) {
    return located(Attachment.from(row), row.getString("storage_backend"), row.getString("storage_path"),
        row.getBuffer("content"));
  }

  /** Where a stored file's bytes are, from its row's backend, path and content (another feature's file rows too). */
  public Stored located(Attachment attachment, String storageBackend, String storagePath, Buffer content) {
    if (!FILESYSTEM.equals(storageBackend)) {
      return new Stored(attachment, null, content == null ? Buffer.buffer() : content);
    }
    Path file = dataDir.resolve(storagePath).normalize();
    if (!file.startsWith(dataDir.resolve("attachments"))) {
      throw new IllegalStateException("attachment " + attachment.id() + " points outside the attachment store");
    }
    return new Stored(attachment, file, null);
  }

  /** Bytes placed in the configured backend: the row keeps {@code content} or names the file at {@code path}. */
  public record Placed(String backend, String path, Buffer content, String sha256) {}

  /**
   * Places bytes for a file row another feature writes (a knowledge-base article's image) in the caller's
   * transaction, under the same per-checksum lock as an attachment's, so the collector spares them until it commits.
   */
  public Future<Placed> place(SqlClient tx, Buffer bytes) {
    String sha256 = org.apache.commons.codec.digest.DigestUtils.sha256Hex(bytes.getBytes());
    if (!FILESYSTEM.equals(backend)) {
      return Future.succeededFuture(new Placed(backend, null, bytes, sha256));
    }
    return lockFiles(tx, List.of(sha256)).compose(locked -> placeBytes(sha256, bytes))
        .map(placed -> new Placed(backend, relativePath(sha256), null, sha256));
  }

  /** An attachment with its bytes in memory. */
  public record Loaded(Attachment attachment, Buffer content) {}

  /** Every attachment of the ticket's articles (a customer: of the articles they may see) with its bytes, in order. */
  Future<List<Loaded>> loadAllOfTicket(SqlClient client, long ticketId, boolean customerView) {
    return client.preparedQuery("SELECT " + Attachment.COLUMNS + """
            , aa.storage_backend, aa.storage_path, aa.content
             FROM article_attachment aa JOIN article a ON a.id = aa.article_id
            WHERE a.ticket_id = $1""" + (customerView ? " AND " + Article.CUSTOMER_VISIBLE : "")
            + " ORDER BY aa.article_id, aa.id")
        .execute(Tuple.of(ticketId))
        .compose(rows -> {
          Future<List<Loaded>> all = Future.succeededFuture(new ArrayList<>());
          for (Row row : rows) {
            Stored stored = stored(row);
            all = all.compose(list -> (stored.file() == null ? Future.succeededFuture(stored.content())
                : fs.readFile(stored.file().toString())).map(bytes -> {
                  list.add(new Loaded(stored.attachment(), bytes));
                  return list;
                }));
          }
          return all;
        });
  }

  /** Writes the attachments in the caller's transaction, one after the other so one file at a time is in memory. */
  Future<List<Attachment>> save(SqlClient tx, long articleId, UUID createdBy, List<NewAttachment> attachments) {
    Future<Void> locked = FILESYSTEM.equals(backend)
        ? lockFiles(tx, attachments.stream().map(a -> a.file().sha256()).toList()) : Future.succeededFuture();
    Future<List<Attachment>> saved = locked.map(ready -> new ArrayList<>());
    for (NewAttachment attachment : attachments) {
      saved = saved.compose(done -> saveOne(tx, articleId, createdBy, attachment).map(row -> {
        done.add(row);
        return done;
      }));
    }
    return saved;
  }

  private Future<Attachment> saveOne(SqlClient tx, long articleId, UUID createdBy, NewAttachment attachment) {
    ReceivedFile file = attachment.file();
    boolean onDisk = FILESYSTEM.equals(backend);
    Future<Buffer> content = onDisk ? Future.succeededFuture() : fs.readFile(file.temp().toString());
    return content.compose(bytes -> tx.preparedQuery("""
                INSERT INTO article_attachment AS aa (article_id, filename, content_size, content_type, content_id,
                                                disposition, content, create_by, change_by, storage_backend,
                                                storage_path, checksum)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10, $11)
                RETURNING\s""" + Attachment.COLUMNS)
            .execute(Tuple.from(new Object[] {articleId, file.filename(), String.valueOf(file.size()),
                file.contentType(), attachment.contentId(), attachment.disposition(), bytes, createdBy, backend,
                onDisk ? relativePath(file.sha256()) : null, file.sha256()})))
        .compose(rows -> (onDisk ? place(file) : Future.<Void>succeededFuture())
            .map(placed -> Attachment.from(rows.iterator().next())));
  }

  /**
   * Bytes already in memory (an OTRS import, a GenericInterface upload). The file name is made safe as an upload's;
   * {@code createTime} null means now.
   */
  public record Bytes(String filename, String contentType, String contentId, String contentAlternative,
                      String disposition, Buffer bytes, java.time.LocalDateTime createTime) {}

  /** Stores in-memory bytes like an upload: checksummed, in the configured backend, in the caller's transaction. */
  public Future<Attachment> saveContent(SqlClient tx, long articleId, UUID createdBy, Bytes content) {
    String sha256 = org.apache.commons.codec.digest.DigestUtils.sha256Hex(content.bytes().getBytes());
    boolean onDisk = FILESYSTEM.equals(backend);
    String contentType = content.contentType() == null || content.contentType().length() > AttachmentNames.MAX_LENGTH
        || content.contentType().chars().anyMatch(Character::isISOControl)
        ? AttachmentNames.contentType(content.contentType()) : content.contentType();
    Future<Void> placed = onDisk ? lockFiles(tx, List.of(sha256)).compose(locked -> placeBytes(sha256, content.bytes()))
        : Future.succeededFuture();
    return placed.compose(ready -> tx.preparedQuery("""
                INSERT INTO article_attachment AS aa (article_id, filename, content_size, content_type, content_id,
                                                content_alternative, disposition, content, create_time, change_time,
                                                create_by, change_by, storage_backend, storage_path, checksum)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, coalesce($9::timestamp, localtimestamp), coalesce($9::timestamp, localtimestamp),
                        $10, $10, $11, $12,
                        $13)
                RETURNING\s""" + Attachment.COLUMNS)
            .execute(Tuple.from(new Object[] {articleId, AttachmentNames.filename(content.filename()),
                String.valueOf(content.bytes().length()), contentType, content.contentId(),
                content.contentAlternative(), content.disposition(), onDisk ? null : content.bytes(),
                content.createTime(), createdBy, backend, onDisk ? relativePath(sha256) : null, sha256})))
        .map(rows -> Attachment.from(rows.iterator().next()));
  }

  /**
   * Attaches the files of one article to another in the caller's transaction (a forward takes the forwarded message's
   * files along) and returns how many. A file on disk is shared, not copied: the new row names the same content
   * address, and its lock keeps the collector away until the transaction ends.
   */
  public Future<Integer> copy(SqlClient tx, long fromArticleId, long toArticleId, UUID createdBy) {
    return tx.preparedQuery("""
            SELECT DISTINCT checksum FROM article_attachment
             WHERE article_id = $1 AND storage_backend = 'filesystem' AND checksum IS NOT NULL""")
        .execute(Tuple.of(fromArticleId))
        .compose(rows -> lockFiles(tx, StreamSupport.stream(rows.spliterator(), false)
            .map(row -> row.getString(0)).toList()))
        .compose(locked -> tx.preparedQuery("""
                INSERT INTO article_attachment (article_id, filename, content_size, content_type, content_id,
                                                content_alternative, disposition, content, create_by, change_by,
                                                storage_backend, storage_path, checksum)
                SELECT $2, filename, content_size, content_type, content_id, content_alternative, disposition, content,
                       $3, $3, storage_backend, storage_path, checksum
                  FROM article_attachment WHERE article_id = $1 ORDER BY id""")
            .execute(Tuple.of(fromArticleId, toArticleId, createdBy)))
        .map(inserted -> inserted.rowCount());
  }

  /** Writes the bytes to their content address unless that file exists; a temp file and a move keep it whole. */
  private Future<Void> placeBytes(String sha256, Buffer bytes) {
    Path target = dataDir.resolve(relativePath(sha256));
    return fs.exists(target.toString()).compose(exists -> {
      if (exists) {
        return Future.succeededFuture();
      }
      Path temp = tempDir().resolve(UUID.randomUUID() + ".part");
      return fs.mkdirs(tempDir().toString())
          .compose(made -> fs.writeFile(temp.toString(), bytes))
          .compose(written -> fs.mkdirs(target.getParent().toString()))
          .compose(made -> fs.move(temp.toString(), target.toString(), new CopyOptions().setAtomicMove(true)));
    });
  }

  /** Moves the temp file to its content address, unless the same content is already stored there. */
  private Future<Void> place(ReceivedFile file) {
    Path target = dataDir.resolve(relativePath(file.sha256()));
    CopyOptions atomically = new CopyOptions().setAtomicMove(true);
    return fs.exists(target.toString()).compose(exists -> exists ? Future.succeededFuture()
        : fs.mkdirs(target.getParent().toString())
            .compose(made -> fs.move(file.temp().toString(), target.toString(), atomically)));
  }

  /** Removes one attachment row in the caller's transaction; 404 when it is not on that article of that ticket. */
  Future<Removed> delete(SqlClient tx, long ticketId, long articleId, long attachmentId) {
    return tx.preparedQuery("""
            DELETE FROM article_attachment aa USING article a
             WHERE aa.id = $1 AND aa.article_id = $2 AND a.id = aa.article_id AND a.ticket_id = $3
            RETURNING aa.filename, aa.checksum, aa.storage_backend""")
        .execute(Tuple.of(attachmentId, articleId, ticketId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(Problem.notFound("attachment " + attachmentId + " not found"));
          }
          Row row = rows.iterator().next();
          return Future.succeededFuture(new Removed(row.getString("filename"), row.getString("checksum"),
              FILESYSTEM.equals(row.getString("storage_backend"))));
        });
  }

  /** Checksums of the ticket's files on disk, read before the ticket is deleted, for {@link #collectGarbage}. */
  public Future<List<String>> fileChecksumsOfTicket(SqlClient tx, long ticketId) {
    return tx.preparedQuery("""
            SELECT DISTINCT aa.checksum FROM article_attachment aa JOIN article a ON a.id = aa.article_id
             WHERE a.ticket_id = $1 AND aa.storage_backend = 'filesystem' AND aa.checksum IS NOT NULL""")
        .execute(Tuple.of(ticketId))
        .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(row -> row.getString(0)).toList());
  }

  /**
   * Deletes the files of these checksums that no attachment row refers to any more; call it after the
   * transaction that removed rows has committed. Never fails: a file that cannot be removed is logged and
   * stays (an orphan costs disk space, not correctness).
   */
  public Future<Void> collectGarbage(List<String> checksums) {
    List<String> candidates = checksums.stream().filter(c -> c != null && CHECKSUM.matcher(c).matches())
        .distinct().sorted().toList();
    if (candidates.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.withTransaction(tx -> lockFiles(tx, candidates)
            .compose(locked -> tx.preparedQuery("""
                    SELECT c FROM unnest($1::text[]) AS c
                     WHERE NOT EXISTS (SELECT 1 FROM article_attachment aa
                                        WHERE aa.storage_backend = 'filesystem' AND aa.checksum = c)
                       AND NOT EXISTS (SELECT 1 FROM kb_attachment ka
                                        WHERE ka.storage_backend = 'filesystem' AND ka.checksum = c)""")
                .execute(Tuple.of(candidates.toArray(new String[0]))))
            .compose(unreferenced -> Future.join(StreamSupport.stream(unreferenced.spliterator(), false)
                .map(row -> removeFile(row.getString(0))).toList())))
        .<Void>mapEmpty()
        .recover(failure -> {
          LOG.warn("cannot collect unreferenced attachment files {}: {}", candidates, failure.getMessage());
          return Future.succeededFuture();
        });
  }

  private Future<Void> removeFile(String checksum) {
    return fs.delete(dataDir.resolve(relativePath(checksum)).toString()).recover(failure -> {
      if (!(failure.getCause() instanceof NoSuchFileException)) {
        LOG.warn("cannot remove attachment file {}: {}", checksum, failure.getMessage());
      }
      return Future.succeededFuture();
    });
  }

  /** Serialises writers and the collector per checksum, in sorted order so two transactions cannot deadlock. */
  private Future<Void> lockFiles(SqlClient tx, List<String> checksums) {
    return tx.preparedQuery("SELECT pg_advisory_xact_lock(" + FILE_LOCK + ", hashtext(c)) FROM "
            + "(SELECT DISTINCT c FROM unnest($1::text[]) AS c ORDER BY c) AS sorted")
        .execute(Tuple.of(checksums.toArray(new String[0])))
        .mapEmpty();
  }

  static String relativePath(String sha256) {
    return "attachments/" + sha256.substring(0, 2) + "/" + sha256.substring(2, 4) + "/" + sha256;
  }

  private static Problem articleNotFound(long ticketId, long articleId) {
    return Problem.notFound("article " + articleId + " not found on ticket " + ticketId);
  }
}
