// Sends a bundled example hook request to a running Flipside and prints the answer, as an EHR would:
// with a JWT signed by the development EHR key (dev/keys, trusted by `mvn liberty:run` only).
//
//   java examples/send.java examples/vignette-1-masked-uncontrolled.json [http://localhost:9080/cds-services/patient-data-summary]
//
// The examples are written as of 2026-11-20T12:00:00Z. Clinical windows are relative to "now" (28 days of home
// readings, 72 hours for a severe reading), so every date in the file is moved forward by the whole days that have
// passed since then, and the hookInstance is made fresh (CDS Hooks: every invocation has its own).
// Run from the repository root. Needs only a JDK 17; no build.

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class send {
    static final Instant ANCHOR = Instant.parse("2026-11-20T12:00:00Z");
    static final Pattern DATE_TIME = Pattern.compile("\"(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:\\d{2}))\"");
    static final String DEV_ISSUER = "https://ehr.dev.flipside.local";
    static final String DEV_KEY_ID = "flipside-dev-es384";
    static final Path DEV_KEY = Path.of("dev/keys/ehr-dev-es384.pem");
    static final Pattern HOOK_INSTANCE = Pattern.compile("\"hookInstance\"\\s*:\\s*\"[^\"]*\"");

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: java examples/send.java <example.json> [service URL]");
            System.exit(2);
        }
        String url = args.length > 1 ? args[1] : "http://localhost:9080/cds-services/patient-data-summary";
        String body = shiftToNow(Files.readString(Path.of(args[0])), Instant.now());
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + devToken(url))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        System.out.println("HTTP " + response.statusCode());
        System.out.println(response.body());
    }

    /** A CDS Hooks JWT: ES384, kid, aud = the exact endpoint URL, 5-minute lifetime, a fresh jti. */
    static String devToken(String audience) throws Exception {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"ES384\",\"typ\":\"JWT\",\"kid\":\"" + DEV_KEY_ID + "\"}";
        String claims = "{\"iss\":\"" + DEV_ISSUER + "\",\"aud\":\"" + audience + "\",\"iat\":" + now
                + ",\"exp\":" + (now + 300) + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "." + base64Url(claims.getBytes(StandardCharsets.UTF_8));
        String pem = Files.readString(DEV_KEY).replaceAll("-----[A-Z ]+-----|\\s", "");
        Signature signer = Signature.getInstance("SHA384withECDSAinP1363Format"); // JWS wants raw r||s, not DER
        signer.initSign(KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem))));
        signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + base64Url(signer.sign());
    }

    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String shiftToNow(String json, Instant now) {
        long days = Duration.between(ANCHOR, now).toDays();
        Matcher matcher = DATE_TIME.matcher(json);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            OffsetDateTime shifted = OffsetDateTime.parse(matcher.group(1)).plusDays(days);
            matcher.appendReplacement(out, "\"" + shifted.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "\"");
        }
        matcher.appendTail(out);
        return HOOK_INSTANCE.matcher(out).replaceFirst("\"hookInstance\" : \"" + UUID.randomUUID() + "\"");
    }
}
