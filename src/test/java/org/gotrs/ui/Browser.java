package org.gotrs.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import org.gotrs.testing.Scratch;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through the system chromedriver. Tests using it are skipped where the two
 * are not installed. Every page load's console is kept, so a test can insist that nothing went wrong in it.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  /**
   * Requests that fail on purpose: the UI asks whether optional features (live chat, workflows) exist on this
   * server, and a 404 there means "hide it".
   */
  private static final Set<String> EXPECTED_MISSING = Set.of("/api/v1/chats", "/chat-widget.js", "/api/v1/workflows");
  /** The console asks whether the agent may see reports; 403 means "hide the menu entry". */
  private static final String REPORTS_PROBE = "/api/v1/reports/volume?group_by=channel";

  /**
   * The pages ask for a ticket's draft and a closed ticket's rating; 404 says there is none. The article editor shows
   * an image the help center does not serve (its article is not public) through the API once its address failed.
   */
  private static final java.util.regex.Pattern DRAFT = java.util.regex.Pattern.compile(
      "/api/v1/tickets/[0-9]+/(draft|rating) |/help/files/[0-9]+/[^ ]* ");

  private final ChromeDriver driver;
  private final String base;
  private final List<String> console = new ArrayList<>();
  private final List<String> expectedFailures = new ArrayList<>();

  private Browser(ChromeDriver driver, String base) {
    this.driver = driver;
    this.base = base;
  }

  static void assumeInstalled() {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
  }

  static Browser open(int port) {
    assumeInstalled();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-dev-shm-usage", "--window-size=1366,768", "--lang=en-US", "--disable-search-engine-choice-screen");
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    return new Browser(driver, "http://localhost:" + port);
  }

  ChromeDriver driver() {
    return driver;
  }

  void go(String path) {
    collectConsole();
    driver.get(base + path);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /**
   * A wait that polls every 50 ms and looks again when the page replaced an element meanwhile (which chromedriver
   * also reports as an "unknown error": a node that "does not belong to the document"); a wait that runs out names
   * the last error.
   */
  WebDriverWait waiting(Duration within) {
    WebDriverWait wait = new WebDriverWait(driver, within, Duration.ofMillis(50));
    wait.ignoring(StaleElementReferenceException.class, WebDriverException.class);
    return wait;
  }

  /** Waits until an element matching the selector is visible. */
  WebElement visible(String css, Duration within) {
    return waiting(within).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  WebElement visible(String css) {
    return visible(css, Duration.ofSeconds(10));
  }

  /** Waits until some element matching the selector shows the text. */
  void text(String css, String expected, Duration within) {
    waiting(within).until(d -> d.findElements(By.cssSelector(css)).stream().anyMatch(e -> e.getText().contains(expected)));
  }

  void text(String css, String expected) {
    text(css, expected, Duration.ofSeconds(10));
  }

  void type(String css, String text) {
    WebElement field = visible(css);
    field.clear();
    field.sendKeys(text);
  }

  /** Types into the rich-text editor (TinyMCE's frame) where its cursor is. */
  void write(String text) {
    WebElement frame = visible(".tox-edit-area iframe", Duration.ofSeconds(15));
    driver.switchTo().frame(frame);
    try {
      driver.findElement(By.id("tinymce")).sendKeys(text);
    } finally {
      driver.switchTo().defaultContent();
    }
  }

  /** The rich-text editor's text as the agent sees it. */
  String written() {
    visible(".tox-edit-area iframe", Duration.ofSeconds(15));
    return String.valueOf(script("return tinymce.activeEditor.getContent({format: 'text'});"));
  }

  Object script(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  Object asyncScript(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
  }

  /** Forgets every stored session of this origin, so the next page asks for a sign-in. */
  void forgetSessions() {
    go("/favicon.svg");
    script("sessionStorage.clear(); localStorage.clear();");
  }

  void signIn(String login, String password) {
    type("#login-name", login);
    type("#login-password", password);
    find("#login-submit").click();
  }

  void size(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /** Saves target/screenshots/NAME.png. */
  Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      File shot = driver.getScreenshotAs(OutputType.FILE);
      Path target = SCREENSHOTS.resolve(name + ".png");
      Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void collectConsole() {
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      if (entry.getLevel().intValue() >= Level.SEVERE.intValue() && !expected(entry.getMessage())) {
        console.add(entry.getMessage());
      }
    }
  }

  private boolean expected(String message) {
    if (message.contains("status of 404") && (EXPECTED_MISSING.stream().anyMatch(path -> message.contains(base + path))
        || DRAFT.matcher(message).find())) {
      return true;
    }
    if (message.contains("status of 403") && message.contains(base + REPORTS_PROBE)) {
      return true;
    }
    return expectedFailures.stream().anyMatch(message::contains);
  }

  /** A fresh directory the browser saves downloads into, without asking. */
  Path downloads() {
    Path directory = Scratch.directory("downloads");
    driver.executeCdpCommand("Browser.setDownloadBehavior",
        Map.of("behavior", "allow", "downloadPath", directory.toAbsolutePath().toString()));
    return directory;
  }

  /** A request this test makes fail on purpose, e.g. a sign-in the server answers with 401 asking for a code. */
  void expectFailedRequest(String path, int status) {
    collectConsole();
    expectedFailures.add(base + path + " - Failed to load resource: the server responded with a status of " + status);
  }

  /** The console errors (and failed requests) seen so far, less the expected probes of optional features. */
  List<String> consoleErrors() {
    collectConsole();
    return List.copyOf(console);
  }

  @Override
  public void close() {
    driver.quit();
  }
}
