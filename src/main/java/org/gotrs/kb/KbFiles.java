package org.gotrs.kb;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystem;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gotrs.attachment.Attachment;
import org.gotrs.attachment.AttachmentService;
import org.gotrs.attachment.AttachmentStore;
import org.gotrs.attachment.ReceivedUpload;
import org.gotrs.audit.AuditLog;
import org.gotrs.db.Rows;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Permissions.Predicate;
import org.gotrs.permission.Principal;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The files of knowledge-base articles, kept by the attachment store. An image an agent pastes or inserts in the
 * editor is uploaded at once and belongs to no article until one is saved naming it; saving also moves images still
 * written into the body as {@code data:} URLs into files. A file is read by whoever may read its article.
 */
public final class KbFiles {

  /** The raster images a body may show: never SVG, which can carry script. */
  private static final Map<String, String> IMAGE_EXTENSIONS = Map.of("image/png", "png", "image/jpeg", "jpg",
      "image/gif", "gif", "image/webp", "webp");
  private static final Pattern DATA_IMAGE = Pattern.compile("(?s)data:(image/[a-z]+);base64,(.*)");
  private static final Pattern OWN_IMAGE = Pattern.compile("/help/files/([0-9]{1,18})/.*");

  private final Pool pool;
  private final Permissions permissions;
  private final AuditLog audit;
  private final AttachmentService uploads;
  private final AttachmentStore store;
  private final FileSystem fs;
  private final long maxBytes;

  /** @param maxBytes the largest image, uploaded or written into a body ({@code tickets.attachment_max_bytes}) */
  public KbFiles(Pool pool, Permissions permissions, AuditLog audit, AttachmentService uploads, AttachmentStore store,
                 FileSystem fs, long maxBytes) {
    this.pool = pool;
    this.permissions = permissions;
    this.audit = audit;
    this.uploads = uploads;
    this.store = store;
    this.fs = fs;
    this.maxBytes = maxBytes;
  }

  /** Reads a multipart upload's one image, within the limit (413 beyond it). */
  Future<ReceivedUpload> receive(io.vertx.core.http.HttpServerRequest request) {
    return uploads.receive(request, maxBytes);
  }

  /**
   * Stores an uploaded image that no article has yet (415 unless it is PNG, JPEG, GIF or WebP), and drops the
   * uploads no article took within a day.
   */
  Future<KbFile> upload(Actor actor, ReceivedUpload upload) {
    permissions.requireAgent(actor.principal());
    if (upload.files().size() != 1) {
      return uploads.settle(upload, Future.failedFuture(Problem.invalid("file", "send one image")));
    }
    var received = upload.files().get(0);
    Future<KbFile> stored = fs.readFile(received.temp().toString())
        .compose(bytes -> pool.withTransaction(tx -> save(tx, null, received.filename(), bytes, actor.principal().userId())
            .compose(file -> audit.record(tx, actor, AuditLog.Entry.success("kb.file.create", "kb_attachment",
                file.id(), null, Map.of("filename", file.filename(), "content_type", file.contentType(),
                    "size", file.size()))).map(file))));
    return stored.transform(outcome -> uploads.settle(upload, outcome))
        .compose(file -> dropUnclaimed().map(file));
  }

  /** The file with its bytes for a reader of its article (a visitor: of a public one); 404 otherwise. */
  Future<AttachmentStore.Stored> open(Principal principal, long id) {
    Predicate visible = permissions.kbArticlesVisibleTo(principal, "a", 3);
    List<Object> parameters = new ArrayList<>();
    parameters.add(id);
    parameters.add(principal == null || !principal.isAgent() ? null : principal.userId());
    parameters.addAll(visible.parameters());
    return pool.preparedQuery(KbSql.FILE.formatted(visible.sql())).execute(Tuple.from(parameters))
        .map(rows -> Rows.one(rows, row -> row, () -> Problem.notFound("file " + id + " not found")))
        .map(row -> {
          KbFile file = KbFile.of(row);
          var attachment = new Attachment(file.id(), file.articleId() == null ? 0 : file.articleId(), file.filename(),
              file.contentType(), file.size(), row.getString("checksum"), file.disposition(), null, file.createTime());
          return store.located(attachment, row.getString("storage_backend"), row.getString("storage_path"),
              row.getBuffer("content"));
        });
  }

