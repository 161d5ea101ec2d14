package org.gotrs.audit;

import io.vertx.core.json.Json;
import java.util.List;
import java.util.stream.Collectors;

/** Audit entries as CSV lines (RFC 4180), safe to open in a spreadsheet. */
final class AuditCsv {

  static final String HEADER = "timestamp,user_id,ip_address,action,object_type,object_id,result,error_message,"
      + "old_values,new_values\r\n";

  private AuditCsv() {}

  static String line(AuditQuery.Item item) {
    return List.of(text(item.timestamp()), text(item.userId()), text(item.ipAddress()), text(item.action()),
            text(item.objectType()), text(item.objectId()), text(item.result()), text(item.errorMessage()),
            item.oldValues() == null ? "" : Json.encode(item.oldValues()),
            item.newValues() == null ? "" : Json.encode(item.newValues()))
        .stream().map(AuditCsv::cell).collect(Collectors.joining(",", "", "\r\n"));
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  /**
   * Quoted when it holds a comma, quote or line break; a leading = + - @ gets a ' in front, so that a spreadsheet
   * shows the text instead of evaluating it as a formula.
   */
  private static String cell(String value) {
    String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    return safe.matches("(?s).*[,\"\r\n].*") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
  }
}
