package health.flipside.fhir;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A FHIR dateTime with seconds and an offset, read character by character (the request path reads one per reading,
 * so thousands per CGM patient): {@code yyyy-MM-ddTHH:mm:ss[.f{1,3}](Z|±hh:mm)}, years 1900–2199, offsets up to
 * ±14:59, and a real calendar date and clock time (30 February, 24:00 and a 60th second are refused). Anything else
 * is not read here and goes to HAPI ({@link JsonObservation}'s rule: what is unusual, HAPI decides).
 */
final class JsonDateTime {
    private static final int[] MILLIS_PER_DIGIT = {100, 10, 1};
    /** Every quarter-hour offset from -14:45 to +14:45, by quarter hours from -14:45: nearly every offset in use. */
    private static final ZoneOffset[] QUARTER_HOURS = new ZoneOffset[119];

    static {
        for (int q = 0; q < QUARTER_HOURS.length; q++) {
            QUARTER_HOURS[q] = ZoneOffset.ofTotalSeconds((q - 59) * 900);
        }
    }

    private JsonDateTime() {
    }

    /** The date-time, or null when the text is not of that exact form. */
    static OffsetDateTime parse(String s) {
        int n = s.length();
        if (n < 20 || !(digits(s, 0, 4) && s.charAt(4) == '-' && digits(s, 5, 2) && s.charAt(7) == '-' && digits(s, 8, 2)
                && s.charAt(10) == 'T' && digits(s, 11, 2) && s.charAt(13) == ':' && digits(s, 14, 2)
                && s.charAt(16) == ':' && digits(s, 17, 2))) {
            return null;
        }
        int year = number(s, 0, 4);
        if (year < 1900 || year > 2199) {
            return null;
        }
        int i = 19;
        int millis = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            int count = i - start;
            if (count < 1 || count > 3) {
                return null;
            }
            for (int d = 0; d < count; d++) {
                millis += (s.charAt(start + d) - '0') * MILLIS_PER_DIGIT[d];
            }
        }
        ZoneOffset offset = offset(s, i);
        if (offset == null) {
            return null;
        }
        try {
            return OffsetDateTime.of(year, number(s, 5, 2), number(s, 8, 2), number(s, 11, 2), number(s, 14, 2),
                    number(s, 17, 2), millis * 1_000_000, offset);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** "Z" or "±hh:mm" (hours 00–14, minutes 00–59) from {@code i} to the end, else null. */
    private static ZoneOffset offset(String s, int i) {
        int left = s.length() - i;
        if (left == 1 && s.charAt(i) == 'Z') {
            return ZoneOffset.UTC;
        }
        char sign = left == 6 ? s.charAt(i) : ' ';
        if ((sign != '+' && sign != '-') || !digits(s, i + 1, 2) || s.charAt(i + 3) != ':' || !digits(s, i + 4, 2)) {
            return null;
        }
        int hours = number(s, i + 1, 2);
        int minutes = number(s, i + 4, 2);
        if (hours > 14 || minutes > 59) {
            return null;
        }
        int seconds = (sign == '+' ? 1 : -1) * (hours * 3600 + minutes * 60);
        // ZoneOffset's own cache of these is a concurrent map, asked for every reading of a request
        return seconds % 900 == 0 ? QUARTER_HOURS[seconds / 900 + 59] : ZoneOffset.ofTotalSeconds(seconds);
    }

    private static boolean digits(String s, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** ASCII only, as the FHIR regex's \d (a Unicode digit is not a FHIR digit). */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int number(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            value = value * 10 + (s.charAt(i) - '0');
        }
        return value;
    }
}
