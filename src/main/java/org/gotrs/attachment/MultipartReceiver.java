package org.gotrs.attachment;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.gotrs.http.Problem;

/**
 * Streams the file parts of one multipart request into temp files. Each chunk is counted and hashed on its
 * way to disk, so no more than a chunk is ever held in memory, and the request is refused with 413 the moment
 * one file, or all files together, pass the configured limit. When anything fails, the temp files are gone
 * before the returned future fails.
 */
final class MultipartReceiver {

  /** Room for the multipart framing around the files when judging a declared Content-Length up front. */
  private static final long FRAMING_ALLOWANCE = 64 * 1024;

  private final HttpServerRequest request;
  private final FileSystem fs;
  private final Path tempDir;
  private final long maxBytes;
  private final List<Part> parts = new ArrayList<>();
  private final Promise<ReceivedUpload> outcome = Promise.promise();
  private long total;
  private Throwable failure;

  private MultipartReceiver(HttpServerRequest request, FileSystem fs, Path tempDir, long maxBytes) {
    this.request = request;
    this.fs = fs;
    this.tempDir = tempDir;
    this.maxBytes = maxBytes;
  }

  /** Reads the body the API router left paused; the files' temp paths then belong to the caller. */
  static Future<ReceivedUpload> receive(HttpServerRequest request, FileSystem fs, Path tempDir, long maxBytes) {
    return new MultipartReceiver(request, fs, tempDir, maxBytes).start();
  }

  private Future<ReceivedUpload> start() {
    if (declaredLength() > maxBytes + FRAMING_ALLOWANCE) {
      return Future.failedFuture(tooLarge("the request body is larger than the attachment limit of " + maxBytes
          + " bytes"));
    }
    return fs.mkdirs(tempDir.toString()).compose(ready -> {
      try {
        request.setExpectMultipart(true);
      } catch (RuntimeException malformed) {
        return Future.failedFuture(Problem.badRequest("the multipart/form-data header is malformed"));
      }
      request.uploadHandler(this::onUpload)
          .exceptionHandler(error -> fail(unreadable()))
          .endHandler(ended -> onEnd());
      if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
        request.response().writeContinue();
      }
      request.resume();
      return outcome.future();
    });
  }

  private long declaredLength() {
    try {
      String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
      return length == null ? -1 : Long.parseLong(length.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void onUpload(HttpServerFileUpload upload) {
    if (failure != null) {
      return; // nobody reads it, so its bytes are dropped
    }
    upload.pause();
    Part part = new Part(upload, tempDir.resolve(UUID.randomUUID() + ".upload"));
    parts.add(part);
    part.opening = fs.open(part.temp.toString(), new OpenOptions().setWrite(true).setCreateNew(true));
    part.opening.onSuccess(part::stream).onFailure(this::fail);
  }

  private void onEnd() {
    if (failure != null) {
      return;
    }
    Future.all(parts.stream().map(part -> part.done.future()).toList())
        .onSuccess(all -> {
          if (parts.isEmpty()) {
            fail(Problem.invalid("file", "at least one file part is required"));
            return;
          }
          outcome.tryComplete(new ReceivedUpload(parts.stream().map(part -> part.done.future().result()).toList(),
              request.formAttributes().get("content_id")));
        })
        .onFailure(this::fail);
  }

  /** Stops taking bytes, closes and deletes every temp file, then fails the upload. */
  private void fail(Throwable cause) {
    if (failure != null || outcome.future().isComplete()) {
      return;
    }
    failure = cause;
    Future.join(parts.stream().map(Part::abort).toList())
        .eventually(() -> Future.join(parts.stream().map(part -> fs.delete(part.temp.toString()).otherwiseEmpty())
            .toList()))
        .onComplete(cleaned -> outcome.tryFail(failure));
  }

  private static Problem tooLarge(String detail) {
    return new Problem(413, "Content Too Large", detail);
  }

  private static Problem unreadable() {
    return Problem.badRequest("the multipart body is malformed, has too many parts, or ended early");
  }

  /** One file part on its way to its temp file. */
  private final class Part {
    final HttpServerFileUpload upload;
    final Path temp;
    final MessageDigest sha256 = sha256();
    final Promise<ReceivedFile> done = Promise.promise();
    Future<AsyncFile> opening;
    long size;

    Part(HttpServerFileUpload upload, Path temp) {
      this.upload = upload;
      this.temp = temp;
    }

    void stream(AsyncFile file) {
      if (failure != null) {
        return; // opened after the request failed; abort() closes it
      }
      file.exceptionHandler(MultipartReceiver.this::fail);
      upload.exceptionHandler(error -> fail(unreadable()))
          .handler(chunk -> write(file, chunk))
          .endHandler(ended -> finish(file));
      upload.resume();
    }

    private void write(AsyncFile file, Buffer chunk) {
      if (failure != null) {
        return;
      }
      size += chunk.length();
      total += chunk.length();
      if (size > maxBytes) {
        fail(tooLarge("the file '" + AttachmentNames.filename(upload.filename()) + "' is larger than the limit of "
            + maxBytes + " bytes"));
        return;
      }
      if (total > maxBytes) {
        fail(tooLarge("the files of this request together are larger than the limit of " + maxBytes + " bytes"));
        return;
      }
      sha256.update(chunk.getBytes());
      file.write(chunk).onFailure(MultipartReceiver.this::fail);
      if (file.writeQueueFull()) {
        upload.pause();
        file.drainHandler(drained -> upload.resume());
      }
    }

    private void finish(AsyncFile file) {
      if (failure != null) {
        return;
      }
      file.close()
          .onSuccess(closed -> done.tryComplete(new ReceivedFile(temp, upload.name(),
              AttachmentNames.filename(upload.filename()), AttachmentNames.contentType(upload.contentType()), size,
              HexFormat.of().formatHex(sha256.digest()))))
          .onFailure(MultipartReceiver.this::fail);
    }

    /** Drops whatever still arrives for this part and settles once its file (if it was opened) is closed. */
    Future<?> abort() {
      upload.handler(null).endHandler(null);
      upload.resume();
      done.tryFail(failure);
      return opening.compose(AsyncFile::close).otherwiseEmpty();
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
