package health.flipside.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JWT audience comes from flipside.public.base.url, never from the request (issue 10, point 1). */
class PublicUrlsTest {

    @Test
    void audiencesAreTheEndpointUnderEachConfiguredBase() {
        PublicUrls urls = PublicUrls.parse("https://cds.hospital.example/flipside, http://localhost:9080");

        assertThat(urls.audiences("cds-services/patient-data-summary")).containsExactly(
                "https://cds.hospital.example/flipside/cds-services/patient-data-summary",
                "http://localhost:9080/cds-services/patient-data-summary");
        assertThat(urls.audiences("/cds-services")).containsExactly(
                "https://cds.hospital.example/flipside/cds-services", "http://localhost:9080/cds-services");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", " , "})
    void unsetIsRefusedNamingTheVariable(String value) {
        assertThatThrownBy(() -> PublicUrls.parse(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("flipside.public.base.url").hasMessageContaining("Host header");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cds.hospital.example", "ftp://cds.hospital.example", "https://cds.hospital.example?x=1",
            "https://user@cds.hospital.example", "https:///nohost", "https://cds.hospital.example/#top"})
    void aBaseThatIsNoAbsoluteHttpUrlIsRefused(String value) {
        assertThatThrownBy(() -> PublicUrls.parse(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("flipside.public.base.url");
    }
}
