package health.flipside.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Log forging (issue 10, point 6): nothing logged can start a new line, and exceptions are logged without messages. */
class SafeLogTest {

    @Test
    void controlCharactersAreShownEscapedOnOneLine() {
        String forged = "cds-services/x\n[12/4/26, 17:00:00:000 UTC] 00000001 FAKE I admin logged in\r\u0000\u2028\u202E";

        String logged = SafeLog.text(forged);

        assertThat(logged).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u0000").doesNotContain("\u2028")
                .doesNotContain("\u202E").startsWith("cds-services/x\\n[12/4/26").contains("\\r\\u0000\\u2028\\u202e");
    }

    @Test
    void printableTextIsUnchangedAndLongTextIsCut() {
        assertThat(SafeLog.text("cds-services/patient-data-summary é 😀")).isEqualTo("cds-services/patient-data-summary é 😀");
        assertThat(SafeLog.text("x".repeat(1000))).hasSize(SafeLog.MAX_LENGTH + 1).endsWith("…");
        assertThat(SafeLog.text(null)).isEqualTo("null");
    }

    @Test
    void anExceptionIsLoggedWithoutItsMessages() {
        Exception e = new IllegalStateException("patient Jane Doe, body {\"name\":\"secret\"}",
                new IllegalArgumentException("second\nline"));

        String logged = SafeLog.throwable(e);

        assertThat(logged).contains("java.lang.IllegalStateException").contains("caused by java.lang.IllegalArgumentException")
                .contains("\tat health.flipside.support.SafeLogTest").doesNotContain("Jane").doesNotContain("secret")
                .doesNotContain("second");
    }
}
