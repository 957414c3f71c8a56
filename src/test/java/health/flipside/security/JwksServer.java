package health.flipside.security;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;

/**
 * An EHR's JWK Set endpoint over real HTTP on loopback (127.0.0.1, a free port), for the verifier's key fetching,
 * caching, rotation and outage handling. What it serves can change while it runs, and it counts the fetches.
 */
final class JwksServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile int status = 200;
    private volatile String body;

    JwksServer(JWKSet keys) throws IOException {
        serve(keys);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", status == 200 ? "application/json" : "text/plain");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    /** A URL on loopback where nothing listens: a started server's port, once that server is stopped. */
    static URI deadUrl() throws IOException {
        try (JwksServer gone = new JwksServer(new JWKSet())) {
            return gone.url();
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json");
    }

    /** From now on serves these keys (public parts only), with 200. */
    void serve(JWKSet keys) {
        body = keys.toPublicJWKSet().toString();
        status = 200;
    }

    /** From now on answers every fetch with this status and a body that is no JWK Set. */
    void fail(int httpStatus) {
        body = "unavailable";
        status = httpStatus;
    }

    /** From now on answers 200 with a body that is not a JWK Set. */
    void serveGarbage() {
        body = "<html>not a JWK Set</html>";
        status = 200;
    }

    int fetches() {
        return fetches.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
