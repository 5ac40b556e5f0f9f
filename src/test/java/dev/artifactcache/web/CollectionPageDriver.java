package dev.artifactcache.web;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The /collection page in a browser, in the page's own terms: search, pick a facet, read the cards.
 * Every action waits, on a condition, until the page shows the results of the state in its URL
 * ({@code #results[data-shows]} equals {@code location.search} and nothing is loading).
 */
final class CollectionPageDriver {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Pattern TOTAL = Pattern.compile("^([\\d,]+) results?");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final URI base;
    private final WebDriverWait wait;

    /** A driver for the page of the service at {@code base}, in a desktop-sized window. */
    CollectionPageDriver(ChromeDriver driver, URI base) {
        this.driver = driver;
        this.base = base;
        this.wait = new WebDriverWait(driver, PATIENCE);
        resize(HeadlessChromium.DESKTOP);
    }

    /** Opens the page with a query string ("" or "?q=pdf") and waits until it shows its results. */
    CollectionPageDriver open(String query) {
        driver.get(base.resolve("/collection" + query).toString());
        return waitUntilCurrent();
    }

    CollectionPageDriver reload() {
        driver.navigate().refresh();
        return waitUntilCurrent();
    }

    CollectionPageDriver back() {
        driver.navigate().back();
        return waitUntilCurrent();
    }

    CollectionPageDriver forward() {
        driver.navigate().forward();
        return waitUntilCurrent();
    }

    /** Waits until the results shown are those of the state in the URL. */
    CollectionPageDriver waitUntilCurrent() {
        wait.withMessage("the page to show the results of " + driver.getCurrentUrl()).until(d -> (Boolean) js("""
                const results = document.getElementById('results');
                return results.dataset.shows === location.search
                    && document.getElementById('cards').getAttribute('aria-busy') === 'false';"""));
        return this;
    }

    /** Types into the search box as a person would, then waits for the results of the whole text. */
    CollectionPageDriver search(String text) {
        WebElement box = driver.findElement(By.id("q"));
        box.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        box.sendKeys(text);
        wait.withMessage("the URL to carry q=" + text).until(d -> text.equals(
                js("return new URLSearchParams(location.search).get('q') ?? ''")));
        return waitUntilCurrent();
    }

    /** The total the page states ("312 results in 0.8 ms"). */
    int total() {
        Matcher matcher = TOTAL.matcher(text(By.id("total")));
        if (!matcher.find()) {
            throw new AssertionError("no total in \"" + text(By.id("total")) + "\"");
        }
        return Integer.parseInt(matcher.group(1).replace(",", ""));
    }

    /** The cards' keys ({@code collection/id}), in order. */
    @SuppressWarnings("unchecked")
    List<String> cardKeys() {
        return (List<String>) js("return [...document.querySelectorAll('#cards .card[data-key]')].map(c => c.dataset.key)");
    }

    List<String> cardNames() {
        return driver.findElements(By.cssSelector("#cards .card-name")).stream().map(WebElement::getText).toList();
    }

    /** The text of every {@code <mark>} in the cards' names and descriptions. */
    List<String> marks() {
        return driver.findElements(By.cssSelector("#cards mark")).stream().map(WebElement::getText).toList();
    }

    /** The count next to a value of the tags or tools facet ({@code facet} is "tags" or "tools"). */
    int facetCount(String facet, String value) {
        return Integer.parseInt(facetOption(facet, value).findElement(By.className("count")).getText().replace(",", ""));
    }

    boolean facetSelected(String facet, String value) {
        return facetOption(facet, value).findElement(By.tagName("input")).isSelected();
    }

    CollectionPageDriver toggleFacet(String facet, String value) {
        facetOption(facet, value).click();
        return waitUntilCurrent().waitForFacet(facet);
    }

    /** Switches a facet between matching any and all of its selected values. */
    CollectionPageDriver matchMode(String facet, String mode) {
        driver.findElement(By.cssSelector("#facet-" + facet + " .segmented input[value='" + mode + "']"))
                .findElement(By.xpath("./ancestor::label")).click();
        return waitUntilCurrent();
    }

    private WebElement facetOption(String facet, String value) {
        return driver.findElement(By.cssSelector("#facet-" + facet + " input[value='" + value + "']"))
                .findElement(By.xpath("./ancestor::label"));
    }

    /**
     * Types into a facet's value search as a person would, then waits until the facet lists the
     * values containing that text (or says none does).
     */
    CollectionPageDriver searchFacet(String facet, String text) {
        WebElement box = facetSearch(facet);
        box.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        box.sendKeys(text);
        wait.withMessage("the " + facet + " facet to list the values containing " + text).until(d -> (Boolean) js("""
                const panel = document.getElementById('facet-' + arguments[0]);
                const values = [...panel.querySelectorAll('.options input')].map(input => input.value.toLowerCase());
                const none = panel.querySelector('p.muted')?.textContent.includes('“' + arguments[1] + '”');
                return panel.querySelector('.facet-values').getAttribute('aria-busy') === 'false'
                    && (values.length ? values.every(value => value.includes(arguments[1].toLowerCase())) : none);""",
                facet, text));
        return this;
    }

    WebElement facetSearch(String facet) {
        return driver.findElement(By.cssSelector("#facet-" + facet + " .facet-search"));
    }

    /** The values a facet lists, in order, each as "value count". */
    @SuppressWarnings("unchecked")
    List<String> facetValues(String facet) {
        return (List<String>) js("""
                return [...document.querySelectorAll('#facet-' + arguments[0] + ' .options label')]
                    .map(label => label.querySelector('input').value + ' ' + label.querySelector('.count').textContent);""", facet);
    }

    /** The "Show more" button of a facet, if it shows one. */
    List<WebElement> facetMoreButton(String facet) {
        return driver.findElements(By.cssSelector("#facet-" + facet + " [data-focus-key='" + facet + ":more']"));
    }

    /** Presses a facet's "Show more" with the keyboard and waits until it lists more values. */
    CollectionPageDriver showMoreValues(String facet) {
        int before = facetValues(facet).size();
        facetMoreButton(facet).getFirst().sendKeys(Keys.ENTER);
        wait.withMessage("more " + facet + " than " + before).until(d -> facetValues(facet).size() > before);
        return waitForFacet(facet);
    }

    /** Waits until a facet has the answer of its last request to the facet-value route, if it made one. */
    CollectionPageDriver waitForFacet(String facet) {
        wait.withMessage("the " + facet + " facet's values").until(d -> !"true".equals(js(
                "return document.querySelector('#facet-' + arguments[0] + ' .facet-values').getAttribute('aria-busy')", facet)));
        return this;
    }

    CollectionPageDriver selectTab(String type) {
        tab(type).click();
        return waitUntilCurrent();
    }

    WebElement tab(String type) {
        return driver.findElement(By.cssSelector("[role=tab][data-type='" + type + "']"));
    }

    /** The type of each tab shown, "" for All. */
    @SuppressWarnings("unchecked")
    List<String> tabTypes() {
        return (List<String>) js("return [...document.querySelectorAll('[role=tab]')].map(t => t.dataset.type)");
    }

    int tabCount(String type) {
        return Integer.parseInt(tab(type).findElement(By.className("count")).getText().replace(",", ""));
    }

    /** Clicks a tag on the first card that has it. */
    CollectionPageDriver clickCardTag(String tag) {
        driver.findElement(By.xpath("//ol[@id='cards']//button[@class='tag' and text()='#" + tag + "']")).click();
        return waitUntilCurrent();
    }

    List<String> chips() {
        return driver.findElements(By.cssSelector("#chips .chip")).stream()
                .map(chip -> chip.getText().replace("×", "").trim()).toList();
    }

    CollectionPageDriver clearAll() {
        driver.findElement(By.id("clear-all")).click();
        return waitUntilCurrent();
    }

    CollectionPageDriver selectCollection(String collection) {
        new Select(driver.findElement(By.id("collection"))).selectByValue(collection);
        return waitUntilCurrent();
    }

    CollectionPageDriver sortBy(String sort) {
        new Select(driver.findElement(By.id("sort"))).selectByValue(sort);
        return waitUntilCurrent();
    }

    /**
     * Clicks "Load more" and waits until more cards show. The click scrolls the button into view,
     * where the page's infinite scroll may append the next page by itself and move the button from
     * under the pointer (Chrome then reports the click intercepted by the list): the cards that
     * arrive are the page asked for, so the click is only tried again while none have.
     */
    CollectionPageDriver loadMore() {
        int before = cardKeys().size();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("load-more")));
        new WebDriverWait(driver, PATIENCE).ignoring(ElementClickInterceptedException.class)
                .withMessage("a click on Load more, or more cards than " + before).until(d -> {
                    if (cardKeys().size() == before) {
                        d.findElement(By.id("load-more")).click();
                    }
                    return true;
                });
        wait.withMessage("more cards than " + before).until(d -> cardKeys().size() > before);
        return waitUntilCurrent();
    }

    boolean canLoadMore() {
        return driver.findElement(By.id("load-more")).isDisplayed();
    }

    /** The visible message panel (empty results, errors), or "" when none shows. */
    String message() {
        WebElement message = driver.findElement(By.id("message"));
        return message.isDisplayed() ? message.getText() : "";
    }

    WebElement element(By by) {
        return driver.findElement(by);
    }

    List<WebElement> elements(By by) {
        return driver.findElements(by);
    }

    String text(By by) {
        return driver.findElement(by).getText();
    }

    String query() {
        return (String) js("return location.search");
    }

    <T> T waitFor(String what, Function<WebDriver, T> condition) {
        return wait.withMessage(what).until(condition);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    CollectionPageDriver resize(Dimension size) {
        driver.manage().window().setSize(size);
        return this;
    }

    /** Saves a PNG of the viewport under target/screenshots. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
