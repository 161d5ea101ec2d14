package org.gotrs.attachment;

import java.nio.file.Path;

/**
 * One file part of an upload, already on disk in a temp file.
 *
 * @param field the form field it came in ({@code inline} marks an inline part)
 * @param filename and {@code contentType} as sanitised by {@link AttachmentNames}
 * @param sha256 hex digest of the bytes, computed while they streamed in
 */
public record ReceivedFile(Path temp, String field, String filename, String contentType, long size, String sha256) {}
