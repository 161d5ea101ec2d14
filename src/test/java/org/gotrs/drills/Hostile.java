package org.gotrs.drills;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What an attacker or a broken client sends: JSON values of the wrong type and size, injection strings, text no
 * decoder should accept, bodies that are not JSON at all, path segments and query strings built to confuse.
 * Values are raw JSON text, so numbers no JSON library would write (1e309, 40 digits) and lone surrogates get
 * through as sent.
 */
final class Hostile {

  private Hostile() {}

  /** A JSON value as raw text, with a short label for reports. */
  record Value(String label, String json) {}

  /** A whole request body with its content type (null = none sent). */
  record Body(String label, Buffer bytes, String contentType) {}

  static final List<Value> VALUES = List.of(
      new Value("null", "null"),
      new Value("true", "true"),
      new Value("zero", "0"),
      new Value("minus one", "-1"),
      new Value("fraction", "1.5"),
      new Value("int overflow", "2147483648"),
      new Value("long overflow", "-9223372036854775809"),
      new Value("40 digits", "1234567890123456789012345678901234567890"),
      new Value("1e309", "1e309"),
      new Value("tiny exponent", "1e-400"),
      new Value("empty string", "\"\""),
      new Value("blank", "\"   \""),
      new Value("70k string", "\"" + "x".repeat(70_000) + "\""),
      new Value("sql quote", "\"' OR '1'='1' -- \""),
      new Value("sql drop", "\"1; DROP TABLE ticket; --\""),
      new Value("script", "\"<script>alert(1)</script>\""),
      new Value("svg onload", "\"\\\"><svg onload=alert(1)>\""),
      new Value("path traversal", "\"../../../../etc/passwd\""),
      new Value("windows traversal", "\"..\\\\..\\\\boot.ini\""),
      new Value("lone backslash", "\"\\\\\""),
      new Value("LIKE wildcards", "\"%_%\""),
      new Value("NUL", "\"\\u0000\""),
      new Value("embedded NUL", "\"a\\u0000b\""),
      new Value("lone high surrogate", "\"\\ud800\""),
      new Value("lone low surrogate", "\"x\\udc00\""),
      new Value("right-to-left override", "\"\\u202Eevil.exe\""),
      new Value("jndi", "\"${jndi:ldap://127.0.0.1:1/a}\""),
      new Value("format string", "\"%s%s%s%n\""),
      new Value("CRLF header", "\"a\\r\\nX-Injected: 1\""),
      new Value("emoji flood", "\"" + "\uD83D\uDE42".repeat(3_000) + "\""),
      new Value("bad date", "\"2026-13-45T99:99:99Z\""),
      new Value("nil uuid", "\"00000000-0000-0000-0000-000000000000\""),
      new Value("numeric string", "\"42\""),
      new Value("empty array", "[]"),
      new Value("array of null", "[null]"),
      new Value("nested arrays", "[[[[1]]]]"),
      new Value("10k array", "[" + "1,".repeat(9_999) + "1]"),
      new Value("empty object", "{}"),
      new Value("mongo operator", "{\"$gt\":\"\"}"),
      new Value("200 deep", "[".repeat(200) + "]".repeat(200)));

  static final List<Body> BODIES = List.of(
      body("empty", ""),
      body("open brace", "{"),
      body("JSON null", "null"),
      body("JSON array", "[]"),
      body("array of object", "[{}]"),
      body("number", "123"),
      body("string", "\"text\""),
      body("missing value", "{\"a\":}"),
      body("single quotes", "{'title':'x'}"),
      body("trailing comma", "{\"title\":\"x\",}"),
      body("trailing garbage", "{\"title\":\"x\"}garbage"),
      body("comment", "/* hi */ {}"),
      body("NaN literal", "{\"title\":NaN}"),
      body("duplicate keys", "{\"title\":\"a\",\"title\":\"b\"}"),
      bytes("invalid UTF-8", concat("{\"title\":\"", new byte[] {(byte) 0xC3, 0x28}, "\",\"name\":\"x\"}"), "application/json"),
      bytes("overlong UTF-8 slash", concat("{\"title\":\"", new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"}"), "application/json"),
      bytes("0xFF bytes", new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xFF}, "application/json"),
      bytes("UTF-16 JSON", "{\"title\":\"x\"}".getBytes(StandardCharsets.UTF_16LE), "application/json"),
      body("100k deep arrays", "[".repeat(100_000) + "]".repeat(100_000)),
      body("5000 deep objects", "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)),
      body("10k keys", "{" + keys(10_000) + "}"),
      body("900k title", "{\"title\":\"" + "y".repeat(900_000) + "\",\"name\":\"n\"}"),
      body("1.5 MB body", "{\"title\":\"" + "z".repeat(1_500_000) + "\"}"),
      new Body("text/plain", Buffer.buffer("{\"title\":\"x\"}"), "text/plain"),
      new Body("form-encoded", Buffer.buffer("title=x&name=y"), "application/x-www-form-urlencoded"),
      new Body("XML", Buffer.buffer("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"),
          "application/xml"),
      new Body("multipart without boundary", Buffer.buffer("--x\r\n\r\n--x--"), "multipart/form-data"),
      new Body("no content type", Buffer.buffer("{\"title\":\"x\"}"), null));

  /** Path segments: ids that are not ids, traversal, encodings that decode to trouble. */
  static final List<String> PATH_VALUES = List.of("0", "-1", "abc", "1.5", "1e3", "9223372036854775808",
      "99999999999999999999", "%00", "%2e%2e", "..%2F..%2Fetc%2Fpasswd", "%27%20OR%201%3D1", "%3Cscript%3E",
      "%F0%9F%99%82", "00000000-0000-0000-0000-000000000000", "%20", "%C3%28", "x".repeat(2_000));

  /** Query strings for lists and searches. */
  static final List<String> QUERIES = List.of("limit=-1", "limit=abc", "limit=1e99", "limit=99999999999",
      "cursor=%00", "cursor=eyJ9", "cursor=" + "A".repeat(500), "q=%27%20OR%20%271%27%3D%271", "q=%00",
      "q=%C3%28", "q=" + "x".repeat(3_000), "state_type=nope", "queue_id=1%3BDROP", "queue_id=-1",
      "owner_id=abc", "tag=%3Cscript%3E", "valid_id=x", "limit=1&limit=2", "%ZZ=1", "q=%", "since=abc",
      "customer_id=%27", "priority_id=2147483648", "state=%00");

  /** Fields a request should never be able to set, whatever the route. */
  static final String EXTRA_FIELDS = "\"id\":1,\"tn\":\"2026010110000001\",\"create_by\":\"00000000-0000-0000-0000-000000000000\","
      + "\"is_admin\":true,\"admin\":true,\"__proto__\":{\"admin\":true},\"password_hash\":\"x\",\"valid_id\":1";

  private static Body body(String label, String text) {
    return new Body(label, Buffer.buffer(text), "application/json");
  }

  private static Body bytes(String label, byte[] bytes, String contentType) {
    return new Body(label, Buffer.buffer(bytes), contentType);
  }

  private static byte[] concat(String before, byte[] middle, String after) {
    Buffer buffer = Buffer.buffer(before).appendBytes(middle).appendString(after);
    return buffer.getBytes();
  }

  private static String keys(int count) {
    List<String> keys = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      keys.add("\"k" + i + "\":" + i);
    }
    return String.join(",", keys);
  }
}
