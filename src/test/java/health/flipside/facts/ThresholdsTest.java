package health.flipside.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Named, sourced thresholds: asking for an undefined one is a contract error that says where to define it. */
class ThresholdsTest {
    private final Thresholds bp = new Thresholds("bp", Map.of(
            "homeHighSystolic", new Thresholds.Threshold(130, "mm[Hg]", "2025 AHA/ACC Table 9 [S]"),
            "severeWindowHours", new Thresholds.Threshold(71.6, "h", "design choice [D]")));

    @Test
    @DisplayName("a defined threshold gives its value, whole-number value and source")
    void definedThreshold() {
        assertThat(bp.get("homeHighSystolic")).isEqualTo(130.0);
        assertThat(bp.getInt("severeWindowHours")).as("rounded, not truncated").isEqualTo(72);
        assertThat(bp.source("homeHighSystolic")).isEqualTo("2025 AHA/ACC Table 9 [S]");
    }

    @Test
    @DisplayName("an unknown name fails with a message naming the threshold and rules/<topic>/thresholds.yaml")
    void unknownName() {
        assertThatThrownBy(() -> bp.get("homeHighSystolik"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("homeHighSystolik")
                .hasMessageContaining("rules/bp/thresholds.yaml");
    }

    @Test
    @DisplayName("getInt and source of an unknown name fail the same way")
    void unknownNameEverywhere() {
        assertThatThrownBy(() -> bp.getInt("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rules/bp/thresholds.yaml");
        assertThatThrownBy(() -> bp.source("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nope'");
    }
}
