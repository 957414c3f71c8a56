package health.flipside.security;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The EHRs Flipside trusts, read from a YAML file the hospital maintains ({@code flipside.security.clients.file}).
 * An absent or empty file trusts nobody: every call is refused until a client is registered.
 */
public final class TrustedClients {
    /** HMAC and "none" can never be configured: CDS Hooks 2.0 forbids symmetric algorithms and unsigned tokens. */
    private static final Set<String> ALLOWED_ALGORITHMS = Set.of("ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Map<String, TrustedClient> byIssuer;

    public TrustedClients(List<TrustedClient> clients) {
        Map<String, TrustedClient> map = new HashMap<>();
        for (TrustedClient client : clients) {
            validate(client);
            if (map.put(client.issuer(), client) != null) {
                throw new IllegalArgumentException("Issuer " + client.issuer() + " is registered twice");
            }
        }
        byIssuer = Map.copyOf(map);
    }

    record ClientEntry(String name, String issuer, String jwksUrl, String jwksFile, List<String> allowedJku,
                       String tenant, Set<String> algorithms) {
    }

    record ClientsFile(List<ClientEntry> clients) {
    }

    public static TrustedClients load(Path file) {
        if (!Files.exists(file)) {
            return new TrustedClients(List.of());
        }
        try {
            com.fasterxml.jackson.databind.JsonNode tree = YAML.readTree(file.toFile());
            ClientsFile parsed = tree == null || tree.isMissingNode() || tree.isNull() ? null : YAML.treeToValue(tree, ClientsFile.class);
            if (parsed == null || parsed.clients() == null) {
                return new TrustedClients(List.of());
            }
            Path folder = file.toAbsolutePath().getParent();
            return new TrustedClients(parsed.clients().stream().map(e -> new TrustedClient(e.name(), e.issuer(),
                    e.jwksUrl() == null ? null : URI.create(e.jwksUrl()),
                    e.jwksFile() == null ? null : folder.resolve(e.jwksFile()),
                    e.allowedJku() == null ? List.of() : e.allowedJku().stream().map(URI::create).toList(),
                    e.tenant(), e.algorithms())).toList());
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException(file + ": " + e.getMessage().lines().findFirst().orElse("unreadable"), e);
        }
    }

    public Optional<TrustedClient> byIssuer(String issuer) {
        return Optional.ofNullable(byIssuer.get(issuer));
    }

    public int size() {
        return byIssuer.size();
    }

    private static void validate(TrustedClient client) {
        if (client.issuer() == null || client.issuer().isBlank()) {
            throw new IllegalArgumentException("A trusted client needs an 'issuer'");
        }
        if (client.jwksUrl() == null && client.jwksFile() == null && client.allowedJku().isEmpty()) {
            throw new IllegalArgumentException(client.issuer() + ": needs 'jwksUrl', 'jwksFile' or 'allowedJku'");
        }
        for (String algorithm : client.algorithms()) {
            if (!ALLOWED_ALGORITHMS.contains(algorithm)) {
                throw new IllegalArgumentException(client.issuer() + ": algorithm '" + algorithm + "' is not allowed (asymmetric JWS only)");
            }
        }
    }
}
