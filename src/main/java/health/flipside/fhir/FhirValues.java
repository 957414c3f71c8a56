package health.flipside.fhir;

import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/** HAPI values → {@link ObservedValue}: how the HAPI route reads what the JSON route reads from the JSON. */
final class FhirValues {
    /** The ordinalValue extension (FHIR R4 core), and its ISO 21090 predecessor that older forms still carry. */
    static final String ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
    static final String ISO21090_CO_VALUE = "http://hl7.org/fhir/StructureDefinition/iso21090-CO-value";

    private FhirValues() {
    }

    /**
     * Whether {@code text} from {@code start} to its end is a FHIR resource id (R4 "id" datatype): 1–64 of A–Z, a–z,
     * 0–9, "-" and ".". A loop, not a regular expression: every reading's id and performer is checked.
     */
    static boolean isId(String text, int start) {
        int length = text.length() - start;
        if (length < 1 || length > 64) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    static ObservedValue of(Type value) {
        if (value instanceof Quantity q) {
            return new ObservedValue.Quantity(q.getValue(), q.hasCode() ? q.getCode() : q.getUnit());
        }
        if (value instanceof CodeableConcept c) {
            return new ObservedValue.Coded(Concept.of(c));
        }
        if (value instanceof Coding c) {
            return new ObservedValue.Coding(code(c));
        }
        if (value instanceof StringType s) {
            return new ObservedValue.Text(s.getValue());
        }
        if (value instanceof BooleanType b) {
            return new ObservedValue.Bool(b.getValue());
        }
        if (value instanceof IntegerType i) {
            return new ObservedValue.Whole(i.getValue());
        }
        if (value instanceof DecimalType d) {
            return new ObservedValue.Decimal(d.getValue());
        }
        if (value instanceof DateTimeType t) {
            return new ObservedValue.DateTime(FhirTimes.of(t));
        }
        return ObservedValue.NONE;
    }

    static Concept.Code code(Coding coding) {
        return new Concept.Code(coding.getSystem(), coding.getCode(), coding.getDisplay(), ordinal(coding.getExtension()).orElse(null));
    }

    /** The whole number an ordinalValue extension carries, if any. */
    static Optional<Integer> ordinal(List<Extension> extensions) {
        return extensions.stream()
                .filter(e -> ORDINAL_VALUE.equals(e.getUrl()) || ISO21090_CO_VALUE.equals(e.getUrl()))
                .map(e -> number(of(e.getValue()))).flatMap(Optional::stream)
                .filter(d -> d == Math.rint(d)).map(d -> (int) Math.round(d)).findFirst();
    }

    /** A number from a quantity, decimal or integer value; none when it is no finite number (1e400 reads as infinity). */
    static Optional<Double> number(ObservedValue value) {
        return anyNumber(value).filter(Double::isFinite);
    }

    private static Optional<Double> anyNumber(ObservedValue value) {
        if (value instanceof ObservedValue.Quantity q && q.value() != null) {
            return Optional.of(q.value().doubleValue());
        }
        if (value instanceof ObservedValue.Decimal d && d.value() != null) {
            return Optional.of(d.value().doubleValue());
        }
        if (value instanceof ObservedValue.Whole i && i.value() != null) {
            return Optional.of(i.value().doubleValue());
        }
        return Optional.empty();
    }
}
