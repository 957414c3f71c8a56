package health.flipside.cards;

/**
 * The one escaping point for card texts: every value a template interpolates ({@code {{value}}}) passes through
 * {@link #escape} (see {@link CardCatalog.MarkdownMustacheFactory#encode}); the template's own text does not. A value
 * can carry what an EHR sent — a device's manufacturer or model, a medication's name, a questionnaire's title — and
 * must reach the physician as the words it is, never as a link, an image, an HTML tag, a heading or a table cell.
 *
 * <p>Escaping is by CommonMark/GFM backslash escapes, and only where a character could start markup, so that the
 * values Flipside itself writes read unchanged in the raw text too: "138/86", "-2.5 kg", "&lt;70 mg/dL",
 * "2026-03-02", "A&amp;D", "PHQ-9 (item 9)".
 */
public final class MarkdownText {
    private MarkdownText() {
    }

    /** {@code value} as inline markdown text that renders as exactly those characters (control characters as spaces). */
    public static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            char next = i + 1 < length ? value.charAt(i + 1) : '\0';
            if (isControl(c)) {
                out.append(' '); // a newline would end the paragraph and let the rest start a heading or a list
                continue;
            }
            if (isBidiControl(c)) {
                continue; // would reorder the text around it on screen
            }
            if (needsBackslash(value, i, c, next)) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean needsBackslash(String value, int i, char c, char next) {
        switch (c) {
            case '\\', '`', '*', '_', '[', ']', '|', '~', '#':
                return true; // escapes, code, emphasis, links and images, table cells, strikethrough, headings
            case '<':
                // a tag (<img …>, </p>, <!-- …>, <?…>) or an autolink (<https://…>); "<70" and "< 5" stay as written
                return Character.isLetter(next) || next == '/' || next == '!' || next == '?';
            case '>', '=':
                return atLineStart(value, i); // a block quote or a heading underline where a line begins
            case '-', '+':
                return atLineStart(value, i) && (next == ' ' || next == c || next == '\0'); // a list item; "-2.5" stays
            case '.', ')':
                return isOrderedListMarker(value, i);
            case '&':
                return isEntity(value, i); // "&lt;" would turn into "<"; "A&D" stays
            case ':':
                return value.startsWith("//", i + 1); // GFM turns "https://…" into a link by itself
            case '@':
                return true; // GFM turns "name@host.example" into a mail link
            default:
                return (c == 'w' || c == 'W') && value.regionMatches(true, i, "www.", 0, 4); // GFM's www. links
        }
    }

    /** Only leading spaces before it in the value (the value may be interpolated where a template line begins). */
    private static boolean atLineStart(String value, int i) {
        return value.substring(0, i).isBlank();
    }

    /** "1. " or "2) " at the start of the value would begin an ordered list; "12.5" and "(Omron)" stay. */
    private static boolean isOrderedListMarker(String value, int i) {
        return value.substring(0, i).stripLeading().matches("[0-9]{1,9}") && (i + 1 >= value.length() || value.charAt(i + 1) == ' ');
    }

    private static boolean isEntity(String value, int i) {
        int semicolon = value.indexOf(';', i);
        return semicolon > i + 1 && semicolon - i <= 32
                && value.substring(i + 1, semicolon).matches("#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]*");
    }

    private static boolean isControl(char c) {
        return Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029' || c == '\u0085';
    }

    private static boolean isBidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F';
    }
}
