package health.flipside.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import health.flipside.support.ErrorBody;
import health.flipside.support.SafeLog;

/**
 * Every CDS Hooks call — discovery, service, feedback — must carry a JWT signed by a trusted EHR. Any failure is a
 * bare 401 (CDS Hooks best practice: no detail); the reason goes to a metric and the log, the token nowhere. A valid
 * token the shared replay store cannot check now is a 503 with Retry-After: refused, but not the EHR's fault.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class EhrAuthenticationFilter implements ContainerRequestFilter {
    private static final Logger LOG = Logger.getLogger(EhrAuthenticationFilter.class.getName());
    static final String CALLER = "flipside.caller";
    static final int RETRY_AFTER_SECONDS = 5;

    @Inject
    EhrTrust trust;

    @Inject
    MetricRegistry metrics;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!(path.equals("cds-services") || path.startsWith("cds-services/") || path.startsWith("/cds-services"))
                || HttpMethod.OPTIONS.equals(request.getMethod())) {
            return;
        }
        try {
            if (trust.disabled()) {
                if (!isLoopback(servletRequest.getRemoteAddr())) {
                    throw new JwtRejectedException(RejectReason.NOT_LOOPBACK);
                }
                return;
            }
            request.setProperty(CALLER, verify(request));
        } catch (JwtRejectedException e) {
            metrics.counter("flipside_jwt_rejections_total", new Tag("reason", e.reason().tag())).inc();
            LOG.warning(() -> "Refused a call to /" + SafeLog.text(path.replaceFirst("^/", "")) + ": " + e.reason().tag());
            request.abortWith(e.reason() == RejectReason.REPLAY_CHECK_UNAVAILABLE ? replayCheckUnavailable()
                    : Response.status(Response.Status.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
        }
    }

    /** Not the token's fault: the EHR may send the call again, with a new token, once the store answers. */
    private static Response replayCheckUnavailable() {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .entity(ErrorBody.of("replay-check-unavailable", null, "The token could not be checked against "
                        + "earlier uses because the replay store is unavailable, so the call was not served. Send it "
                        + "again later with a new token."))
                .build();
    }

    /** CDS Hooks: aud is "the exact endpoint URL being called", as the EHR knows it: under the configured public URL. */
    private VerifiedCaller verify(ContainerRequestContext request) throws JwtRejectedException {
        try {
            return trust.verifier().verify(request.getHeaderString(HttpHeaders.AUTHORIZATION),
                    trust.publicUrls().audiences(request.getUriInfo().getPath()));
        } catch (RuntimeException e) {
            LOG.severe("JWT verification failed unexpectedly: " + e.getClass().getName());
            throw new JwtRejectedException(RejectReason.VERIFICATION_ERROR);
        }
    }

    private static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
