package health.flipside.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * FHIR callbacks against real HTTP servers on loopback (issue 10, point 3): paging ends on a repeated next link and
 * at the deadline, and the EHR's token reaches the fhirServer's origin only — never a next link or a redirect to
 * another origin.
 */
class HapiFhirFetcherTest {
    private static final String TOKEN = "ehr-access-token-123";
    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();

    /** A request a test server received: its path and query, and its Authorization header (null when absent). */
    record Received(String uri, String authorization) {
    }

    /** A loopback server answering each request with {@code answer}; records every request it gets. */
    private final class Server {
        final HttpServer http;
        final List<Received> received = new CopyOnWriteArrayList<>();

        Server(Function<HttpExchange, String> answer) throws IOException {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/", exchange -> {
                received.add(new Received(exchange.getRequestURI().toString(), exchange.getRequestHeaders().getFirst("Authorization")));
                String body = answer.apply(exchange);
                if (exchange.getResponseCode() == -1) {
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
                    exchange.sendResponseHeaders(200, bytes.length);
                    exchange.getResponseBody().write(bytes);
                }
                exchange.close();
            });
            http.start();
            servers.add(http);
        }

        String base() {
            return "http://127.0.0.1:" + http.getAddress().getPort() + "/fhir";
        }
    }

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    static String page(String nextUrl) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"searchset\""
                + (nextUrl == null ? "" : ",\"link\":[{\"relation\":\"next\",\"url\":\"" + nextUrl + "\"}]")
                + ",\"entry\":[{\"resource\":{\"resourceType\":\"Device\",\"id\":\"d1\"}}]}";
    }

    static HapiFhirFetcher fetcher(Duration deadline) {
        return new HapiFhirFetcher(FhirR4.context(), 1000, 5000, deadline);
    }

    static void redirect(HttpExchange exchange, String location) {
        try {
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(302, -1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aNextLinkToTheSamePageEndsPagingAtOnce() throws Exception {
        Server[] self = new Server[1];
        self[0] = new Server(exchange -> page(self[0].base() + "/Device?patient=1"));

        List<Resource> resources = fetcher(Duration.ofSeconds(2)).fetch(new FhirAccess(self[0].base(), TOKEN), "Device?patient=1");
        Thread.sleep(300);

        assertThat(resources).hasSize(1);
        assertThat(self[0].received).hasSize(1);
    }

    @Test
    void endlessPagingStopsAtTheDeadlineAndNothingIsFetchedAfterwards() throws Exception {
        AtomicInteger pageNumber = new AtomicInteger();
        Server[] server = new Server[1];
        server[0] = new Server(exchange -> page(server[0].base() + "/Device?patient=1&page=" + pageNumber.incrementAndGet()));

        long started = System.nanoTime();
        assertThatThrownBy(() -> fetcher(Duration.ofMillis(400)).fetch(new FhirAccess(server[0].base(), TOKEN), "Device?patient=1"))
                .isInstanceOf(FhirFetchException.class).hasMessageContaining("deadline");
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        int atReturn = server[0].received.size();
        Thread.sleep(500);

        assertThat(tookMillis).isLessThan(1500);
        assertThat(server[0].received).hasSize(atReturn);
    }

    @Test
    void theTokenIsNotSentToANextLinkOnAnotherOrigin() throws Exception {
        Server elsewhere = new Server(exchange -> page(null));
        Server ehr = new Server(exchange -> page(elsewhere.base() + "/Device?patient=1&page=2"));

        assertThatThrownBy(() -> fetcher(Duration.ofSeconds(2)).fetch(new FhirAccess(ehr.base(), TOKEN), "Device?patient=1"))
                .isInstanceOf(FhirFetchException.class).hasMessageContaining("origin");

        assertThat(ehr.received).extracting(Received::authorization).containsOnly("Bearer " + TOKEN);
        assertThat(elsewhere.received).isEmpty();
    }

    @Test
    void aRedirectToAnotherOriginIsNotFollowed() throws Exception {
        Server elsewhere = new Server(exchange -> page(null));
        Server ehr = new Server(exchange -> {
            redirect(exchange, elsewhere.base() + "/Device?patient=1");
            return "";
        });

        assertThatThrownBy(() -> fetcher(Duration.ofSeconds(2)).fetch(new FhirAccess(ehr.base(), TOKEN), "Device?patient=1"))
                .isInstanceOf(FhirFetchException.class);

        assertThat(ehr.received).hasSize(1);
        assertThat(elsewhere.received).isEmpty();
    }

    @Test
    void aRedirectWithinTheOriginIsFollowedWithTheToken() throws Exception {
        Server ehr = new Server(exchange -> {
            if (exchange.getRequestURI().getPath().equals("/fhir/Device")) {
                redirect(exchange, "/fhir/moved/Device?patient=1");
                return "";
            }
            return page(null);
        });

        List<Resource> resources = fetcher(Duration.ofSeconds(2)).fetch(new FhirAccess(ehr.base(), TOKEN), "Device?patient=1");

        assertThat(resources).hasSize(1);
        assertThat(ehr.received).extracting(Received::authorization).containsExactly("Bearer " + TOKEN, "Bearer " + TOKEN);
    }

    @Test
    void originsCompareSchemeHostAndPort() {
        Origin origin = Origin.of("https://EHR.example/fhir");
        assertThat(origin.contains("https://ehr.example:443/fhir/Observation?page=2")).isTrue();
        assertThat(origin.contains("http://ehr.example/fhir")).isFalse();
        assertThat(origin.contains("https://ehr.example:8443/fhir")).isFalse();
        assertThat(origin.contains("https://ehr.example.evil.example/fhir")).isFalse();
        assertThat(origin.contains("/relative")).isFalse();
        assertThat(origin.contains("javascript:alert(1)")).isFalse();
    }
}
