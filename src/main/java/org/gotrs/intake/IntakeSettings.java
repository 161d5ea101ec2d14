package org.gotrs.intake;

import java.util.List;

/**
 * {@code GET /settings/intake}: for each channel the queue its tickets go to when the customer does not choose one,
 * and beside it how that came about and whether anyone can work it.
 */
public record IntakeSettings(Integer portalQueueId, Integer chatQueueId, Integer apiQueueId, List<Channel> channels) {

  /**
   * @param chosen an administrator chose the queue (else it is the default rule's)
   * @param lockedBy the configuration key that names the queue, which wins over the setting; null when none does
   * @param agents valid agents with {@code rw} on the queue's group
   * @param warning why tickets of this channel may go unseen; null when someone can work the queue
   */
  public record Channel(String channel, Integer queueId, String queue, boolean chosen, String lockedBy, long agents,
                        String warning) {}

  static IntakeSettings of(List<Channel> channels) {
    return new IntakeSettings(queueOf(channels, IntakeChannel.PORTAL), queueOf(channels, IntakeChannel.CHAT),
        queueOf(channels, IntakeChannel.API), channels);
  }

  private static Integer queueOf(List<Channel> channels, IntakeChannel channel) {
    return channels.stream().filter(c -> c.channel().equals(channel.wire())).findFirst()
        .map(Channel::queueId).orElse(null);
  }

  /** The channels whose queue no valid agent can work. */
  public List<Channel> unworked() {
    return channels.stream().filter(channel -> channel.warning() != null).toList();
  }
}
