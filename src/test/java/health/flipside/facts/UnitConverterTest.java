package health.flipside.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** UCUM conversion through the reference library: units are converted by definition, never guessed. */
class UnitConverterTest {
    private static final UnitConverter UNITS = new UnitConverter();

    @Test
    @DisplayName("kPa → mm[Hg] (1 kPa = 7.50062 mm[Hg])")
    void kilopascalToMillimetresOfMercury() {
        assertThat(UNITS.convert(16, "kPa", "mm[Hg]")).get(org.assertj.core.api.InstanceOfAssertFactories.DOUBLE)
                .isCloseTo(120.01, within(0.01));
        assertThat(UNITS.convert(10.7, "kPa", "mm[Hg]")).get(org.assertj.core.api.InstanceOfAssertFactories.DOUBLE)
                .isCloseTo(80.26, within(0.01));
    }

    @Test
    @DisplayName("[lb_av] → kg (1 lb = 0.45359 kg)")
    void poundsToKilograms() {
        assertThat(UNITS.convert(150, "[lb_av]", "kg")).get(org.assertj.core.api.InstanceOfAssertFactories.DOUBLE)
                .isCloseTo(68.039, within(0.001));
    }

    @ParameterizedTest(name = "{0} {1} → {3} {2}")
    @DisplayName("conversions keep full precision, whatever digits the value was written with")
    @CsvSource({
            "1.0, [lb_av], kg, 0.45359237",
            "5.0, [lb_av], kg, 2.26796185",
            "84.2, kg, [lb_av], 185.6292",
            "2.3, kg, [lb_av], 5.0706"})
    void fullPrecision(double value, String unit, String target, double expected) {
        assertThat(UNITS.convert(value, unit, target)).get(org.assertj.core.api.InstanceOfAssertFactories.DOUBLE)
                .isCloseTo(expected, within(0.0001));
    }

    @Test
    @DisplayName("the target unit itself comes back unchanged")
    void sameUnit() {
        assertThat(UNITS.convert(132.5, "mm[Hg]", "mm[Hg]")).contains(132.5);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @DisplayName("a unit UCUM does not know is empty, never guessed (\"mmHg\" is not UCUM; \"mm[Hg]\" is)")
    @ValueSource(strings = {"mmHg", "millimeters of mercury", "furlong", "%%"})
    void unknownUnitIsEmpty(String unit) {
        assertThat(UNITS.convert(120, unit, "mm[Hg]")).isEmpty();
    }

    @Test
    @DisplayName("a known unit of another dimension (kg → mm[Hg]) is empty")
    void incommensurableIsEmpty() {
        assertThat(UNITS.convert(80, "kg", "mm[Hg]")).isEmpty();
    }

    @ParameterizedTest
    @DisplayName("a missing or blank unit is empty")
    @NullAndEmptySource
    @ValueSource(strings = "  ")
    void missingUnitIsEmpty(String unit) {
        assertThat(UNITS.convert(120, unit, "mm[Hg]")).isEmpty();
    }

    @Test
    @DisplayName("no finite number in or out is empty: infinity as given (1e400 reads so), or 1e308 made a hundred times larger")
    void nonFiniteIsEmpty() {
        assertThat(UNITS.convert(Double.POSITIVE_INFINITY, "mm[Hg]", "mm[Hg]")).isEmpty();
        assertThat(UNITS.convert(Double.NaN, "kg", "kg")).isEmpty();
        assertThat(UNITS.convert(1e308, "1", "%")).isEmpty();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @DisplayName("the learnt line gives the library's own conversion, to a millionth of a millionth, over 500 values")
    @CsvSource({"kg, [lb_av]", "[lb_av], kg", "kPa, mm[Hg]", "g, kg", "mm[Hg], kPa", "[in_i], cm", "mg/dL, g/L", "h, min"})
    void theLearntLineIsTheLibrarysConversion(String unit, String target) throws Exception {
        UnitConverter units = new UnitConverter();
        org.fhir.ucum.UcumEssenceService library;
        try (java.io.InputStream essence = org.fhir.ucum.UcumEssenceService.class.getResourceAsStream("/ucum-essence.xml")) {
            library = new org.fhir.ucum.UcumEssenceService(essence);
        }
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 500; i++) {
            double value = i % 2 == 0 ? Math.round(random.nextDouble() * 4000) / 10.0 : (random.nextDouble() - 0.2) * 1e4;
            double expected = Double.parseDouble(library.convert(new org.fhir.ucum.Decimal(java.math.BigDecimal.valueOf(value)
                    .toPlainString(), 17), unit, target).asDecimal());
            assertThat(units.convert(value, unit, target)).as("%s %s", value, unit).get(org.assertj.core.api.InstanceOfAssertFactories.DOUBLE)
                    .isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
        }
    }

    @Test
    @DisplayName("past the pairs it keeps, a new pair is still converted, by the library itself")
    void pairsBeyondTheKeptOnesAreStillConverted() {
        UnitConverter units = new UnitConverter();
        for (int n = 1; n <= 300; n++) { // "n.g" is n grams, a pair of its own each time
            assertThat(units.convert(2, n + ".g", "g")).get(org.assertj.core.api.InstanceOfAssertFactories.DOUBLE)
                    .isCloseTo(2.0 * n, within(1e-9));
        }
    }

    @Test
    @DisplayName("a pair the library cannot convert is learnt as nothing and stays empty on every call")
    void aPairTheLibraryCannotConvertStaysEmpty() {
        UnitConverter units = new UnitConverter();
        for (int call = 0; call < 3; call++) {
            assertThat(units.convert(120, "kg", "mm[Hg]")).isEmpty();
            assertThat(units.convert(37, "Cel", "[degF]")).isEmpty(); // the library does not convert offset units
            assertThat(units.convert(120, "mmHg", "mm[Hg]")).isEmpty();
        }
    }
}
