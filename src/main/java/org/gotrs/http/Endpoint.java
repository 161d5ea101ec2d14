package org.gotrs.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * Something mounted on the root router of each HTTP verticle with state of its own per event loop,
 * such as a WebSocket endpoint whose connections live on that loop.
 */
public interface Endpoint {

  void mount(Router root, Vertx vertx);
}
