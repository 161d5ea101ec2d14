package org.gotrs.drills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.gotrs.testing.Await;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@Tag("drills")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputDrillTest {

  private Vertx clients;
  private TestServer server;
  private Http http;
  private DrillWorld world;

  @BeforeAll
  void start() {
    clients = Vertx.vertx();
    server = TestServer.start(Servers.unthrottled()
        .put("tickets", new JsonObject().put("attachment_storage", "filesystem").put("attachment_max_bytes", 256 * 1024))
        .put("http", Servers.unthrottled().getJsonObject("http").copy().put("request_timeout_seconds", 3)));
    http = new Http(clients, server.port());
    world = new DrillWorld(server, http);
  }

  @AfterAll
  void stop() {
    http.close();
    server.close();
    DrillDatabases.drop(server.database());
    TestServer.await(clients.close());
  }

  @Test
  @DisplayName("generated hostile requests against every route, the GenericInterface's included: no 5xx, no stack "
      + "trace, problem+json for every 4xx of the API, and a rejected write changes no data")
  void everyRouteWithstandsHostileRequests() {
    RouteCatalog catalog = RouteCatalog.of(server.app(), http).withGenericInterface();
    List<HostileRequests.Probe> probes = HostileRequests.generate(catalog, world, Drill.full());
    List<String> failures = new ArrayList<>();
    Map<String, Integer> statuses = new TreeMap<>();
    int writesChecked = 0;
    try (DataDigest digest = new DataDigest(server.database())) {
      Map<String, String> current = digest.take();
      for (HostileRequests.Probe probe : probes) {
        String token = probe.anonymous() ? null : probe.freshToken() ? server.loginAdmin() : world.admin;
        if (probe.freshToken()) {
          current = digest.take(); // the login itself writes (last login time); only the probe is judged
        }
        Map<String, String> headers = probe.contentType() == null ? Map.of() : Map.of("Content-Type", probe.contentType());
        Http.Answer answer;
        try {
          answer = http.send(probe.method(), probe.uri(), token, headers, probe.body());
        } catch (IllegalStateException noAnswer) {
          failures.add(describe(probe) + " got no answer: " + noAnswer.getMessage());
          continue;
        }
        statuses.merge(answer.otrsError() ? "2xx with OTRS's Error" : answer.status() / 100 + "xx", 1, Integer::sum);
        if (answer.status() >= 500) {
          failures.add(describe(probe) + " → " + answer.status() + " " + head(answer.text()));
        }
        if (answer.leaks()) {
          failures.add(describe(probe) + " leaked internals: " + head(answer.text()));
        }
        if (probe.uri().startsWith("/api/") && answer.status() >= 400 && answer.status() < 500
            && answer.status() != 414 && answer.status() != 431 && !answer.problemJson()) {
          failures.add(describe(probe) + " → " + answer.status() + " without problem+json: " + head(answer.text()));
        }
        if (probe.writes()) {
          Map<String, String> after = digest.take();
          if (answer.refused()) {
            writesChecked++;
            List<String> changed = DataDigest.changed(current, after).stream()
                .filter(table -> !(probe.signsIn() && table.equals(DataDigest.LOCKOUT)))
                .toList();
            if (!changed.isEmpty()) {
              failures.add(describe(probe) + " was rejected with " + answer.status() + " but changed " + changed);
            }
          }
          current = after;
        }
      }
    }
    DrillReport report = new DrillReport("hostile-input");
    report.put("routes", catalog.endpoints().size() + " (from " + catalog.source() + ")")
        .put("requests", probes.size())
        .put("answers by class", statuses)
        .put("rejected writes checked for data changes", writesChecked)
        .put("findings", failures.size());
    failures.stream().limit(50).forEach(report::line);
    report.write();
    assertEquals(List.of(), failures.stream().limit(50).toList());
  }

  @Test
  @DisplayName("oversize bodies and uploads are refused with 413 and leave nothing behind; hostile file names are "
      + "stored harmlessly and cannot reach outside the data directory")
  void oversizeBodiesAndHostileFileNames() throws Exception {
    long ticket = world.ticketA.getLong("id");
    String attachments = "/api/v1/tickets/" + ticket + "/articles/" + world.articleA + "/attachments";
    Path dataDir = server.app().config().dataPath();
    try (DataDigest digest = new DataDigest(server.database())) {
      Map<String, String> before = digest.take();
      Http.Answer bigJson = http.json(HttpMethod.POST, "/api/v1/tickets", world.admin,
          Buffer.buffer("{\"title\":\"" + "b".repeat(2_000_000) + "\"}"));
      assertEquals(413, bigJson.status());
      assertTrue(bigJson.problemJson());
      Http.Answer bigFile = upload(attachments, "big.bin", "application/octet-stream", new byte[300 * 1024]);
      assertEquals(413, bigFile.status(), bigFile.text());
      assertTrue(bigFile.problemJson());
      assertEquals(413, uploadChunked(attachments, 300 * 1024), "an upload without Content-Length is cut off as well");
      assertEquals(List.of(), DataDigest.changed(before, digest.take()), "refused uploads change nothing");
    }
    Await.until(java.time.Duration.ofSeconds(10), () -> leftovers(dataDir.resolve("tmp")) == 0,
        () -> "temporary upload files were left behind in " + dataDir.resolve("tmp"));

    String marker = "gotrs-drill-" + UUID.randomUUID();
    Path escaped = Path.of("/tmp", marker + ".txt");
    List<String> names = List.of("../../../../../../tmp/" + marker + ".txt", "..\\..\\" + marker + ".bat",
        "/etc/passwd", "a\u0000b.txt", "x\r\nSet-Cookie: a=b.txt", "\u202Etxt.exe", "n".repeat(300) + ".pdf", "",
        ".", "..", "%2e%2e%2fetc%2fpasswd", "<script>alert(1)</script>.html", "con.txt");
    List<String> findings = new ArrayList<>();
    for (String name : names) {
      byte[] content = ("content of " + name).getBytes(StandardCharsets.UTF_8);
      Http.Answer stored = upload(attachments, name, "text/html", content);
      if (stored.status() >= 500 || stored.leaks()) {
        findings.add("upload of '" + name + "' → " + stored.status() + " " + stored.text());
        continue;
      }
      if (stored.status() != 201) {
        continue;
      }
      long id = stored.json().getJsonArray("items").getJsonObject(0).getLong("id");
      Http.Answer download = http.get(attachments + "/" + id, world.admin);
      String disposition = String.valueOf(download.headers().get("Content-Disposition"));
      String filename = disposition.replaceAll("^.*filename=\"([^\"]*)\".*$", "$1");
      if (download.status() != 200 || disposition.contains("\r") || disposition.contains("\n")
          || filename.contains("/") || filename.contains("\\")
          || !"application/octet-stream".equals(download.headers().get("Content-Type"))
          || !java.util.Arrays.equals(content, download.body().getBytes())) {
        findings.add("download of '" + name + "' → " + download.status() + " " + disposition + " "
            + download.headers().get("Content-Type"));
      }
    }
    assertTrue(Files.notExists(escaped), "an upload escaped to " + escaped);
    assertEquals(List.of(), named(dataDir.getParent(), marker), "no file anywhere carries the hostile name");
    assertEquals(List.of(), findings);
  }

  /**
   * The files under {@code root}, four levels deep, whose name contains {@code marker}; what other test JVMs delete
   * from under the walk meanwhile is skipped.
   */
  private static List<Path> named(Path root, String marker) throws IOException {
    List<Path> found = new ArrayList<>();
    Files.walkFileTree(root, java.util.Set.of(), 4, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
        if (file.getFileName().toString().contains(marker)) {
          found.add(file);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException gone) {
        return FileVisitResult.CONTINUE;
      }
    });
    return found;
  }

  private Http.Answer upload(String uri, String filename, String type, byte[] content) {
    String boundary = "drill-" + UUID.randomUUID();
    Buffer body = Buffer.buffer()
        .appendString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
            + filename.replace("\"", "%22") + "\"\r\nContent-Type: " + type + "\r\n\r\n")
        .appendBytes(content)
        .appendString("\r\n--" + boundary + "--\r\n");
    return http.send(HttpMethod.POST, uri, world.admin, Map.of("Content-Type", "multipart/form-data; boundary=" + boundary),
        body);
  }

  /** A multipart upload in chunked encoding, so the server cannot judge it by a declared length. */
  private int uploadChunked(String uri, int size) {
    String boundary = "drill-chunked";
    try (RawClient raw = new RawClient(server.port())) {
      raw.write("POST " + uri + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + world.admin
          + "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\nTransfer-Encoding: chunked\r\n\r\n");
      chunk(raw, ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.bin\"\r\n"
          + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      byte[] piece = new byte[16 * 1024];
      for (int sent = 0; sent < size; sent += piece.length) {
        if (!chunk(raw, piece)) {
          break;
        }
      }
      chunk(raw, ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      raw.write("0\r\n\r\n");
      return raw.status(15_000);
    }
  }

  private static boolean chunk(RawClient raw, byte[] bytes) {
    return raw.write(Integer.toHexString(bytes.length) + "\r\n") && raw.write(bytes) && raw.write("\r\n");
  }

  private static long leftovers(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (var files = Files.list(dir)) {
      return files.count();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String describe(HostileRequests.Probe probe) {
    return probe.method() + " " + head(probe.uri()) + " [" + probe.label() + (probe.anonymous() ? ", anonymous" : "") + "]";
  }

  private static String head(String text) {
    return text.length() > 160 ? text.substring(0, 157) + "..." : text;
  }
}
