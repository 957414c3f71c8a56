package health.flipside.facts.proms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Jacobson & Truax reliable change (docs/clinical-sources.md, across topics): SEM = SD·√(1−r), S_diff = √2·SEM, RCI =
 * Δ/S_diff. */
class ReliableChangeTest {

    @Test
    @DisplayName("PROMIS T-scores, SD 10 and reliability 0.90: SEM 3.16, S_diff 4.47, 95% threshold 8.77 T points")
    void promisThreshold() {
        assertThat(ReliableChange.sem(10, 0.90)).isCloseTo(3.1623, within(1e-4));
        assertThat(ReliableChange.standardErrorOfDifference(10, 0.90)).isCloseTo(4.4721, within(1e-4));
        assertThat(ReliableChange.threshold(10, 0.90, 1.96)).isCloseTo(8.7654, within(1e-4));
    }

    @Test
    @DisplayName("the index is signed and reaches 1.96 exactly at the threshold")
    void index() {
        double threshold = ReliableChange.threshold(10, 0.90, 1.96);
        assertThat(ReliableChange.index(50, 50 + threshold, 10, 0.90)).isCloseTo(1.96, within(1e-9));
        assertThat(ReliableChange.index(60, 55, 10, 0.90)).isCloseTo(-1.118, within(1e-3));
    }

    @Test
    @DisplayName("higher reliability, smaller reliable change: r 0.96 halves the threshold of r 0.84")
    void reliabilityShrinksThreshold() {
        assertThat(ReliableChange.threshold(10, 0.96, 1.96) * 2).isCloseTo(ReliableChange.threshold(10, 0.84, 1.96), within(1e-9));
    }

    @Test
    @DisplayName("a precomputed threshold in points: a change of exactly the threshold is reliable, one point less is not, either direction")
    void precomputed() {
        assertThat(ReliableChange.exceeds(6, 6)).isTrue();
        assertThat(ReliableChange.exceeds(-6, 6)).isTrue();
        assertThat(ReliableChange.exceeds(5, 6)).isFalse();
        assertThat(ReliableChange.exceeds(-5.9, 6)).isFalse();
    }

    @Test
    @DisplayName("a threshold of 0 means no reliable-change requirement (an instrument without one)")
    void noThreshold() {
        assertThat(ReliableChange.exceeds(0.5, 0)).isTrue();
    }

    @Test
    @DisplayName("an SD of 0 or a reliability of 1 has no reliable-change index: refused, not divided by zero")
    void invalid() {
        assertThatThrownBy(() -> ReliableChange.sem(0, 0.9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReliableChange.sem(10, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReliableChange.threshold(10, 0.9, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
