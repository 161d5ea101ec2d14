package org.gotrs.account;

import java.util.Locale;
import org.gotrs.mail.MailQueue;

/** The mails of a sign-up, in English or German: the confirmation link, or word that the address has an account. */
final class RegistrationMail {

  private RegistrationMail() {}

  static MailQueue.Message confirm(Registrations.SignUp signUp, String link) {
    boolean german = german(signUp);
    String body = german ? """
        Hallo %s,

        bitte bestätigen Sie Ihre E-Mail-Adresse, um Ihr Konto im Kundenportal anzulegen.
        Öffnen Sie dazu innerhalb von 24 Stunden diesen Link:

        %s

        Der Link funktioniert nur einmal. Wenn Sie sich nicht angemeldet haben, ignorieren Sie diese E-Mail.
        """ : """
        Hello %s,

        please confirm your e-mail address to create your customer portal account.
        Open this link within 24 hours:

        %s

        The link works once. If you did not sign up, ignore this e-mail.
        """;
    return new MailQueue.Message(null, "customer:registration", signUp.email(),
        german ? "Bestätigen Sie Ihre E-Mail-Adresse" : "Confirm your e-mail address",
        body.formatted(signUp.firstName(), link), true);
  }

  static MailQueue.Message alreadyRegistered(Registrations.SignUp signUp, String forgotLink) {
    boolean german = german(signUp);
    String body = german ? """
        Hallo %s,

        jemand – hoffentlich Sie – wollte mit dieser E-Mail-Adresse ein Konto im Kundenportal anlegen.
        Es gibt bereits eines. Falls Sie Ihr Passwort vergessen haben, setzen Sie es hier zurück:

        %s
        """ : """
        Hello %s,

        someone – hopefully you – tried to sign up for the customer portal with this e-mail address.
        It already has an account. If you forgot its password, reset it here:

        %s
        """;
    return new MailQueue.Message(null, "customer:registration", signUp.email(),
        german ? "Sie haben bereits ein Konto" : "You already have an account",
        body.formatted(signUp.firstName(), forgotLink), true);
  }

  private static boolean german(Registrations.SignUp signUp) {
    return signUp.language() != null && signUp.language().toLowerCase(Locale.ROOT).startsWith("de");
  }
}
