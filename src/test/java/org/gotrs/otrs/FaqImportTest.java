package org.gotrs.otrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.gotrs.db.DatabaseTarget;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Import of the OTRS FAQ add-on into the knowledge base")
class FaqImportTest {

  private static final String[] OTRS6_WITH_FAQ = {"/otrs/otrs6-schema.sql", "/otrs/otrs6-data.sql", "/otrs/faq.sql"};

  private static String one(TestServer server, String sql, Object... parameters) {
    return String.valueOf(server.scalar(sql, parameters));
  }

  @Test
  @DisplayName("the FAQ's categories, items, languages and states become knowledge-base articles; a rerun adds nothing")
  void importsTheFaq() {
    try (TestServer server = TestServer.start()) {
      DatabaseTarget source = OtrsSource.fromResources(OTRS6_WITH_FAQ);
      var run = OtrsSource.importInto(server, source, false);
      assertEquals(3L, run.report().table("faq_category").imported(), run.output());
      assertEquals(5L, run.report().table("faq_item").imported(), run.output());
      assertEquals("Hardware", one(server, "SELECT p.name FROM kb_category c JOIN kb_category p ON p.id = c.parent_id "
          + "WHERE c.name = 'Printers'"), "the tree is kept");
      List<Map<String, Object>> articles = server.sql(
          "SELECT title, language, state, array_to_string(keywords, ',') AS keywords FROM kb_article ORDER BY title");
      assertEquals(List.of(
          Map.of("title", "Drucker meldet Papierstau", "language", "de", "state", "public", "keywords", "Drucker,Papierstau"),
          Map.of("title", "Laptop docking for customers", "language", "en", "state", "internal", "keywords", "dock"),
          Map.of("title", "Printer shows paper jam", "language", "en", "state", "public", "keywords", "printer,jam,paper"),
          Map.of("title", "Unreviewed idea", "language", "en", "state", "draft", "keywords", ""),
          Map.of("title", "VPN master password", "language", "en", "state", "internal", "keywords", "vpn")), articles);
      String printer = one(server, "SELECT body FROM kb_article WHERE title = 'Printer shows paper jam'");
      assertFalse(printer.contains("script"), printer);
      assertFalse(printer.contains("Agents only"), "field 6, the agents' comment, stays out: " + printer);
      assertTrue(printer.contains("<h2>Symptom</h2><p>The display says <b>Jam</b>.</p>"), printer);
      assertTrue(printer.contains("<img src=\"data:image/png;base64,iVBORw0KGgo"), "the inline image: " + printer);
      assertTrue(one(server, "SELECT body FROM kb_article WHERE language = 'de'").contains("Fach 2 öffnen &amp; Papier"));
      assertEquals("1", one(server, "SELECT count(*) FROM kb_article_version v JOIN kb_article a ON a.id = v.article_id "
          + "WHERE a.title = 'Printer shows paper jam'"));
      assertTrue(server.get("/api/v1/kb/search?q=Papierstau&language=de").bodyAsString().contains("Drucker meldet Papierstau"));
      assertFalse(server.get("/help/").bodyAsString().contains("VPN master password"));

      assertEquals(1L, run.report().table("faq_attachment").imported(), "the inline image is in the body: " + run.output());
      assertEquals(1L, run.report().table("faq_category_group").imported(), run.output());
      assertEquals("support", one(server, "SELECT g.name FROM kb_category_group kg JOIN groups g ON g.id = kg.group_id "
          + "JOIN kb_category c ON c.id = kg.category_id WHERE c.name = 'Hardware'"), "the category's group");
      String admin = server.loginAdmin();
      long printerId = Long.parseLong(one(server, "SELECT id FROM kb_article WHERE title = 'Printer shows paper jam'"));
      var article = server.send(io.vertx.core.http.HttpMethod.GET, "/api/v1/kb/articles/" + printerId, admin, null)
          .bodyAsJsonObject();
      var file = article.getJsonArray("attachments").getJsonObject(0);
      assertEquals("Jam checklist.pdf", file.getString("filename"));
      assertEquals("application/pdf", file.getString("content_type"));
      assertTrue(server.get("/help/articles/" + printerId).bodyAsString().contains("Jam checklist.pdf"),
          "listed under the article in the help center");
      assertEquals("%PDF-1.4 checklist", server.get(file.getString("url")).bodyAsString());

      var again = OtrsSource.importInto(server, source, false);
      assertEquals(0L, again.report().table("faq_item").imported(), again.output());
      assertEquals("5", one(server, "SELECT count(*) FROM kb_article"));
    }
  }
}
