package org.gotrs.testing;

import io.vertx.core.json.JsonObject;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts the server of a class marked {@link GotrsServer} on a fresh, migrated database, and stops it when the
 * class is done. Constructors, lifecycle methods and tests ask for what they need by parameter: the
 * {@link TestServer}, its {@link Fixtures}, an {@link Api} client, and the administrator's token as a
 * {@code String} marked {@link Admin}.
 */
public final class ServerExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ServerExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    started(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == TestServer.class || type == Fixtures.class || type == Api.class
        || (type == String.class && parameter.isAnnotated(Admin.class));
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Started started = started(context);
    Parameter wanted = parameter.getParameter();
    if (wanted.getType() == TestServer.class) {
      return started.server();
    }
    if (wanted.getType() == Fixtures.class) {
      return started.fixtures();
    }
    if (wanted.getType() == Api.class) {
      return started.api();
    }
    if (wanted.getType() == String.class) {
      return started.adminToken();
    }
    throw new ParameterResolutionException("no " + wanted.getType().getSimpleName() + " from " + getClass().getName());
  }

  /** The class's server, started on first use; constructors may ask before {@code beforeAll} runs. */
  private Started started(ExtensionContext context) {
    return classContext(context).getStore(NAMESPACE)
        .getOrComputeIfAbsent(Started.class, key -> new Started(TestServer.start(config(context))), Started.class);
  }

  private static JsonObject config(ExtensionContext context) {
    JsonObject config = new JsonObject();
    AnnotationSupport.findAnnotation(context.getRequiredTestClass(), GotrsServer.class)
        .ifPresent(server -> Arrays.stream(server.config()).forEach(json -> config.mergeIn(new JsonObject(json), true)));
    return config;
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext classLevel = context;
    while (classLevel.getTestMethod().isPresent() && classLevel.getParent().isPresent()) {
      classLevel = classLevel.getParent().get();
    }
    return classLevel;
  }

  /** What one class shares; the store closes it when the class is done. */
  private static final class Started implements AutoCloseable {

    private final TestServer server;
    private final Fixtures fixtures;
    private final Api api;
    private String adminToken;

    Started(TestServer server) {
      this.server = server;
      this.fixtures = new Fixtures(server);
      this.api = new Api(server);
    }

    TestServer server() {
      return server;
    }

    Fixtures fixtures() {
      return fixtures;
    }

    Api api() {
      return api;
    }

    synchronized String adminToken() {
      if (adminToken == null) {
        adminToken = server.loginAdmin();
      }
      return adminToken;
    }

    @Override
    public void close() {
      server.close();
    }
  }
}
