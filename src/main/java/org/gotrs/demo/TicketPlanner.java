package org.gotrs.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.gotrs.article.ArticleDraft;
import org.gotrs.article.ArticleHistory;
import org.gotrs.history.TicketHistory;

/**
 * Plans the demo tickets of the last {@link #DAYS} days: mostly on working days and hours, older ones mostly
 * closed, recent ones new, open or pending; each with a conversation of one to six articles and the history OTRS
 * would have written for it. Deterministic for a seed, so every demo installation tells the same story.
 */
final class TicketPlanner {

  static final int TICKETS = 420;
  static final int DAYS = 60;
  /** Request, hand-over note, note, answer, then either one more round or thanks and resolution. */
  static final int MAX_ARTICLES = 6;

  private static final String[] PRIORITIES = {"1 very low", "2 low", "3 normal", "4 high", "5 very high"};
  private static final int[] PRIORITY_WEIGHTS = {5, 15, 55, 18, 7};
  private static final String[] CHANNELS = {"email-external", "webrequest", "phone"};
  private static final String[] SOURCES = {"email", "web", "phone"};
  private static final int[] CHANNEL_WEIGHTS = {45, 35, 20};

  private enum Outcome { NEW, OPEN, PENDING, CLOSED, CLOSED_WITHOUT_REPLY }

  private final Phrases phrases;
  private final Cast cast;
  private final Instant now;
  private final Random random;

  TicketPlanner(Phrases phrases, Cast cast, Instant now, long seed) {
    this.phrases = phrases;
    this.cast = cast;
    this.now = now.truncatedTo(ChronoUnit.SECONDS);
    this.random = new Random(seed);
  }

  /** The tickets in the order they were created. */
  List<PlannedTicket> plan() {
    return creationTimes().stream().map(this::ticket).toList();
  }

  private List<Instant> creationTimes() {
    List<Instant> times = new ArrayList<>();
    long window = Duration.ofDays(DAYS).toSeconds();
    while (times.size() < TICKETS) {
      Instant at = now.minusSeconds(600 + (long) (random.nextDouble() * window));
      ZonedDateTime utc = at.atZone(ZoneOffset.UTC);
      double keep = (utc.getDayOfWeek().getValue() >= 6 ? 0.2 : 1.0) * (utc.getHour() >= 7 && utc.getHour() < 19 ? 1.0 : 0.1);
      if (random.nextDouble() < keep) {
        times.add(at);
      }
    }
    times.sort(null);
    return times;
  }

