package health.flipside.content;

/**
 * One way a scenario's answer differs from what it expects.
 *
 * @param line     the line of the scenario file holding the expectation, 0 when none does
 * @param what     which expectation, e.g. "card 1 summary"
 * @param expected what the scenario expects, in words
 * @param actual   what the pipeline gave
 */
public record Mismatch(int line, String what, String expected, String actual) {
}
