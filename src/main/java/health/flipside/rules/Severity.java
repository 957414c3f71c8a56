package health.flipside.rules;

/** A finding's weight; it becomes the card's CDS Hooks indicator. Declared most urgent first, so it sorts. */
public enum Severity {
    CRITICAL, WARNING, INFO;

    public String indicator() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
