package health.flipside.facts.proms;

import java.util.Map;

/**
 * How long ago, as the period a card names, so a time never stands next to a score as a number ("down from 19 last
 * month", not "19 4 weeks ago"). The periods are flags; cds-cards/partials/time-ago.mustache words them ("today",
 * "yesterday", "a few days ago", "last week", "two weeks ago", "last month", "three months ago", "over a year ago").
 *
 * @param days whole calendar days before now
 */
public record Ago(int days) {
    /** Weeks and months are named in words up to this count; a later date is "over a year ago". */
    private static final int MOST_NAMED = 11;

    public boolean today() {
        return days == 0;
    }

    public boolean yesterday() {
        return days == 1;
    }

    public boolean fewDays() {
        return days >= 2 && days < 7;
    }

    public boolean lastWeek() {
        return days >= 7 && days < 14;
    }

    /** Two to three whole weeks: {@link #count} weeks ago. */
    public boolean weeks() {
        return days >= 14 && days < 28;
    }

    public boolean lastMonth() {
        return days >= 28 && days / 30 <= 1;
    }

    /** Two to eleven whole months (of 30 days): {@link #count} months ago. */
    public boolean months() {
        return days >= 28 && days / 30 > 1 && days / 30 <= MOST_NAMED;
    }

    public boolean overAYear() {
        return days >= 28 && days / 30 > MOST_NAMED;
    }

    /** The weeks or months counted, 0 otherwise. */
    public int count() {
        return weeks() ? days / 7 : months() ? days / 30 : 0;
    }

    /** The count as a key templates can test, {{#number.3}}three{{/number.3}}: Mustache has no comparisons. */
    public Map<String, Boolean> number() {
        return Map.of(String.valueOf(count()), true);
    }
}
