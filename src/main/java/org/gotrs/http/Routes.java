package org.gotrs.http;

import io.vertx.ext.web.Router;

/** A feature's HTTP surface; mounted on the {@code /api/v1} router of every HTTP verticle. */
public interface Routes {

  void mount(Router api);
}