  /** The files listed under an article, for a caller who may read it. */
  Future<List<KbFile>> listed(SqlClient client, long articleId) {
    return client.preparedQuery(KbSql.LISTED_FILES).execute(Tuple.of(articleId)).map(rows -> Rows.all(rows, KbFile::of));
  }

  /**
   * Makes the images of a body just saved the article's own, in the writer's transaction: {@code data:} images
   * become files, uploads the writer made are taken, and another article's image the writer may read is copied.
   * Answers the body as it is to be stored (the same text when nothing changed); 422 for an image it cannot have.
   */
  Future<String> adopt(SqlClient tx, Principal principal, long articleId, String body) {
    if (body == null || !body.contains("<img")) {
      return Future.succeededFuture(body);
    }
    Document document = Jsoup.parseBodyFragment(body);
    document.outputSettings().prettyPrint(false);
    List<Element> images = document.select("img[src]");
    Set<Long> named = new LinkedHashSet<>();
    for (Element image : images) {
      Matcher own = OWN_IMAGE.matcher(image.attr("src"));
      if (own.matches()) {
        named.add(Long.parseLong(own.group(1)));
      }
    }
    Future<Void> done = named.isEmpty() ? Future.succeededFuture()
        : adoptNamed(tx, principal, articleId, named, images);
    int counter = 0;
    for (Element image : images) {
      Matcher data = DATA_IMAGE.matcher(image.attr("src"));
      if (data.matches()) {
        String name = "image-" + (++counter);
        done = done.compose(previous -> decoded(data.group(2))
            .compose(bytes -> save(tx, articleId, name, bytes, principal.userId()))
            .map(file -> {
              image.attr("src", file.url());
              return null;
            }));
      }
    }
    return done.map(changed -> document.body().html());
  }

  private Future<Void> adoptNamed(SqlClient tx, Principal principal, long articleId, Set<Long> named,
                                  List<Element> images) {
    return tx.preparedQuery(KbSql.NAMED_FILES).execute(Tuple.of(named.toArray(new Long[0]))).compose(rows -> {
      Map<Long, Row> found = new HashMap<>();
      rows.forEach(row -> found.put(row.getLong("id"), row));
      List<Long> claimed = new ArrayList<>();
      List<Long> copied = new ArrayList<>();
      for (long id : named) {
        Row row = found.get(id);
        if (row == null) {
          return Future.failedFuture(Problem.invalid("body", "shows image " + id + ", which does not exist"));
        }
        Long owner = row.getLong("article_id");
        if (owner == null) {
          if (!principal.userId().equals(row.getUUID("create_by"))) {
            return Future.failedFuture(Problem.invalid("body", "shows image " + id + ", which someone else is writing"));
          }
          claimed.add(id);
        } else if (owner != articleId) {
          copied.add(id);
        }
      }
      Future<Map<Long, String>> copies = claimed.isEmpty() ? Future.succeededFuture(new HashMap<>())
          : tx.preparedQuery(KbSql.CLAIM_FILES).execute(Tuple.of(articleId, claimed.toArray(new Long[0]),
              principal.userId())).map(taken -> new HashMap<>());
      for (long id : copied) {
        copies = copies.compose(urls -> copy(tx, principal, articleId, id).map(url -> {
          urls.put(id, url);
          return urls;
        }));
      }
      return copies.map(urls -> {
        for (Element image : images) {
          Matcher own = OWN_IMAGE.matcher(image.attr("src"));
          if (own.matches() && urls.containsKey(Long.parseLong(own.group(1)))) {
            image.attr("src", urls.get(Long.parseLong(own.group(1))));
          }
        }
        return null;
      });
    });
  }

