package org.gotrs.realtime;

import java.util.Set;
import org.gotrs.permission.Principal;

/**
 * Who is on the other end of a live connection, as far as deciding what it may see: the principal, and for agents
 * the queues they may read ({@code ro}) and whether they may see every queue's numbers on the wallboard (the OTRS
 * group {@code stats}). Read when the connection authenticates and again when the agent's permissions change.
 */
record Viewer(Principal principal, Set<Integer> queues, boolean allQueueStats) {

  boolean reads(Integer queueId) {
    return queueId != null && queues.contains(queueId);
  }

  /** The queues whose wallboard numbers this viewer sees; null means all. */
  Set<Integer> wallboardQueues() {
    return allQueueStats ? null : queues;
  }
}
