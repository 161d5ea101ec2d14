package org.gotrs.bench;

import java.util.Map;

/**
 * How big a benchmark run is: the data loaded and the work driven against it.
 *
 * @param tickets tickets loaded by SQL (articles average three per ticket)
 * @param creates tickets created through the API (and again by raw SQL) for the create-throughput figure
 * @param createClients requests in flight while creating
 * @param reads requests per read-latency figure (ticket by id, queue pages, permission lists)
 * @param readClients requests in flight while measuring read latency
 * @param searchesPerWord full-text searches per word
 * @param budgetSeconds the most time one measurement may take; a slower one stops early with fewer calls
 * @param connections concurrent WebSocket connections for the heap-per-connection figure
 * @param subscribers WebSocket subscribers of one queue while its tickets change
 * @param changesPerSecond ticket changes committed through the API per second meanwhile
 * @param changeSeconds how long the changes run
 */
record Scale(String name, int tickets, int customers, int companies, int owners, int creates, int createClients,
             int reads, int readClients, int searchesPerWord, int budgetSeconds, int connections, int subscribers,
             int changesPerSecond, int changeSeconds) {

  private static final Map<String, Scale> SCALES = Map.of(
      "quick", new Scale("quick", 20_000, 1_000, 100, 50, 2_000, 32, 2_000, 4, 100, 5, 1_000, 200, 100, 10),
      "medium", new Scale("medium", 100_000, 5_000, 200, 100, 5_000, 32, 5_000, 4, 200, 60, 10_000, 1_000, 200, 30),
      "full", new Scale("full", 1_000_000, 20_000, 1_000, 100, 10_000, 32, 5_000, 4, 200, 90, 10_000, 1_000, 200, 30));

  /** The named scale; {@code bench.changes_per_second} overrides its live-stream change rate. */
  static Scale named(String name) {
    Scale scale = SCALES.get(name);
    if (scale == null) {
      throw new IllegalArgumentException("unknown bench.scale '" + name + "'; use one of " + SCALES.keySet());
    }
    int override = Integer.getInteger("bench.changes_per_second", 0);
    int rate = override > 0 ? override : scale.changesPerSecond();
    return new Scale(scale.name(), scale.tickets(), scale.customers(), scale.companies(), scale.owners(), scale.creates(),
        scale.createClients(), scale.reads(), scale.readClients(), scale.searchesPerWord(), scale.budgetSeconds(),
        scale.connections(), scale.subscribers(), rate, scale.changeSeconds());
  }
}
