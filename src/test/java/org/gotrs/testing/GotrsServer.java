package org.gotrs.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test class runs against one real server on a fresh database, started before its first test and stopped
 * after its last. Its constructor, lifecycle methods and tests take what they need as parameters (see
 * {@link ServerExtension}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(ServerExtension.class)
public @interface GotrsServer {

  /** Configuration as a {@code --conf} file would give it: JSON objects, merged in order. */
  String[] config() default {};

  /** For tests about anything but the login limit, which log in more often than a person would. */
  String MANY_LOGINS = """
      {"auth": {"login_rate_per_minute": 10000}}""";
}
