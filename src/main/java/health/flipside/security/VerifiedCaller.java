package health.flipside.security;

/** Who called, once the JWT checked out; safe to log (CDS Hooks best practice: iss, tenant and jti may be logged). */
public record VerifiedCaller(String issuer, String tenant, String jti) {
}
