package dev.seedance4j.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedance4j.studio.RunListener;
import dev.seedance4j.studio.RunReport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The board in Debian's Chromium: a run on the emulator seen live without a reload, a clip played and sought, a shot
 * regenerated and its takes picked, and the API key nowhere the browser can see. Screenshots go to target/.
 */
class BoardBrowserTest {
    static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    Path dir;

    @TempDir
    Path profile;

    BoardFixture fixture;
    Board board;
    WebDriver driver;
    JavascriptExecutor js;

    @BeforeEach
    void open() throws IOException {
        // one task at a time on the emulator, a few seconds each: the other shots wait queued where the page sees them
        fixture = new BoardFixture(dir, 0.05, 1);
        board = Board.builder(fixture.studio).build().start();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File(System.getProperty("board.chromium", "/usr/bin/chromium")));
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=1280,1000",
                "--autoplay-policy=no-user-gesture-required");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("board.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        js = (JavascriptExecutor) driver;
        Files.createDirectories(SHOTS);
    }

    @AfterEach
    void close() {
        if (driver != null) driver.quit();
        if (board != null) board.close();
        if (fixture != null) fixture.close();
    }

    @Test
    void aRunIsSeenLiveAClipPlaysAShotIsRegeneratedAndPickedAndTheKeyIsNowhere() throws Exception {
        String base = board.uri().toString();
        driver.get(base + "episodes/ep01");
        js.executeScript("window.sameDocument = 'yes';");

        // the run goes through the board's lane, as `seedance run --serve` does
        CompletableFuture<RunReport> run =
                CompletableFuture.supplyAsync(() -> board.act("run", () -> fixture.studio.run(RunListener.none())));
        Set<String> seen = ConcurrentHashMap.newKeySet();
        wait(Duration.ofMinutes(4)).until(d -> {
            // read in one script: the page swaps cards as they change
            @SuppressWarnings("unchecked")
            List<String> states = (List<String>) js.executeScript(
                    "return Array.from(document.querySelectorAll('.card [data-state]')).map(b => b.dataset.state)");
            seen.addAll(states);
            return states.size() == 3 && states.stream().allMatch("delivered"::equals);
        });
        assertThat(run.get().delivered()).isEqualTo(3);
        assertThat(seen)
                .as("states the page showed on the way")
                .contains("delivered")
                .containsAnyOf("queued", "submitting");
        assertThat(js.executeScript("return window.sameDocument"))
                .as("no reload")
                .isEqualTo("yes");
        wait(Duration.ofMinutes(1))
                .until(d -> d.findElements(By.cssSelector(".card img")).size() == 3);
        screenshot("board-episode.png");

        driver.get(base);
        screenshot("board-overview.png");

        // a clip plays and seeks (range requests)
        driver.get(base + "shots/ep01/s02");
        js.executeScript("window.sameDocument = 'yes';");
        js.executeScript("const v = document.getElementById('video-1'); v.muted = true; v.play();");
        wait(Duration.ofMinutes(1))
                .until(d -> ((Number) js.executeScript("return document.getElementById('video-1').currentTime"))
                                .doubleValue()
                        > 0.5);
        js.executeScript("const v = document.getElementById('video-1'); v.pause(); v.currentTime = 3;");
        wait(Duration.ofMinutes(1)).until(d -> (Boolean) js.executeScript(
                "const v = document.getElementById('video-1'); return !v.seeking && v.currentTime >= 2.9;"));
        assertThat(driver.findElement(By.cssSelector(".compiled")).getText())
                .contains("[图1]")
                .contains("@lin");

        // regenerate: the cost is shown first, then the new take arrives live and is used
        driver.findElement(By.id("regen")).click();
        WebElement dialog = driver.findElement(By.id("dialog-body"));
        wait(Duration.ofSeconds(30)).until(d -> dialog.isDisplayed());
        assertThat(dialog.getText()).contains("¥");
        driver.findElement(By.id("dialog-confirm")).click();
        wait(Duration.ofMinutes(4))
                .until(d ->
                        !d.findElements(By.cssSelector("#take-2 [data-used]")).isEmpty());
        assertThat(driver.findElement(By.cssSelector("#take-2 [data-take-state]"))
                        .getAttribute("data-take-state"))
                .isEqualTo("delivered");
        screenshot("board-shot.png");

        // pick the first take back, then the new one again
        click("button.pick[data-take='1']");
        wait(Duration.ofMinutes(2)).until(d -> used(1) && !used(2));
        click("button.pick[data-take='2']");
        wait(Duration.ofMinutes(2)).until(d -> used(2) && !used(1));
        assertThat(js.executeScript("return window.sameDocument"))
                .as("no reload")
                .isEqualTo("yes");
        assertThat(fixture.studio
                        .view()
                        .shot(new dev.seedance4j.studio.ShotKey("ep01", "s02"))
                        .orElseThrow()
                        .take())
                .isEqualTo(2);

        // the key: not in the DOM, not in storage or cookies, not in any response the page loaded
        String key = BoardFixture.API_KEY;
        for (String page : List.of("", "episodes/ep01", "shots/ep01/s02", "sheets", "api/status")) {
            driver.get(base + page);
            assertThat(driver.getPageSource()).as(page).doesNotContain(key);
            assertThat((String) js.executeScript("return JSON.stringify(localStorage) + JSON.stringify(sessionStorage)"
                            + " + document.cookie"))
                    .doesNotContain(key);
            @SuppressWarnings("unchecked")
            List<String> bodies = (List<String>) ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const urls = [location.href].concat(performance.getEntriesByType('resource').map(e => e.name))
                    .filter(u => !u.endsWith('/events') && !u.includes('/media/'));
                Promise.all(urls.map(u => fetch(u).then(r => r.text()))).then(done, e => done(['error ' + e]));
                """);
            assertThat(bodies)
                    .isNotEmpty()
                    .allSatisfy(b -> assertThat(b).doesNotContain(key).doesNotStartWith("error"));
        }
    }

    /**
     * Who holds what (issue 17): while a run goes, the overview shows live each open task with the run holding it,
     * the run as a worker and the key's use against its limits; once the run ends, no task is held.
     */
    @Test
    void theOverviewShowsLiveWhoHoldsWhichTaskAndTheKeysUse() throws Exception {
        String base = board.uri().toString();
        driver.get(base);
        js.executeScript("window.sameDocument = 'yes';");
        assertThat(driver.findElements(By.cssSelector("[data-live='team'] tr.holder")))
                .isEmpty();

        CompletableFuture<RunReport> run =
                CompletableFuture.supplyAsync(() -> board.act("run", () -> fixture.studio.run(RunListener.none())));
        // one task at a time on the emulator: the run holds its tasks for a while, and the page sees them
        wait(Duration.ofMinutes(4)).until(d -> (Boolean) js.executeScript("""
                const team = document.querySelector('[data-live="team"]');
                return team.querySelectorAll('tr.holder').length > 0 && team.querySelectorAll('tr.worker').length > 0
                    && team.querySelectorAll('tr.key').length > 0;"""));
        @SuppressWarnings("unchecked")
        Map<String, Object> seen = (Map<String, Object>) js.executeScript("""
                const team = document.querySelector('[data-live="team"]');
                const holder = team.querySelector('tr.holder');
                return { holder: holder.dataset.worker, shot: holder.dataset.shot,
                         workers: Array.from(team.querySelectorAll('tr.worker')).map(w => w.dataset.worker),
                         key: team.querySelector('tr.key').innerText };""");
        screenshot("board-team.png");
        assertThat(String.valueOf(seen.get("workers")))
                .as("the holder is a live worker")
                .contains((String) seen.get("holder"));
        assertThat((String) seen.get("shot")).startsWith("ep01/s0");
        assertThat((String) seen.get("key"))
                .as("the key's use against its limit of 10")
                .contains("/ 10");

        assertThat(run.get().delivered()).isEqualTo(3);
        wait(Duration.ofMinutes(1)).until(d -> (Boolean) js.executeScript(
                "return document.querySelector('[data-live=\"team\"]').querySelectorAll('tr').length === 0;"));
        assertThat(js.executeScript("return window.sameDocument"))
                .as("no reload")
                .isEqualTo("yes");
        assertThat(driver.getPageSource()).doesNotContain(BoardFixture.API_KEY);
    }

    /** Clicks the element once it is there (the page swaps live parts, so it is looked up and clicked at once). */
    private void click(String css) {
        wait(Duration.ofMinutes(1)).until(d -> (Boolean) js.executeScript(
                "const b = document.querySelector(arguments[0]); if (!b) return false; b.click(); return true;", css));
    }

    private boolean used(int take) {
        return (Boolean) js.executeScript("return !!document.querySelector('#take-" + take + " [data-used]')");
    }

    private WebDriverWait wait(Duration timeout) {
        WebDriverWait w = new WebDriverWait(driver, timeout);
        w.pollingEvery(Duration.ofMillis(100));
        return w;
    }

    private void screenshot(String name) throws IOException {
        // the Chinese font is fetched when first needed: wait for it so the picture shows the words
        ((JavascriptExecutor) driver)
                .executeAsyncScript("document.fonts.ready.then(() => arguments[arguments.length - 1]())");
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
