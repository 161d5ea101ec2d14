package org.gotrs.mail;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * One session with an IMAP(S) or POP3(S) mailbox, through Jakarta Mail. Blocking: call it on a worker thread.
 * Messages are read whole and only marked deleted when the caller says they are stored; the deletions take
 * effect when the session closes (IMAP EXPUNGE, POP3 QUIT), so a session that breaks off deletes nothing.
 */
final class RemoteMailbox implements AutoCloseable {

  /** A message as it lies on the server: its number in this session and its bytes. */
  record Fetched(int number, byte[] raw) {}

  private final Store store;
  private final Folder folder;

  private RemoteMailbox(Store store, Folder folder) {
    this.store = store;
    this.folder = folder;
  }

  static RemoteMailbox open(MailAccount.Connection account, int timeoutSeconds) throws MessagingException {
    String protocol = account.type() + (account.tls() ? "s" : "");
    String prefix = "mail." + protocol + ".";
    String timeout = String.valueOf(timeoutSeconds * 1000L);
    Properties properties = new Properties();
    properties.setProperty(prefix + "connectiontimeout", timeout);
    properties.setProperty(prefix + "timeout", timeout);
    if (account.tls()) {
      properties.setProperty(prefix + "ssl.checkserveridentity", "true");
    }
    Store store = Session.getInstance(properties).getStore(protocol);
    store.connect(account.host(), account.port(), account.login(), account.password());
    try {
      Folder folder = store.getFolder(account.type().equals(MailAccount.POP3) ? "INBOX" : account.folder());
      folder.open(Folder.READ_WRITE);
      return new RemoteMailbox(store, folder);
    } catch (MessagingException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** Up to {@code max} messages from the oldest, skipping any already marked deleted. */
  List<Fetched> fetch(int max) throws MessagingException, IOException {
    int count = Math.min(folder.getMessageCount(), max);
    List<Fetched> fetched = new ArrayList<>(count);
    for (int number = 1; number <= count; number++) {
      Message message = folder.getMessage(number);
      if (message.isSet(Flags.Flag.DELETED)) {
        continue;
      }
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      message.writeTo(raw);
      fetched.add(new Fetched(number, raw.toByteArray()));
    }
    return fetched;
  }

  /** Marks the messages deleted; the server removes them when the session closes. */
  void delete(List<Integer> numbers) throws MessagingException {
    for (int number : numbers) {
      folder.getMessage(number).setFlag(Flags.Flag.DELETED, true);
    }
  }

  /** Ends the session and applies the deletions. */
  @Override
  public void close() throws MessagingException {
    try {
      if (folder.isOpen()) {
        folder.close(true);
      }
    } finally {
      store.close();
    }
  }
}
