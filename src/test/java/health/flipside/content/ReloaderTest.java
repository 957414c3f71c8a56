package health.flipside.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import health.flipside.services.LoadedContent;

/** Only a set that passes the gate is swapped in; a refusal leaves what serves untouched and says why. */
class ReloaderTest {
    @TempDir
    Path temp;

    @Test
    void swapsOnlyWhatPasses() throws IOException {
        ContentCopy content = ContentCopy.in(temp);
        AtomicReference<LoadedContent> serving = new AtomicReference<>();
        Clock clock = Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC);
        Reloader reloader = new Reloader(content.rules, content.cards, (loaded, at) -> serving.set(loaded), clock);

        ReloadReport first = reloader.reload("start-up");

        assertThat(first.status()).isEqualTo("swapped");
        assertThat(first.ruleCount()).isPositive();
        assertThat(first.problems()).isEmpty();
        LoadedContent good = serving.get();
        assertThat(good).isNotNull();

        content.replace("rules/bp/home-blood-pressure.drl", "rule \"bp.severe-home-reading\" @rank(90)\nwhen", "rule \"bp.severe-home-reading\" @rank(90)\nwhen (");
        ReloadReport refused = reloader.reload("admin");

        assertThat(refused.status()).isEqualTo("refused");
        assertThat(refused.trigger()).isEqualTo("admin");
        assertThat(refused.problems()).first().satisfies(p -> {
            assertThat(p.file()).isEqualTo("rules/bp/home-blood-pressure.drl"); // relative to the content folder
            assertThat(p.line()).isPositive();
        });
        assertThat(refused.summary()).startsWith("refused (admin)").contains("rules/bp/home-blood-pressure.drl:");
        assertThat(serving.get()).as("the previous set keeps serving").isSameAs(good);
    }

    @Test
    void aFailingScenarioIsReportedWithItsMismatch() throws IOException {
        ContentCopy content = ContentCopy.in(temp);
        content.replace("rules/bp/thresholds.yaml", "homeHighSystolic:\n    value: 130", "homeHighSystolic:\n    value: 135");
        AtomicReference<LoadedContent> serving = new AtomicReference<>();

        ReloadReport report = new Reloader(content.rules, content.cards, (loaded, at) -> serving.set(loaded), Clock.systemUTC())
                .reload("file change");

        assertThat(report.swapped()).isFalse();
        assertThat(serving.get()).isNull();
        assertThat(report.failedScenarios()).singleElement().satisfies(s -> {
            assertThat(s.file()).isEqualTo("rules/bp/tests/vignette-1-masked-uncontrolled.json");
            assertThat(s.mismatches()).singleElement().satisfies(m -> assertThat(m.actual()).contains("above 135/80"));
        });
        assertThat(report.summary()).contains("scenario rules/bp/tests/vignette-1-masked-uncontrolled.json:10");
    }
}
