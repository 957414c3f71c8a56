package health.flipside.facts;

import java.io.InputStream;
import java.util.Optional;

import org.fhir.ucum.Decimal;
import org.fhir.ucum.UcumEssenceService;
import org.fhir.ucum.UcumException;

/**
 * UCUM conversion by the UCUM reference library (org.fhir:ucum), so "kPa", "mm[Hg]" or "[lb_av]" are converted
 * by their definitions rather than by factors typed into Flipside. Thread-safe after construction.
 */
public final class UnitConverter {
    private final UcumEssenceService ucum;

    public UnitConverter() {
        try (InputStream essence = UcumEssenceService.class.getResourceAsStream("/ucum-essence.xml")) {
            ucum = new UcumEssenceService(essence);
        } catch (Exception e) {
            throw new IllegalStateException("UCUM definitions could not be loaded", e);
        }
    }

    /** The value in {@code targetUnit}, or empty when the unit is unknown or not commensurable. */
    public Optional<Double> convert(double value, String unit, String targetUnit) {
        if (unit == null || unit.isBlank()) {
            return Optional.empty();
        }
        if (unit.equals(targetUnit)) {
            return Optional.of(value);
        }
        try {
            Decimal converted = ucum.convert(new Decimal(Double.toString(value)), unit, targetUnit);
            return Optional.of(Double.parseDouble(converted.asDecimal()));
        } catch (UcumException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
