// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Clicks through the web UI in headless Chromium (Debian's chromium and chromium-driver): a patient withdraws her
 * newsletter consent, then the auditor reads her audit trail, verifies the chains and opens the forecast and the
 * Art. 30 record; a clinician's statistics are refused the journal's text, and a disclosure to the GP follows the
 * client's written consent; the auditor opening a journal is refused its content. Screenshots go to {@code sample-app/target/screenshots/}. Without Chromium on the machine the test
 * is skipped, unless the environment variable {@code CLINIC_BROWSER_REQUIRED=true} (set by {@code .ci/run}) makes
 * that a failure.
 */
class ClinicBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of(System.getProperty("clinic.screenshots", "target/screenshots"));

    private static WebDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void startBrowser() throws IOException, InterruptedException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if ("true".equals(System.getenv("CLINIC_BROWSER_REQUIRED"))) {
            assertThat(present).as("Chromium and ChromeDriver at %s and %s (apt-get install chromium chromium-driver)",
                    CHROMIUM, CHROMEDRIVER).isTrue();
        }
        assumeTrue(present, "Chromium is not installed (apt-get install chromium chromium-driver)");
        ClinicHttp.awaitStarted();
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--window-size=1400,1800",
                        "--user-data-dir=" + Files.createTempDirectory("clinic-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aPatientWithdrawsHerNewsletterConsentAndTheAuditorSeesWhatHappened() {
        freshPage();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("scenario-dk"), "P5Y after last-entry"));
        assertThat(browser.findElement(By.id("scenario-no")).getText()).contains("P10Y after last-entry")
                .contains("only the treating clinician");
        screenshot("1-side-by-side");

        logIn("birgit");
        By newsletterState = By.cssSelector("#consents tr[data-purpose='newsletter'] .state");
        wait.until(ExpectedConditions.textToBe(newsletterState, "ACTIVE"));
        screenshot("2-patient-consents");
        browser.findElement(By.id("withdraw-newsletter")).click();
        wait.until(ExpectedConditions.textToBe(newsletterState, "ENDED"));
        WebElement answer = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("consent-answer")));
        assertThat(answer.getText()).contains("CUSTOS-04722").contains("withdrawn");
        assertThat(browser.findElement(By.id("my-requests")).getText()).contains("CONSENT_WITHDRAWAL")
                .contains("COMPLETED").contains("NewsletterSubscription").contains("ERASED");
        screenshot("3-consent-withdrawn");
        WebElement logout = browser.findElement(By.id("logout"));
        logout.click();
        wait.until(ExpectedConditions.stalenessOf(logout)); // the page reloads without the patient's session

        logIn("auditor");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("auditor")));
        new Select(browser.findElement(By.id("audit-clinic"))).selectByValue("dk");
        browser.findElement(By.id("audit-subject")).sendKeys("birgit");
        browser.findElement(By.id("audit-trail")).click();
        WebElement trail = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("audit-records")));
        assertThat(trail.getText()).contains("CONSENT_WITHDRAWN").contains("ERASE").contains("NewsletterSubscription");
        screenshot("4-auditor-trail");

        browser.findElement(By.id("audit-verify")).click();
        WebElement chains = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("audit-chains")));
        assertThat(chains.getText()).contains("writes").contains("reads").contains("ledger").contains("intact").doesNotContain("BROKEN");
        screenshot("5-auditor-chains");

        browser.findElement(By.id("audit-forecast")).click();
        WebElement forecast = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("audit-forecast-table")));
        assertThat(forecast.getText()).contains("JournalEntry").contains("journal");
        screenshot("6-auditor-forecast");

        browser.findElement(By.id("audit-record")).click();
        WebElement record = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("audit-record-text")));
        assertThat(record.getText()).contains("Solhaven").contains("newsletter");
        screenshot("7-auditor-record");
    }

    /**
     * Issue 18: the journal is processed for its declared purposes alone. A clinician's statistics count the entries
     * but are refused their text; disclosing the journal to the GP is refused without the client's written consent,
     * allowed once it is recorded and refused again after its withdrawal. Anna is a client of the Danish clinic
     * whom no other test asks for a GP disclosure.
     */
    @Test
    void aClinicianSeesPurposeLimitationAndTheGpDisclosureFollowTheWrittenConsent() {
        freshPage();
        logIn("mette");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("statistics")));
        new Select(browser.findElement(By.id("statistics-clinic"))).selectByValue("dk");
        browser.findElement(By.id("statistics-count")).click();
        WebElement counts = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("statistics-table")));
        assertThat(counts.getText()).contains("SESSION_NOTE");
        browser.findElement(By.id("statistics-texts")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        wait.until(ExpectedConditions.textToBePresentInElement(error, "CUSTOS-04503"));
        assertThat(error.getText()).contains("403").contains("CUSTOS-04411").contains("statistics")
                .doesNotContain("Session note");
        assertThat(browser.findElements(By.id("statistics-words"))).isEmpty();
        screenshot("8-statistics-refused-the-text");

        browser.findElement(By.id("gp-client")).sendKeys("anna");
        browser.findElement(By.id("gp-disclose")).click();
        wait.until(ExpectedConditions.textToBePresentInElement(error, "CUSTOS-02002"));
        assertThat(browser.findElements(By.id("gp-entries"))).isEmpty();
        screenshot("9-gp-disclosure-without-consent");

        browser.findElement(By.id("gp-reference")).sendKeys("scan 2026-201");
        browser.findElement(By.id("gp-signed")).sendKeys("2026-11-20");
        browser.findElement(By.id("gp-consent")).click();
        wait.until(ExpectedConditions.textToBe(By.id("gp-answer"), "Written consent recorded"));
        assertThat(error.isDisplayed()).isFalse();
        browser.findElement(By.id("gp-disclose")).click();
        WebElement sent = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("gp-entries")));
        assertThat(sent.getText()).contains("SESSION_NOTE").contains("sleep problems");
        screenshot("10-gp-disclosure-with-consent");

        browser.findElement(By.id("gp-withdraw")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("gp-answer"), "Withdrawal recorded"));
        browser.findElement(By.id("gp-disclose")).click();
        wait.until(ExpectedConditions.textToBePresentInElement(error, "CUSTOS-02003"));
        assertThat(browser.findElements(By.id("gp-entries"))).isEmpty();
        screenshot("11-gp-disclosure-after-withdrawal");
    }

    /** Issue 18: the auditor may open a journal, and Custos refuses its content: auditors read the audit. */
    @Test
    void theAuditorOpensAJournalAndIsRefusedItsContent() {
        freshPage();
        logIn("auditor");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("auditor-journal-note")));
        assertThat(browser.findElement(By.id("statistics")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("gp")).isDisplayed()).isFalse();
        new Select(browser.findElement(By.id("journal-clinic"))).selectByValue("dk");
        browser.findElement(By.id("journal-client")).sendKeys("birgit");
        browser.findElement(By.id("open-journal")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        wait.until(ExpectedConditions.textToBePresentInElement(error, "CUSTOS-04501"));
        assertThat(error.getText()).contains("403").contains("CUSTOS-04500").contains("custos-auditor")
                .doesNotContain("Intake questionnaire").doesNotContain("goals");
        assertThat(browser.findElements(By.id("journal-entries"))).isEmpty();
        screenshot("12-auditor-refused-the-journal");

        // the refusal is in the trail the auditor reads
        new Select(browser.findElement(By.id("audit-clinic"))).selectByValue("dk");
        browser.findElement(By.id("audit-subject")).sendKeys("birgit");
        browser.findElement(By.id("audit-trail")).click();
        WebElement trail = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("audit-records")));
        assertThat(trail.getText()).contains("READ_DENIED").contains("JournalEntry");
        screenshot("13-auditor-finds-the-refusal");
    }

    /** The start page with nobody logged in: each test logs in itself, whichever ran before. */
    private static void freshPage() {
        browser.get(ClinicHttp.BASE);
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.get(ClinicHttp.BASE);
    }

    private static void logIn(String user) {
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("user")));
        name.clear();
        name.sendKeys(user);
        WebElement password = browser.findElement(By.id("password"));
        password.clear();
        password.sendKeys("demo");
        browser.findElement(By.id("login-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), user));
    }

    private static void screenshot(String name) {
        Path shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        try {
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
