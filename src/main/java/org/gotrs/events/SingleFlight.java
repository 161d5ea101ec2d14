package org.gotrs.events;

import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * A pass that runs one at a time: asked again while it runs, it runs once more when it is done, however often it was
 * asked meanwhile, so a burst of wake-ups (notifications, events, timers) costs one more pass at most. Asked on its
 * verticle's context only, like everything it guards.
 */
public final class SingleFlight {

  private final Supplier<Future<Boolean>> pass;
  private boolean running;
  private boolean again;

  /** @param pass one pass; true when it left more to do, so it runs again at once */
  public SingleFlight(Supplier<Future<Boolean>> pass) {
    this.pass = pass;
  }

  public void run() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    pass.get().onComplete(done -> {
      running = false;
      if (again || (done.succeeded() && done.result())) {
        run();
      }
    });
  }
}
