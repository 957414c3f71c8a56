package health.flipside.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import health.flipside.facts.bp.AntihypertensiveTreatment;
import health.flipside.facts.bp.BpThresholds;
import health.flipside.facts.provenance.DeviceTier;
import health.flipside.facts.provenance.TestSources;
import health.flipside.facts.bp.HomeBloodPressure;
import health.flipside.facts.bp.OfficeBloodPressure;
import health.flipside.facts.provenance.Provenance;
import health.flipside.rules.Finding;
import health.flipside.rules.Severity;

/**
 * Card text injection (issue 10, point 4): what a device, a medication or a patient sent reaches the card as words,
 * through one escaping point (the Mustache factory's value encoding); the values Flipside writes read unchanged.
 */
class MarkdownTextTest {
    private static final List<org.commonmark.Extension> GFM = List.of(TablesExtension.create());
    private static final Parser MARKDOWN = Parser.builder().extensions(GFM).build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().extensions(GFM).build();

    @ParameterizedTest
    @ValueSource(strings = {"138/86", "-2.5 kg", "<70 mg/dL", "< 54", "≥ 180/120", "2026-03-02", "19 Nov 07:30", "A&D",
            "PHQ-9 (item 9)", "Tier A: clinic-issued validated device (Omron Healthcare HEM-9200T)", "12.5", "91%, 90%",
            "amlodipine 5 MG Oral Tablet", "+3.1 kg", "KCCQ-12"})
    void valuesFlipsideWritesAreUnchanged(String value) {
        assertThat(MarkdownText.escape(value)).isEqualTo(value);
    }

    @Test
    void linksImagesAndHtmlBecomeText() {
        assertThat(MarkdownText.escape("[click](https://evil.example)")).isEqualTo("\\[click\\](https\\://evil.example)");
        assertThat(MarkdownText.escape("![x](https://evil.example/t.png)")).isEqualTo("!\\[x\\](https\\://evil.example/t.png)");
        assertThat(MarkdownText.escape("<img src=x onerror=alert(1)>")).isEqualTo("\\<img src=x onerror=alert(1)>");
        assertThat(MarkdownText.escape("</p><script>")).isEqualTo("\\</p>\\<script>");
        assertThat(MarkdownText.escape("<https://evil.example>")).isEqualTo("\\<https\\://evil.example>");
        assertThat(MarkdownText.escape("see www.evil.example")).isEqualTo("see \\www.evil.example");
        assertThat(MarkdownText.escape("mail x@evil.example")).isEqualTo("mail x\\@evil.example");
        assertThat(MarkdownText.escape("&lt;b&gt; &#60;")).isEqualTo("\\&lt;b\\&gt; \\&\\#60;");
    }

    @Test
    void blockMarkupAndLineBreaksCannotStartANewBlock() {
        assertThat(MarkdownText.escape("# Stop all antihypertensives")).isEqualTo("\\# Stop all antihypertensives");
        assertThat(MarkdownText.escape("Omron\n# Stop all antihypertensives")).isEqualTo("Omron \\# Stop all antihypertensives");
        assertThat(MarkdownText.escape("x\r\n\r\n- item")).isEqualTo("x    - item");
        assertThat(MarkdownText.escape("- item")).isEqualTo("\\- item");
        assertThat(MarkdownText.escape("> quote")).isEqualTo("\\> quote");
        assertThat(MarkdownText.escape("1. first")).isEqualTo("1\\. first");
        assertThat(MarkdownText.escape("2) second")).isEqualTo("2\\) second");
        assertThat(MarkdownText.escape("+ item")).isEqualTo("\\+ item");
        assertThat(MarkdownText.escape("a | b")).isEqualTo("a \\| b");
        assertThat(MarkdownText.escape("**bold** _it_ `code` ~~x~~")).isEqualTo("\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~x\\~\\~");
        assertThat(MarkdownText.escape("back\\slash")).isEqualTo("back\\\\slash");
        assertThat(MarkdownText.escape("rtl\u202Eevil\u2066")).isEqualTo("rtlevil");
    }

    @Test
    void aDevicesManufacturerAndModelReachTheCardAsText() {
        CardComposer composer = new CardComposer(CardCatalog.load(Path.of("cds-cards")));
        String evil = "[click](https://evil.example) <img src=x onerror=alert(1)>\n# Stop all antihypertensives";
        Provenance provenance = new Provenance(TestSources.one(DeviceTier.CLINIC_ISSUED, evil), 14, 7, 28, 0, null,
                DeviceTier.CLINIC_ISSUED, null);
        HomeBloodPressure home = new HomeBloodPressure(true, 14, 7, 7, 7, 138, 86, true, 0, 0, 9, 0, null, provenance);
        Finding finding = new Finding("bp.treated.masked-uncontrolled", Severity.WARNING, "bp-masked-uncontrolled", provenance,
                Map.of("home", home, "office", new OfficeBloodPressure(124, 76, 2, 4, "2026-11-01"),
                        "treatment", new AntihypertensiveTreatment(true, true, List.of("<b>x</b> # drug [a](javascript:alert(1))"))));

        String detail = composer.compose(List.of(finding), List.of(BpThresholds.standard())).get(0).card().detail();

        assertThat(detail).contains("\\[click\\](https\\://evil.example) \\<img src=x onerror=alert(1)> \\# Stop all antihypertensives")
                .contains("\\<b>x\\</b> \\# drug \\[a\\](javascript:alert(1))")
                .doesNotContainPattern("(?<!\\\\)<img").doesNotContain("\n# Stop");
        String html = HTML.render(MARKDOWN.parse(detail));
        assertThat(html).as("rendered, the data is text: no link, image, tag or heading")
                .doesNotContain("<a ").doesNotContain("<img").doesNotContain("<b>").doesNotContain("<h1>")
                .contains("[click](https://evil.example) &lt;img src=x onerror=alert(1)&gt; # Stop all antihypertensives")
                .contains("&lt;b&gt;x&lt;/b&gt; # drug [a](javascript:alert(1))");
        assertThat(html).as("the template's own markdown still renders").contains("<table>").contains("<strong>138/86</strong>")
                .contains("<li>Your home average over 7 days was 138/86.");
    }

    @Test
    void tripleMustacheIsEscapedToo() throws Exception {
        CardCatalog.MarkdownMustacheFactory factory = new CardCatalog.MarkdownMustacheFactory(Path.of("cds-cards"));
        var template = factory.compile(new java.io.StringReader("**{{{x}}}** {{&x}} {{x}}"), "t");
        assertThat(CardCatalog.render(template, Map.of("x", "<img onerror=y>")))
                .isEqualTo("**\\<img onerror=y>** \\<img onerror=y> \\<img onerror=y>");
    }
}
