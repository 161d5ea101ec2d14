package org.gotrs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gotrs.config.Config;
import org.gotrs.config.ConfigLoader;
import org.gotrs.db.CommandDatabase;
import org.gotrs.escalation.RebuildEscalationsCommand;
import org.gotrs.otrs.importer.ImportOtrsCommand;
import org.gotrs.report.RebuildReportsCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** {@code java -jar gotrs.jar [serve|migrate] [--conf FILE]}. */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final String USAGE = """
      usage: java -jar gotrs.jar [command] [--conf FILE]
        serve        start the server (the default)
        migrate      apply the database migrations and exit
        import-otrs  --source postgresql://user:pass@host:port/otrs [--dry-run]
                     import an OTRS 5/6 or Znuny database (rerunnable), then compute its tickets' deadlines
        rebuild-escalations [--all]
                     compute the deadlines of open tickets that have none (past ones are recorded as
                     breached, without alerts); --all recomputes every open ticket's
        rebuild-reports
                     compute the reports' facts again from the tickets' history (after import-otrs)""";

  private Main() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();

    String command = "serve";
    Path confFile = null;
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--conf") && i + 1 < args.length) {
        confFile = Path.of(args[++i]);
      } else if (args[i].equals("--help") || args[i].equals("-h")) {
        System.out.println(USAGE);
        return;
      } else if (i == 0 && !args[i].startsWith("-")) {
        command = args[i];
      } else {
        rest.add(args[i]);
      }
    }
    if (!rest.isEmpty() && !command.equals("import-otrs") && !command.equals("rebuild-escalations")
        && !command.equals("rebuild-reports")) {
      System.err.println("unknown arguments: " + String.join(" ", rest) + "\n" + USAGE);
      System.exit(2);
    }

    Config config;
    try {
      config = ConfigLoader.load(confFile, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    switch (command) {
      case "serve" -> serve(config);
      case "migrate" -> System.exit(migrate(config));
      case "import-otrs" -> System.exit(ImportOtrsCommand.run(config, rest, System.out, System.err));
      case "rebuild-escalations" -> System.exit(RebuildEscalationsCommand.run(config, rest, System.out, System.err));
      case "rebuild-reports" -> System.exit(RebuildReportsCommand.run(config, rest, System.out, System.err));
      default -> {
        System.err.println("unknown command: " + command + "\n" + USAGE);
        System.exit(2);
      }
    }
  }

  private static void serve(Config config) throws Exception {
    long started = System.nanoTime();
    Application app;
    try {
      app = Application.start(config).toCompletionStage().toCompletableFuture().get();
    } catch (Exception e) {
      LOG.error("GOTRS could not start: {}", e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping GOTRS");
      try {
        app.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        LOG.info("GOTRS stopped");
      } catch (Exception e) {
        LOG.warn("GOTRS did not stop cleanly: {}", e.getMessage());
      }
    }, "gotrs-shutdown"));
    app.ready()
        .onSuccess(ok -> LOG.info("GOTRS ready on http://{}:{} in {} ms", config.http().host(), config.http().port(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)))
        .onFailure(failure -> {
          LOG.error("GOTRS cannot serve: {}", failure.getMessage());
          System.exit(1);
        });
  }

  private static int migrate(Config config) {
    try (CommandDatabase database = CommandDatabase.open(config, true)) {
      return 0;
    } catch (RuntimeException e) {
      LOG.error("migration failed: {}", e.getMessage());
      return 1;
    }
  }

}
