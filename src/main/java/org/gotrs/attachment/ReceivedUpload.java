package org.gotrs.attachment;

import java.util.List;

/** Everything one multipart request carried: its files (in temp files) and the optional {@code content_id}. */
public record ReceivedUpload(List<ReceivedFile> files, String contentId) {}
