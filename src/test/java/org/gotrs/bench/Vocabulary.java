package org.gotrs.bench;

import java.util.List;
import java.util.Random;

/**
 * The words ticket titles and article bodies are made of. Words are drawn with Zipf-like frequencies
 * (the word of rank r about 1/r as often as the first), so a search for a common word matches most
 * articles and one for a rare word a handful, as in a real help desk's text. The first ranks are real
 * help-desk words; the long tail is made-up but pronounceable, so every rank is a distinct search term.
 */
final class Vocabulary {

  static final int SIZE = 50_000;

  private static final List<String> COMMON = List.of(
      "password", "error", "email", "account", "printer", "access", "invoice", "server", "update", "login",
      "network", "laptop", "request", "install", "screen", "order", "delivery", "refund", "payment", "license",
      "software", "outlook", "vpn", "connection", "slow", "crash", "backup", "database", "report", "billing",
      "upgrade", "phone", "mobile", "wifi", "calendar", "meeting", "folder", "permission", "file", "share",
      "drive", "disk", "memory", "keyboard", "mouse", "monitor", "cable", "battery", "charger", "browser",
      "website", "portal", "certificate", "expired", "token", "sync", "timeout", "firewall", "proxy", "router",
      "outage", "maintenance", "migration", "export", "import", "spreadsheet", "document", "template",
      "signature", "mailbox", "quota", "spam", "phishing", "virus", "scanner", "webcam", "headset", "audio",
      "video", "notification", "alert", "dashboard", "shipment", "tracking", "warehouse", "contract", "renewal",
      "subscription", "cancel", "discount", "price", "quote", "purchase", "voucher", "credit", "transfer",
      "statement", "receipt", "address", "profile", "username", "locked", "unlock", "authentication",
      "verification", "android", "iphone", "tablet", "driver", "firmware", "bluetooth", "dock", "projector",
      "toner", "paper", "jam", "fax", "kiosk", "barcode", "label", "pallet", "courier", "customs");

  private static final String CONSONANTS = "bdfgklmnprstvz";
  private static final String VOWELS = "aeiou";
  private static final int SYLLABLES = CONSONANTS.length() * VOWELS.length();
  private static final int TAIL_SPACE = SYLLABLES * SYLLABLES * SYLLABLES;

  private Vocabulary() {}

  /** The word of rank {@code rank}, 1 = the most frequent. */
  static String word(int rank) {
    if (rank <= COMMON.size()) {
      return COMMON.get(rank - 1);
    }
    // A fixed permutation of three-syllable words, so neighbouring ranks do not look alike.
    int code = (int) ((rank * 104_729L) % TAIL_SPACE);
    StringBuilder word = new StringBuilder(6);
    for (int i = 0; i < 3; i++) {
      int syllable = code % SYLLABLES;
      code /= SYLLABLES;
      word.append(CONSONANTS.charAt(syllable / VOWELS.length())).append(VOWELS.charAt(syllable % VOWELS.length()));
    }
    return word.toString();
  }

  /** A rank drawn log-uniformly from 1..SIZE, which gives word r a probability proportional to 1/r. */
  static int zipfRank(Random random) {
    return Math.min(SIZE, (int) Math.floor(Math.exp(random.nextDouble() * Math.log(SIZE + 1.0))));
  }

  /** A sentence of {@code min}..{@code max} words, capitalised, with a full stop. */
  static String sentence(Random random, int min, int max) {
    int words = min + random.nextInt(max - min + 1);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < words; i++) {
      String word = word(zipfRank(random));
      text.append(i == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : " " + word);
    }
    return text.append('.').toString();
  }
}
