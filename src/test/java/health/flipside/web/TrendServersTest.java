package health.flipside.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The trend view reads only from listed FHIR servers: an iss is matched exactly (a trailing slash aside). */
class TrendServersTest {
    private final TrendServers servers = new TrendServers("https://ehr.example/fhir/r4, http://localhost:9070/fhir");

    @Test
    void onlyAListedBaseIsAllowed() {
        assertThat(servers.allowed("https://ehr.example/fhir/r4/")).hasValue("https://ehr.example/fhir/r4");
        assertThat(servers.allowed("http://localhost:9070/fhir")).isPresent();
        assertThat(servers.allowed("https://ehr.example/fhir")).isEmpty();
        assertThat(servers.allowed("https://ehr.example/fhir/r4/../../admin")).isEmpty();
        assertThat(servers.allowed("https://ehr.example.attacker.net/fhir/r4")).isEmpty();
        assertThat(servers.allowed("http://169.254.169.254/latest")).isEmpty();
        assertThat(servers.allowed("")).isEmpty();
        assertThat(servers.allowed(null)).isEmpty();
    }

    @Test
    void originsFeedThePagesContentSecurityPolicy() {
        assertThat(servers.origins()).containsExactly("https://ehr.example", "http://localhost:9070");
    }

    @Test
    void nothingConfiguredAllowsNothingAndABadEntryIsRefusedNamingTheVariable() {
        assertThat(new TrendServers(" ").allowed("https://ehr.example/fhir/r4")).isEmpty();
        assertThatThrownBy(() -> new TrendServers("ftp://ehr.example/fhir")).hasMessageContaining("flipside.trend.fhir.servers");
    }
}
