package health.flipside.fhir;

import java.math.BigDecimal;
import java.time.Instant;

/** A value[x] (of an Observation, a component or a questionnaire answer), as far as Flipside reads one. */
sealed interface ObservedValue {
    /** No value, or a kind Flipside does not read (Range, Ratio, SampledData, …). */
    ObservedValue NONE = new Other();

    /** @param value null when the quantity carries none; @param unit its UCUM code, else its unit text, or null */
    record Quantity(BigDecimal value, String unit) implements ObservedValue {
    }

    record Coded(Concept concept) implements ObservedValue {
    }

    /** A bare Coding (questionnaire answers). */
    record Coding(Concept.Code code) implements ObservedValue {
    }

    record Text(String value) implements ObservedValue {
    }

    record Bool(Boolean value) implements ObservedValue {
    }

    record Whole(Integer value) implements ObservedValue {
    }

    record Decimal(BigDecimal value) implements ObservedValue {
    }

    /** @param value null when no instant could be read */
    record DateTime(Instant value) implements ObservedValue {
    }

    record Other() implements ObservedValue {
    }
}
