package org.gotrs.demo;

import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The phrase bank of {@code demo/scenarios.json}: what customers ask and agents answer, per kind of request.
 * Texts hold placeholders such as {@code {customer_first}} that {@link #fill} replaces.
 */
record Phrases(List<String> customerOpenings, List<String> customerClosings, List<String> agentOpenings,
               List<String> agentClosings, List<String> followUps, List<String> thanks,
               List<String> closedWithoutReply, List<String> handovers, List<Scenario> scenarios) {

  /**
   * One kind of request: where it lands, and the texts of its conversation. {@code titles}, {@code questions} and
   * {@code answers} are variants of the request, matched by position; so are {@code notes} when there are several.
   */
  record Scenario(String queue, String type, String service, List<String> tags, int weight, List<String> titles,
                  List<String> questions, List<String> answers, List<String> notes, List<String> resolutions) {}

  /** A scenario, more often the higher its weight. */
  Scenario pick(Random random) {
    int total = scenarios.stream().mapToInt(Scenario::weight).sum();
    int ticket = random.nextInt(total);
    for (Scenario scenario : scenarios) {
      ticket -= scenario.weight();
      if (ticket < 0) {
        return scenario;
      }
    }
    throw new IllegalStateException("weights do not add up");
  }

  static String any(List<String> texts, Random random) {
    return texts.get(random.nextInt(texts.size()));
  }

  static String fill(String text, Map<String, String> values) {
    String filled = text;
    for (var value : values.entrySet()) {
      filled = filled.replace("{" + value.getKey() + "}", value.getValue());
    }
    return filled;
  }
}