  private Future<String> copy(SqlClient tx, Principal principal, long articleId, long id) {
    Predicate visible = permissions.kbArticlesVisibleTo(principal, "a", 4);
    List<Object> parameters = new ArrayList<>(List.of(articleId, id, principal.userId()));
    parameters.addAll(visible.parameters());
    return tx.preparedQuery(KbSql.COPY_FILE.formatted(visible.sql())).execute(Tuple.from(parameters))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(Problem.invalid("body", "shows image " + id + ", which you may not read"))
            : Future.succeededFuture(KbFile.of(rows.iterator().next()).url()));
  }

  /** Stores an image of the article ({@code null}: of none yet); 415 unless it is a raster image we show. */
  private Future<KbFile> save(SqlClient tx, Long articleId, String filename, Buffer bytes, UUID by) {
    String type = imageType(bytes);
    if (type == null) {
      return Future.failedFuture(Problem.unsupportedMediaType("an article's images are PNG, JPEG, GIF or WebP"));
    }
    if (bytes.length() > maxBytes) {
      return Future.failedFuture(new Problem(413, "Content Too Large", "an image is larger than the limit of "
          + maxBytes + " bytes"));
    }
    return store.place(tx, bytes).compose(placed -> tx.preparedQuery(KbSql.INSERT_FILE)
        .execute(Tuple.from(new Object[] {articleId, named(filename, type), type, (long) bytes.length(), "inline",
            placed.backend(), placed.path(), placed.content(), placed.sha256(), by})))
        .map(rows -> KbFile.of(rows.iterator().next()));
  }

  /** The checksums of an article's files, read before it is deleted so the collector can look at them after. */
  Future<List<String>> checksumsOf(SqlClient tx, long articleId) {
    return tx.preparedQuery(KbSql.FILE_CHECKSUMS_OF_ARTICLE).execute(Tuple.of(articleId))
        .map(rows -> Rows.all(rows, row -> row.getString("checksum")));
  }

  Future<Void> collect(List<String> checksums) {
    return store.collectGarbage(checksums);
  }

  private Future<Void> dropUnclaimed() {
    return pool.preparedQuery(KbSql.DROP_UNCLAIMED_FILES).execute()
        .compose(rows -> collect(Rows.all(rows, row -> row.getString("checksum"))));
  }

  private Future<Buffer> decoded(String base64) {
    if ((long) base64.length() * 3 / 4 > maxBytes) {
      return Future.failedFuture(new Problem(413, "Content Too Large", "an image is larger than the limit of "
          + maxBytes + " bytes"));
    }
    try {
      return Future.succeededFuture(Buffer.buffer(Base64.getMimeDecoder().decode(base64)));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(Problem.invalid("body", "holds an image that is not valid base64"));
    }
  }

  /** The image's type by its first bytes, whatever it was declared as; null if it is none we show. */
  static String imageType(Buffer bytes) {
    byte[] head = bytes.getBytes(0, Math.min(bytes.length(), 12));
    if (starts(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return "image/png";
    }
    if (starts(head, 0xFF, 0xD8, 0xFF)) {
      return "image/jpeg";
    }
    if (starts(head, 'G', 'I', 'F', '8')) {
      return "image/gif";
    }
    if (starts(head, 'R', 'I', 'F', 'F') && head.length >= 12 && head[8] == 'W' && head[9] == 'E' && head[10] == 'B'
        && head[11] == 'P') {
      return "image/webp";
    }
    return null;
  }

  private static boolean starts(byte[] head, int... expected) {
    if (head.length < expected.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      if ((head[i] & 0xff) != expected[i]) {
        return false;
      }
    }
    return true;
  }

  /** An image keeps its name with the extension of what it really is. */
  private static String named(String filename, String type) {
    String name = filename == null || filename.isBlank() ? "file" : filename.strip();
    if (name.length() > 200) {
      name = name.substring(name.length() - 200);
    }
    String extension = IMAGE_EXTENSIONS.get(type);
    int dot = name.lastIndexOf('.');
    return (dot > 0 ? name.substring(0, dot) : name) + "." + extension;
  }
}
