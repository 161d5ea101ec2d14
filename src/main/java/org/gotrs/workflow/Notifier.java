package org.gotrs.workflow;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Hex;
import org.gotrs.config.Config;

/**
 * Tells the outside world about a workflow run, after the run has committed: webhooks (a JSON POST, signed
 * with HMAC-SHA256 in {@code X-GOTRS-Signature: sha256=<hex>} when the action has a secret, retried with
 * exponential backoff on network errors, 429 and 5xx) and e-mail through the configured SMTP server.
 */
public final class Notifier {

  /** Header carrying {@code sha256=<hex of HMAC-SHA256(secret, body)>}. */
  public static final String SIGNATURE_HEADER = "X-GOTRS-Signature";

  /** A notification a run owes: the action and what it is about. */
  record Notification(Action action, JsonObject payload) {}

  private final Vertx vertx;
  private final WebClient web;
  private final MailClient mail;
  private final String mailFrom;
  private final Config.Workflows config;

  public Notifier(Vertx vertx, Config.Workflows config, Config.Smtp smtp) {
    this.vertx = vertx;
    this.config = config;
    this.web = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(config.webhookTimeoutMillis())
        .setIdleTimeout(config.webhookTimeoutMillis()).setUserAgent("GOTRS-Webhook/1").setFollowRedirects(false));
    if (smtp != null && smtp.enabled()) {
      MailConfig mailConfig = new MailConfig().setHostname(smtp.host()).setPort(smtp.port())
          .setStarttls(smtp.tls() ? StartTLSOptions.REQUIRED : StartTLSOptions.OPTIONAL);
      if (smtp.user() != null && !smtp.user().isBlank()) {
        mailConfig.setUsername(smtp.user()).setPassword(smtp.password()).setLogin(LoginOption.REQUIRED);
      }
      this.mail = MailClient.create(vertx, mailConfig);
      this.mailFrom = smtp.user() != null && smtp.user().contains("@") ? smtp.user() : "gotrs@localhost";
    } else {
      this.mail = null;
      this.mailFrom = null;
    }
  }

  public boolean mailConfigured() {
    return mail != null;
  }

  /** Sends it; the answer is what the run's history records ({@code status} sent or failed, attempts, error). */
  Future<JsonObject> deliver(Notification notification) {
    Action action = notification.action();
    return action.type().equals("webhook") ? webhook(action.config(), notification.payload())
        : email(action.config(), notification.payload());
  }

  private Future<JsonObject> webhook(JsonObject action, JsonObject payload) {
    Buffer body = payload.toBuffer();
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json")
        .add("X-GOTRS-Event", "workflow.run")
        .add("X-GOTRS-Delivery", payload.getString("run_id", ""));
    JsonObject extra = action.getJsonObject("headers", new JsonObject());
    extra.forEach(entry -> headers.set(entry.getKey(), String.valueOf(entry.getValue())));
    String secret = action.getString("secret");
    if (secret != null && !secret.isEmpty()) {
      headers.set(SIGNATURE_HEADER, "sha256=" + sign(secret, body));
    }
    JsonObject result = new JsonObject().put("type", "webhook").put("url", action.getString("url"));
    return attempt(action.getString("url"), headers, body, 1, result);
  }

  private Future<JsonObject> attempt(String url, MultiMap headers, Buffer body, int attempt, JsonObject result) {
    return web.postAbs(url).putHeaders(headers).timeout(config.webhookTimeoutMillis()).sendBuffer(body)
        .transform(response -> {
          result.put("attempts", attempt);
          boolean retry;
          if (response.succeeded()) {
            int status = response.result().statusCode();
            result.put("http_status", status);
            if (status >= 200 && status < 300) {
              return Future.succeededFuture(result.put("status", "sent").put("error", (String) null));
            }
            retry = status == 429 || status >= 500;
            result.put("error", "answered " + status);
          } else {
            retry = true;
            result.put("error", String.valueOf(response.cause().getMessage()));
          }
          if (!retry || attempt >= config.webhookAttempts()) {
            return Future.succeededFuture(result.put("status", "failed"));
          }
          long delay = config.webhookBackoffMillis() << (attempt - 1);
          return vertx.timer(Math.max(1, delay)).compose(waited -> attempt(url, headers, body, attempt + 1, result));
        });
  }

  private Future<JsonObject> email(JsonObject action, JsonObject payload) {
    Object to = action.getValue("to");
    List<String> recipients = to instanceof JsonArray list ? list.stream().map(String::valueOf).toList()
        : List.of(String.valueOf(to));
    JsonObject result = new JsonObject().put("type", "email").put("to", new JsonArray(recipients));
    if (mail == null) {
      return Future.succeededFuture(result.put("status", "failed").put("error", "outbound mail is not configured"));
    }
    JsonObject ticket = payload.getJsonObject("ticket", new JsonObject());
    MailMessage message = new MailMessage().setFrom(mailFrom).setTo(recipients)
        .setSubject(fill(action.getString("subject"), ticket)).setText(fill(action.getString("body"), ticket));
    return mail.sendMail(message)
        .map(sent -> result.put("status", "sent"))
        .otherwise(failure -> result.put("status", "failed").put("error", String.valueOf(failure.getMessage())));
  }

  /** {@code {{tn}}}, {@code {{title}}}, ... are replaced by the ticket's fields. */
  private static String fill(String template, JsonObject ticket) {
    String text = template;
    for (String field : ticket.fieldNames()) {
      Object value = ticket.getValue(field);
      if (!(value instanceof JsonObject) && !(value instanceof JsonArray)) {
        text = text.replace("{{" + field + "}}", value == null ? "" : String.valueOf(value));
      }
    }
    return text;
  }

  /** Hex HMAC-SHA256 of the body with the secret; receivers compute the same to check the sender. */
  static String sign(String secret, Buffer body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Hex.encodeHexString(mac.doFinal(body.getBytes()));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }
}
