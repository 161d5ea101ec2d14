package org.gotrs.demo;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gotrs.article.ArticleDraft;
import org.gotrs.article.body.ArticleBody;
import org.gotrs.http.Html;

/**
 * The articles of one demo ticket, written from the phrase bank: the customer's request and follow-ups, the
 * agents' answers and internal notes. Some mails are HTML, as real mail clients send them.
 */
final class Conversation {

  static final String SUPPORT_ADDRESS = "support@example.com";
  private static final String HTML = "text/html; charset=utf-8";

  private final Phrases phrases;
  private final Phrases.Scenario scenario;
  private final Random random;
  private final Cast.Customer customer;
  private final String title;
  private final String channel;
  private final int variant;
  private final Map<String, String> values = new HashMap<>();

  /** @param channel the article type customers write with: {@code email-external}, {@code webrequest} or {@code phone} */
  Conversation(Phrases phrases, Phrases.Scenario scenario, Random random, Cast.Company company, Cast.Customer customer,
               String channel) {
    this.phrases = phrases;
    this.scenario = scenario;
    this.random = random;
    this.customer = customer;
    this.channel = channel;
    values.put("customer", customer.name());
    values.put("customer_first", customer.firstName());
    values.put("title", customer.title() == null ? "" : customer.title());
    values.put("company", company.name());
    values.put("company_short", company.name().split(" ")[0]);
    values.put("invoice", "INV-%d-%05d".formatted(2026, 10_000 + random.nextInt(90_000)));
    this.variant = random.nextInt(scenario.titles().size());
    this.title = Phrases.fill(scenario.titles().get(variant), values);
  }

  String title() {
    return title;
  }

  /** The first article: the customer's request (on the phone, taken down by an agent). */
  ArticleDraft request(Instant at) {
    List<String> openings = phrases.customerOpenings().stream().filter(text -> !text.contains("{agent")).toList();
    return fromCustomer(channel, title, Phrases.any(openings, random), scenario.questions().get(variant), at);
  }

  ArticleDraft followUp(Cast.Agent agent, Instant at) {
    return fromCustomer(followUpType(), "RE: " + title, Phrases.any(phrases.customerOpenings(), random),
        Phrases.any(phrases.followUps(), random), at, agent);
  }

  ArticleDraft thanks(Cast.Agent agent, Instant at) {
    return fromCustomer(followUpType(), "RE: " + title, Phrases.any(phrases.customerOpenings(), random),
        Phrases.any(phrases.thanks(), random), at, agent);
  }

  ArticleDraft answer(Cast.Agent agent, Instant at) {
    return fromAgent(agent, scenario.answers().get(variant), at);
  }

  ArticleDraft resolution(Cast.Agent agent, Instant at) {
    return fromAgent(agent, Phrases.any(scenario.resolutions(), random), at);
  }

  ArticleDraft closedWithoutReply(Cast.Agent agent, Instant at) {
    return fromAgent(agent, Phrases.any(phrases.closedWithoutReply(), random), at);
  }

  /**
   * A hand-over note, or the scenario's note for this ticket's variant of the request (a single note fits them all);
   * null when there is none.
   */
  ArticleDraft note(Cast.Agent agent, boolean handover, Instant at) {
    List<String> notes = scenario.notes();
    String text = handover ? Phrases.any(phrases.handovers(), random)
        : notes.size() == 1 ? notes.get(0)
        : variant < notes.size() ? notes.get(variant) : null;
    if (text == null) {
      return null;
    }
    return new ArticleDraft("note-internal", ArticleDraft.AGENT, agent.name(), null, null, "Note",
        ArticleBody.of("text/plain", text), true, null, null, null, at.getEpochSecond());
  }

  private String followUpType() {
    return channel.equals("phone") ? "email-external" : channel;
  }

  private ArticleDraft fromCustomer(String type, String subject, String opening, String text, Instant at) {
    return fromCustomer(type, subject, opening, text, at, null);
  }

  private ArticleDraft fromCustomer(String type, String subject, String opening, String text, Instant at,
                                    Cast.Agent agent) {
    Map<String, String> filled = agent == null ? values : with(agent);
    String body = Phrases.fill(opening + "\n\n" + text + "\n\n" + Phrases.any(phrases.customerClosings(), random), filled);
    boolean html = type.equals("email-external") && random.nextInt(4) == 0;
    return new ArticleDraft(type, ArticleDraft.CUSTOMER, "\"" + customer.name() + "\" <" + customer.email() + ">",
        SUPPORT_ADDRESS, null, subject, html ? ArticleBody.of(HTML, html(body)) : ArticleBody.of("text/plain", body),
        false, null, null, null, at.getEpochSecond());
  }

  private ArticleDraft fromAgent(Cast.Agent agent, String text, Instant at) {
    String body = Phrases.fill(Phrases.any(phrases.agentOpenings(), random) + "\n\n" + text + "\n\n"
        + Phrases.any(phrases.agentClosings(), random), with(agent));
    boolean html = random.nextInt(3) == 0;
    return new ArticleDraft("email-external", ArticleDraft.AGENT,
        "\"" + agent.name() + " via Service Desk\" <" + SUPPORT_ADDRESS + ">", customer.email(), null, "RE: " + title,
        html ? ArticleBody.of(HTML, html(body)) : ArticleBody.of("text/plain", body), false, null, null, null,
        at.getEpochSecond());
  }

  private Map<String, String> with(Cast.Agent agent) {
    Map<String, String> filled = new HashMap<>(values);
    filled.put("agent", agent.name());
    filled.put("agent_first", agent.firstName());
    return filled;
  }

  /** Paragraphs become {@code <p>}, line breaks {@code <br>}; the sanitiser sees it like any other HTML mail. */
  private static String html(String text) {
    StringBuilder html = new StringBuilder("<div style=\"font-family: Arial, sans-serif\">");
    for (String paragraph : text.split("\n\n")) {
      String escaped = Html.escape(paragraph);
      html.append("<p>").append(escaped.replace("\n", "<br>")).append("</p>");
    }
    return html.append("</div>").toString();
  }
}
