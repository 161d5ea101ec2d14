package org.gotrs.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.gotrs.json.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The demo's data files, checked where a slip while editing them would only show as odd demo tickets. */
class DemoTextsTest {

  private static final Set<String> PLACEHOLDERS = Set.of("customer", "customer_first", "title", "company",
      "company_short", "invoice", "agent", "agent_first");

  private final Organisation organisation = read("/demo/organisation.json", Organisation.class);
  private final Phrases phrases = read("/demo/scenarios.json", Phrases.class);

  @Test
  @DisplayName("every scenario has as many questions and answers as titles, and lands in a demo queue with owners")
  void scenariosAreComplete() {
    Set<String> queues = organisation.queues().stream().map(Organisation.Queue::name).collect(Collectors.toSet());
    for (Phrases.Scenario scenario : phrases.scenarios()) {
      String name = scenario.titles().get(0);
      assertEquals(scenario.titles().size(), scenario.questions().size(), name);
      assertEquals(scenario.titles().size(), scenario.answers().size(), name);
      assertFalse(scenario.resolutions().isEmpty(), name);
      assertTrue(scenario.weight() > 0, name);
      assertTrue(queues.contains(scenario.queue()), name + " lands in " + scenario.queue());
      assertTrue(organisation.types().contains(scenario.type()) || scenario.type().equals("Unclassified"), name);
      assertTrue(scenario.service() == null
          || organisation.services().stream().anyMatch(service -> service.name().equals(scenario.service())), name);
    }
    for (Organisation.Queue queue : organisation.queues()) {
      assertTrue(organisation.agents().stream().anyMatch(agent -> organisation.rwGroups(agent).contains(queue.group())),
          "someone may own tickets in " + queue.name());
    }
  }

  @Test
  @DisplayName("the texts use only the placeholders a conversation fills in")
  void placeholdersAreKnown() {
    List<String> texts = new ArrayList<>();
    Stream.of(phrases.customerOpenings(), phrases.customerClosings(), phrases.agentOpenings(), phrases.agentClosings(),
        phrases.followUps(), phrases.thanks(), phrases.closedWithoutReply(), phrases.handovers()).forEach(texts::addAll);
    phrases.scenarios().forEach(scenario -> Stream.of(scenario.titles(), scenario.questions(), scenario.answers(),
        scenario.notes(), scenario.resolutions()).forEach(texts::addAll));
    Matcher matcher = Pattern.compile("\\{([a-z_]+)}").matcher(String.join("\n", texts));
    while (matcher.find()) {
      assertTrue(PLACEHOLDERS.contains(matcher.group(1)), "unknown placeholder {" + matcher.group(1) + "}");
    }
  }

  private static <T> T read(String resource, Class<T> type) {
    try (InputStream in = DemoTextsTest.class.getResourceAsStream(resource)) {
      return Json.MAPPER.readValue(in, type);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
