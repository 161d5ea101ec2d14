package org.gotrs.escalation;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import org.gotrs.events.EventName;
import org.gotrs.events.EventRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One per node: a single timer set for the earliest pending alert. It is set again when tickets change (any
 * node's committed ticket or article event reaches every node through the event relay) and after each round,
 * so the cost does not grow with the number of open tickets: one indexed query per re-arm, one timer in memory.
 * Every node arms for the same instant; the claim in {@link EscalationAlerts} lets exactly one of them send.
 */
public final class EscalationTimer extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(EscalationTimer.class);
  /** The events after which the next deadline may have moved. */
  private static final Set<EventName> TICKET_CHANGES = EnumSet.of(EventName.TICKET_CREATED, EventName.TICKET_UPDATED,
      EventName.TICKET_MOVED, EventName.TICKET_MERGED, EventName.TICKET_DELETED, EventName.TICKET_PENDING_REMINDER,
      EventName.ARTICLE_CREATED);
  /** Coalesces the re-arms caused by a burst of ticket events. */
  private static final long REARM_DELAY_MS = 50;
  /** Re-reads the next deadline now and then anyway, in case an event was missed or the clock moved. */
  private static final long SAFETY_REARM_MS = 60_000;
  /** When due alerts are held by another node, look again after this long instead of spinning. */
  private static final long CONTENDED_RETRY_MS = 250;

  private final EscalationAlerts alerts;
  private final Clock clock;
  private long timerId = -1;
  private long armedFor = -1;
  private boolean rearmScheduled;
  private boolean firing;

  public EscalationTimer(EscalationAlerts alerts, Clock clock) {
    this.alerts = alerts;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    EventRelay.listen(vertx, TICKET_CHANGES, event -> rearmSoon());
    vertx.setPeriodic(SAFETY_REARM_MS, id -> arm(0));
    return arm(0);
  }

  private void rearmSoon() {
    if (!rearmScheduled) {
      rearmScheduled = true;
      vertx.setTimer(REARM_DELAY_MS, id -> {
        rearmScheduled = false;
        arm(0);
      });
    }
  }

  /** Sets the timer for the next due alert, at least {@code minimumDelayMs} from now. */
  private Future<Void> arm(long minimumDelayMs) {
    return alerts.nextDue()
        .onSuccess(due -> schedule(due, minimumDelayMs))
        .onFailure(failure -> LOG.warn("cannot read the next escalation deadline: {}", failure.getMessage()))
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  private void schedule(Long due, long minimumDelayMs) {
    if (firing) {
      return;
    }
    if (due == null) {
      cancel();
      return;
    }
    if (timerId >= 0 && armedFor == due && minimumDelayMs == 0) {
      return;
    }
    cancel();
    armedFor = due;
    long delay = Math.max(Math.max(1, minimumDelayMs), due * 1000 - clock.millis());
    timerId = vertx.setTimer(delay, id -> fire());
  }

  private void cancel() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
      armedFor = -1;
    }
  }

  private void fire() {
    timerId = -1;
    armedFor = -1;
    firing = true;
    alerts.fireDue(clock.instant()).onComplete(result -> {
      firing = false;
      if (result.failed()) {
        LOG.warn("escalation alerts failed; retrying: {}", result.cause().getMessage());
        arm(CONTENDED_RETRY_MS);
      } else if (result.result().full()) {
        fire();
      } else {
        long now = clock.millis() / 1000;
        alerts.nextDue().onSuccess(due -> schedule(due, due != null && due <= now ? CONTENDED_RETRY_MS : 0));
      }
    });
  }
}
