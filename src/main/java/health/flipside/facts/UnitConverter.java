package health.flipside.facts;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.Optional;

import org.fhir.ucum.Decimal;
import org.fhir.ucum.UcumEssenceService;
import org.fhir.ucum.UcumException;

/**
 * UCUM conversion by the UCUM reference library (org.fhir:ucum), so "kPa", "mm[Hg]" or "[lb_av]" are converted
 * by their definitions rather than by factors typed into Flipside. Thread-safe after construction.
 */
public final class UnitConverter {
    /** Significant digits carried through a conversion: a double's full precision. */
    private static final int PRECISION = 17;

    private final UcumEssenceService ucum;

    public UnitConverter() {
        try (InputStream essence = UcumEssenceService.class.getResourceAsStream("/ucum-essence.xml")) {
            ucum = new UcumEssenceService(essence);
        } catch (Exception e) {
            throw new IllegalStateException("UCUM definitions could not be loaded", e);
        }
    }

    /** The value in {@code targetUnit}, or empty when the unit is unknown or not commensurable, or either value is no finite number. */
    public Optional<Double> convert(double value, String unit, String targetUnit) {
        if (unit == null || unit.isBlank() || !Double.isFinite(value)) {
            return Optional.empty();
        }
        if (unit.equals(targetUnit)) {
            return Optional.of(value);
        }
        try {
            // The library keeps the input's significant digits ("1.0" lb → "0.45" kg, "84.2" kg → "186" lb), which
            // would round a weight change past its threshold: convert at a double's full precision instead.
            Decimal input = new Decimal(BigDecimal.valueOf(value).toPlainString(), PRECISION);
            Decimal converted = ucum.convert(input, unit, targetUnit);
            return Optional.of(Double.parseDouble(converted.asDecimal())).filter(Double::isFinite);
        } catch (UcumException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
