package health.flipside.fhir;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** An item answer of a frequency-scaled questionnaire (PHQ-9, PHQ-2, GAD-7), 0–3, however the form codes it. */
final class PromAnswers {
    /** LOINC answer list LL358-3 (PHQ-9/GAD-7 frequency): LA6568-5 = 0 … LA6571-9 = 3. */
    private static final Map<String, Integer> ANSWER_CODES = Map.of("LA6568-5", 0, "LA6569-3", 1, "LA6570-1", 2,
            "LA6571-9", 3);
    /** The same answers by their words, as local code systems (the SDC example's CSPHQ9) spell them. */
    private static final Map<String, Integer> ANSWER_TEXTS = Map.of("not at all", 0, "several days", 1,
            "more than half the days", 2, "nearly every day", 3);

    /**
     * An item answer 0–3: the ordinalValue extension of the coding (or of the Questionnaire's answer option), the
     * LOINC answer code (LA6568-5 … LA6571-9), the answer's words, or an integer. Anything else is unreadable.
     */
    static Optional<Integer> answer(ObservedValue value, Map<String, Integer> optionOrdinals) {
        Optional<Integer> answer = Optional.empty();
        if (value instanceof ObservedValue.Coding coding) {
            answer = answer(coding.code(), optionOrdinals);
        } else if (value instanceof ObservedValue.Coded coded) {
            for (Concept.Code coding : coded.concept().codings()) {
                answer = answer(coding, optionOrdinals);
                if (answer.isPresent()) {
                    break;
                }
            }
            if (answer.isEmpty()) {
                answer = words(coded.concept().text());
            }
        } else if (value instanceof ObservedValue.Whole integer && integer.value() != null) {
            answer = Optional.of(integer.value());
        } else if (value instanceof ObservedValue.Decimal || value instanceof ObservedValue.Quantity) {
            answer = FhirValues.number(value).filter(d -> d == Math.rint(d)).map(d -> (int) Math.round(d));
        }
        return answer.filter(PromAnswers::isAnswer);
    }

    private static Optional<Integer> answer(Concept.Code coding, Map<String, Integer> optionOrdinals) {
        return Optional.ofNullable(coding.ordinal())
                .or(() -> Optional.ofNullable(coding.code()).map(ANSWER_CODES::get))
                .or(() -> Optional.ofNullable(coding.code()).map(optionOrdinals::get))
                .or(() -> words(coding.code()))
                .or(() -> words(coding.display()))
                .filter(PromAnswers::isAnswer);
    }

    private static boolean isAnswer(int value) {
        return value >= 0 && value <= 3;
    }

    private static Optional<Integer> words(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(ANSWER_TEXTS.get(text.trim().toLowerCase(Locale.ROOT).replace('-', ' ')));
    }

    private PromAnswers() {
    }
}