  private PlannedTicket ticket(Instant created) {
    Phrases.Scenario scenario = phrases.pick(random);
    Cast.Company company = any(cast.companies());
    Cast.Customer customer = any(company.users());
    int channel = weighted(CHANNEL_WEIGHTS);
    String queue = scenario.queue();
    boolean handedOver = queue.contains("::") && random.nextBoolean();
    String firstQueue = handedOver ? queue.substring(0, queue.lastIndexOf("::")) : queue;
    Cast.Agent owner = any(cast.owners().get(queue));
    Cast.Agent firstResponder = handedOver ? any(cast.owners().get(firstQueue)) : owner;
    Conversation conversation = new Conversation(phrases, scenario, random, company, customer, CHANNELS[channel]);
    Outcome outcome = outcome(Duration.between(created, now).toDays());

    Timeline timeline = new Timeline(created, cast.queue(firstQueue), cast.state("new"));
    UUID takenBy = channel == 2 ? firstResponder.id() : null;
    int request = timeline.article(conversation.request(created), takenBy, outcome != Outcome.NEW);
    timeline.history(TicketHistory.Change.of("NewTicket", "%%" + PlannedTicket.TN + "%%" + conversation.title(), null,
        PlannedTicket.TN), -1, takenBy);
    timeline.history(ArticleHistory.forNewArticle(timeline.draft(request)), request, takenBy);
    if (outcome == Outcome.NEW || !timeline.advance(firstResponse())) {
      if (random.nextInt(6) == 0 && timeline.advance(Duration.ofHours(20 + random.nextInt(30)))) {
        timeline.customerWrites(conversation.followUp(owner, timeline.now()), false);
      }
      return timeline.ticket(conversation, scenario, company, customer, channel, takenBy);
    }

    if (handedOver) {
      timeline.note(conversation.note(firstResponder, true, timeline.now()), firstResponder);
      timeline.move(cast.queue(queue), firstResponder);
      timeline.advance(Duration.ofMinutes(20 + random.nextInt(240)));
    }
    boolean locks = random.nextInt(10) < (outcome == Outcome.OPEN || outcome == Outcome.PENDING ? 7 : 5);
    timeline.take(owner, locks);
    timeline.state(cast.state("open"), "new", "open", owner);
    if (random.nextInt(3) == 0) {
      timeline.note(conversation.note(owner, false, timeline.now()), owner);
    }
    timeline.agentWrites(conversation.answer(owner, timeline.now()), owner);

    int rounds = timeline.articleCount() <= 2 ? random.nextInt(2) : 0;
    for (int round = 0; round < rounds && timeline.advance(customerDelay()); round++) {
      timeline.customerWrites(conversation.followUp(owner, timeline.now()), true);
      if (outcome == Outcome.OPEN && random.nextBoolean() || !timeline.advance(firstResponse())) {
        return timeline.ticket(conversation, scenario, company, customer, channel, takenBy);
      }
      timeline.agentWrites(conversation.answer(owner, timeline.now()), owner);
    }

    switch (outcome) {
      case PENDING -> {
        long until = timeline.now().plus(Duration.ofHours(24 + random.nextInt(72))).getEpochSecond();
        timeline.state(cast.state("pending reminder"), "open", "pending reminder", owner);
        timeline.history(TicketHistory.Change.of("SetPendingTime", "%%" + until, 0, until), -1, owner.id());
        timeline.pendUntil(until);
      }
      case CLOSED -> {
        if (random.nextInt(5) < 3 && timeline.advance(customerDelay())) {
          timeline.customerWrites(conversation.thanks(owner, timeline.now()), true);
        }
        if (timeline.advance(Duration.ofMinutes(5 + random.nextInt(120)))) {
          timeline.agentWrites(conversation.resolution(owner, timeline.now()), owner);
          timeline.close(cast.state("closed successful"), "closed successful", owner);
        }
      }
      case CLOSED_WITHOUT_REPLY -> {
        if (timeline.advance(Duration.ofDays(7))) {
          timeline.agentWrites(conversation.closedWithoutReply(owner, timeline.now()), owner);
          timeline.close(cast.state("closed unsuccessful"), "closed unsuccessful", owner);
        }
      }
      default -> { }
    }
    return timeline.ticket(conversation, scenario, company, customer, channel, takenBy);
  }

  /** Older tickets are mostly done; the last days' are still being worked on. */
  private Outcome outcome(long ageDays) {
    int roll = random.nextInt(100);
    if (ageDays > 14) {
      return roll < 85 ? Outcome.CLOSED : roll < 92 ? Outcome.CLOSED_WITHOUT_REPLY : roll < 96 ? Outcome.PENDING : Outcome.OPEN;
    }
    if (ageDays >= 3) {
      return roll < 50 ? Outcome.CLOSED : roll < 55 ? Outcome.CLOSED_WITHOUT_REPLY : roll < 75 ? Outcome.OPEN
          : roll < 92 ? Outcome.PENDING : Outcome.NEW;
    }
    return roll < 30 ? Outcome.NEW : roll < 65 ? Outcome.OPEN : roll < 80 ? Outcome.PENDING : Outcome.CLOSED;
  }

  private Duration firstResponse() {
    return Duration.ofMinutes(10 + random.nextInt(8 * 60));
  }

  private Duration customerDelay() {
    return Duration.ofMinutes(30 + random.nextInt(2 * 24 * 60));
  }

