package org.gotrs.customfield;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/**
 * A custom field of tickets, customers or users: its type ({@code text, number, date, select, multiselect}) and
 * {@code field_config} ({@code options}; {@code min}/{@code max}; {@code max_length}/{@code pattern}).
 */
public record Definition(UUID id, String objectType, String fieldName, String fieldType, JsonObject fieldConfig,
                         boolean required, boolean visibleForCustomer, boolean searchable, int position,
                         Instant createdAt) {

  public Definition {
    fieldConfig = fieldConfig == null ? new JsonObject() : fieldConfig;
  }
}
