package health.flipside.fhir;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import health.flipside.facts.Metric;

/**
 * A urine ketone test strip's result (LOINC 2514-8 "Ketones [Presence] in Urine by Test strip", an ordinal) as the
 * level {@link Metric#URINE_KETONES} carries: 0 negative, 1 trace, 2 small (+), 3 moderate (++), 4 large (+++ or
 * more). Read from the words of a coded or text answer, as strips are labelled; an answer it cannot place is skipped,
 * never guessed.
 */
final class KetoneLevels {
    private static final List<List<String>> LEVELS = List.of(
            List.of("negative", "neg", "none", "-"),
            List.of("trace", "+/-", "±"),
            List.of("small", "+", "1+"),
            List.of("moderate", "++", "2+"),
            List.of("large", "+++", "3+", "++++", "4+"));

    private KetoneLevels() {
    }

    static Optional<Double> of(ObservedValue value) {
        List<String> words = value instanceof ObservedValue.Coded c ? c.concept().texts()
                : value instanceof ObservedValue.Text s && s.value() != null ? List.of(s.value()) : List.of();
        for (String word : words) {
            String answer = word.trim().toLowerCase(Locale.ROOT);
            for (int level = LEVELS.size() - 1; level >= 0; level--) {
                if (LEVELS.get(level).contains(answer) || LEVELS.get(level).contains(answer.split("[ (]")[0])) {
                    return Optional.of((double) level);
                }
            }
        }
        return Optional.empty();
    }
}