  private <T> T any(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  private int weighted(int[] weights) {
    int roll = random.nextInt(java.util.Arrays.stream(weights).sum());
    for (int i = 0; i < weights.length; i++) {
      roll -= weights[i];
      if (roll < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** The ticket as it evolves: its articles and history in order, and where it stands after each step. */
  private final class Timeline {

    private final Instant created;
    private final List<PlannedTicket.Article> articles = new ArrayList<>();
    private final List<PlannedTicket.History> history = new ArrayList<>();
    private Instant at;
    private int queueId;
    private int stateId;
    private UUID ownerId;
    private int lockId = 1;
    private long untilTime;

    Timeline(Instant created, int queueId, int stateId) {
      this.created = created;
      this.at = created;
      this.queueId = queueId;
      this.stateId = stateId;
    }

    Instant now() {
      return at;
    }

    /** Moves the clock on; false (and no move) when that would reach the present. */
    boolean advance(Duration by) {
      Instant next = at.plus(by);
      if (!next.isBefore(now)) {
        return false;
      }
      at = next;
      return true;
    }

    int articleCount() {
      return articles.size();
    }

    ArticleDraft draft(int article) {
      return articles.get(article).draft();
    }

    int article(ArticleDraft draft, UUID by, boolean read) {
      articles.add(new PlannedTicket.Article(at, draft, by, read));
      return articles.size() - 1;
    }

    void history(TicketHistory.Change change, int article, UUID by) {
      history.add(new PlannedTicket.History(at, change.type(), change.name(), change.oldValue(), change.newValue(),
          article, queueId, stateId, ownerId, by));
    }

    void customerWrites(ArticleDraft draft, boolean read) {
      int article = article(draft, null, read);
      history(ArticleHistory.forFollowUp(draft), article, null);
    }

    void agentWrites(ArticleDraft draft, Cast.Agent agent) {
      int article = article(draft, agent.id(), true);
      history(ArticleHistory.forNewArticle(draft), article, agent.id());
    }

    void note(ArticleDraft draft, Cast.Agent agent) {
      if (draft != null) {
        agentWrites(draft, agent);
      }
    }

    void move(int toQueue, Cast.Agent agent) {
      int from = queueId;
      queueId = toQueue;
      history(TicketHistory.Change.of("Move", "%%" + from + "%%" + toQueue, from, toQueue), -1, agent.id());
    }

    void take(Cast.Agent agent, boolean lock) {
      ownerId = agent.id();
      history(TicketHistory.Change.of("OwnerUpdate", "%%" + agent.id(), null, agent.id()), -1, agent.id());
      if (lock) {
        lockId = 2;
        history(TicketHistory.Change.of("Lock", "%%lock", 1, 2), -1, agent.id());
      }
    }

    void state(int toState, String fromName, String toName, Cast.Agent agent) {
      stateId = toState;
      history(TicketHistory.Change.of("StateUpdate", "%%" + fromName + "%%" + toName + "%%", fromName, toName), -1,
          agent.id());
    }

    void pendUntil(long until) {
      untilTime = until;
    }

    void close(int closedState, String closedName, Cast.Agent agent) {
      state(closedState, "open", closedName, agent);
      if (lockId == 2) {
        lockId = 1;
        history(TicketHistory.Change.of("Unlock", "%%unlock", 2, 1), -1, agent.id());
      }
    }

    PlannedTicket ticket(Conversation conversation, Phrases.Scenario scenario, Cast.Company company,
                         Cast.Customer customer, int channel, UUID createdBy) {
      return new PlannedTicket(created, at, conversation.title(), queueId, stateId, cast.priority(PRIORITIES[weighted(PRIORITY_WEIGHTS)]),
          cast.types().get(scenario.type()), scenario.service() == null ? null : cast.services().get(scenario.service()),
          company.slaId(), ownerId, lockId, untilTime, company.customerId(), customer.id(), SOURCES[channel],
          scenario.tags(), createdBy, List.copyOf(articles), List.copyOf(history));
    }
  }
}
