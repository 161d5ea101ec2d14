package org.gotrs.http;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The WebSocket sessions of one event loop and what each follows (a topic, a chat), in the order they came; an
 * endpoint's hub adds how its events reach them. The lists handed out are copies, so a session may leave while they
 * are walked. Runs on that loop only, without locks.
 *
 * @param <K> what a session follows
 * @param <S> the session
 */
public abstract class SocketHub<K, S extends SocketSession> {

  private final Map<K, Set<S>> byKey = new HashMap<>();
  private final Set<S> sessions = new LinkedHashSet<>();

  public void join(S session) {
    sessions.add(session);
  }

  public void subscribe(S session, K key) {
    byKey.computeIfAbsent(key, ignored -> new LinkedHashSet<>()).add(session);
  }

  public void unsubscribe(S session, K key) {
    Set<S> subscribers = byKey.get(key);
    if (subscribers != null) {
      subscribers.remove(session);
      if (subscribers.isEmpty()) {
        byKey.remove(key);
      }
    }
  }

  /** The session is gone, and with it what it followed. */
  protected void leave(S session, Collection<K> followed) {
    sessions.remove(session);
    List.copyOf(followed).forEach(key -> unsubscribe(session, key));
  }

  /** Those following the key; empty when none does. */
  protected List<S> following(K key) {
    Set<S> subscribers = byKey.get(key);
    return subscribers == null ? List.of() : List.copyOf(subscribers);
  }

  public List<S> all() {
    return List.copyOf(sessions);
  }

  /** What at least one session follows. */
  public List<K> followed() {
    return List.copyOf(byKey.keySet());
  }

  public int size() {
    return sessions.size();
  }
}
