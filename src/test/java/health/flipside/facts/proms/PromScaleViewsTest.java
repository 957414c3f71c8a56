package health.flipside.facts.proms;

import health.flipside.facts.Thresholds;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bands the trend view draws are the bands the summaries read a score into: one set of cut points. */
class PromScaleViewsTest {
    private final Thresholds t = PromsThresholds.standard();

    @Test
    void aScoreInsideEachDrawnBandIsReadIntoThatBand() {
        for (PromsSummarizer.Spec spec : PromsSummarizer.SCALES) {
            PromsSummarizer.ScaleView view = PromsSummarizer.scaleViews(t).stream()
                    .filter(v -> v.instrument().equals(spec.instrument()) && v.scale().equals(spec.scale())).findFirst().orElseThrow();
            assertThat(view.bands().get(0).from()).isEqualTo(view.min());
            assertThat(view.bands().get(view.bands().size() - 1).to()).isEqualTo(view.max());
            PromsSummarizer.Band previous = null;
            for (PromsSummarizer.Band band : view.bands()) {
                // the lower edge belongs to the band (a cut point is read into the band above it), except after a
                // band of one point (pain 0 is "no pain", anything above it "mild")
                if (previous == null || previous.to() > previous.from()) {
                    assertThat(PromsSummarizer.band(spec.family(), band.from(), t)).as(spec.name() + " at " + band.from())
                            .isEqualTo(band.band());
                }
                previous = band;
                double inside = band.from() + Math.min(0.5, (band.to() - band.from()) / 2);
                assertThat(PromsSummarizer.band(spec.family(), inside, t)).as(spec.name() + " at " + inside).isEqualTo(band.band());
            }
        }
    }

    @Test
    void anEsasRatingInsideEachDrawnBandIsReadIntoThatBand() {
        for (PromsSummarizer.Band band : PromsSummarizer.esasBands(t)) {
            // whole-number ratings from the cut point up to the next one; the top band includes the scale's maximum
            int top = band.to() == t.get("esasScoreMax") ? (int) band.to() : (int) band.to() - 1;
            for (int rating = (int) band.from(); rating <= top; rating++) {
                assertThat(PromsSummarizer.esasBand(rating, t).name()).as("ESAS-r " + rating).isEqualTo(band.band().name());
            }
        }
        assertThat(PromsSummarizer.esasBand((int) t.get("esasModerate") - 1, t)).isEqualTo(EsasBand.MILD);
    }
}
