package health.flipside.facts;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.fhir.ucum.Decimal;
import org.fhir.ucum.UcumEssenceService;
import org.fhir.ucum.UcumException;

/**
 * UCUM conversion by the UCUM reference library (org.fhir:ucum), so "kPa", "mm[Hg]" or "[lb_av]" are converted
 * by their definitions rather than by factors typed into Flipside. Thread-safe after construction.
 *
 * <p>The library parses both units and works in decimals on every call, which made conversion a fifth of the scenario
 * gate's CPU at start-up. So the first conversion between two units asks the library for the line it follows
 * (value × scale + offset, checked at further points; a unit that is not on a line, such as a logarithmic one, is
 * always left to the library) and later ones use it. At most {@value #MAX_PAIRS} pairs are learnt: units come from
 * the patient's data, and a record could name many; any further pair is converted by the library, one call each.
 */
public final class UnitConverter {
    /** Significant digits carried through a conversion: a double's full precision. */
    private static final int PRECISION = 17;
    private static final int MAX_PAIRS = 256;
    /** Where a learnt line is checked against the library before it is kept. */
    private static final double[] PROBES = {-40, 0.1, 37.5, 98.6, 1234.5678, 1e6};

    /** How one unit converts to another: value × scale + offset. */
    private record Line(double scale, double offset) {
        double apply(double value) {
            return value * scale + offset;
        }
    }

    /** From one unit to another; a record, not a joined string: asked for every reading, so it builds no text. */
    private record Pair(String unit, String targetUnit) {
    }

    private final UcumEssenceService ucum;
    private final Map<Pair, Line> lines = new ConcurrentHashMap<>();

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
        Pair pair = new Pair(unit, targetUnit);
        Line line = lines.get(pair);
        if (line == null) {
            // Learning costs several conversions: once the pairs kept are full, each further pair costs one instead.
            Optional<Line> learnt = lines.size() < MAX_PAIRS ? line(unit, targetUnit) : Optional.empty();
            if (learnt.isEmpty()) {
                return exact(value, unit, targetUnit);
            }
            line = learnt.get();
            lines.put(pair, line);
        }
        return Optional.of(line.apply(value)).filter(Double::isFinite);
    }

    /** The line between two units, when the library's conversions lie on one; empty for unknown or other units. */
    private Optional<Line> line(String unit, String targetUnit) {
        Optional<Double> zero = exact(0, unit, targetUnit);
        if (zero.isEmpty()) {
            return Optional.empty(); // unknown or not commensurable: one refused conversion says so
        }
        double offset = zero.get();
        // Through the origin, 1 converts to the factor itself at full precision; with an offset, the slope over a
        // thousand units loses less to rounding than over one.
        Optional<Double> slope = offset == 0 ? exact(1, unit, targetUnit)
                : exact(1000, unit, targetUnit).map(thousand -> (thousand - offset) / 1000);
        if (slope.isEmpty()) {
            return Optional.empty();
        }
        Line line = new Line(slope.get(), offset);
        for (double probe : PROBES) {
            Optional<Double> expected = exact(probe, unit, targetUnit);
            if (expected.isEmpty() || Math.abs(line.apply(probe) - expected.get()) > 1e-9 * Math.max(1, Math.abs(expected.get()))) {
                return Optional.empty();
            }
        }
        return Optional.of(line);
    }

    /** The library's own conversion of one value. */
    private Optional<Double> exact(double value, String unit, String targetUnit) {
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
