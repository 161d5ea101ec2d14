package org.gotrs.scheduler;

import io.vertx.core.Future;
import java.time.Instant;

/** A background job the {@link Scheduler} runs on one node at a time. */
public interface Job {

  /** The job's name: its key in the configuration, its lock and its label in the metrics. */
  String name();

  /** Does the work once; the answer is a short note for the job's last run (e.g. "3 tickets closed"). */
  Future<String> run(Instant now);
}
