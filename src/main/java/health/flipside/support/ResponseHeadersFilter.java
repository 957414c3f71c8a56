package health.flipside.support;

import java.io.IOException;
import java.util.function.BiConsumer;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Headers every response carries (issue 10, point 7): {@code X-Content-Type-Options: nosniff} everywhere, so a
 * browser never reads a JSON answer as HTML; {@code Cache-Control: no-store} on the CDS Hooks and admin answers,
 * which hold a patient's cards or previews and must not stay in a browser's or a proxy's cache. Set as a servlet
 * filter (health, metrics, static files) and again as a JAX-RS response filter, because the JAX-RS runtime resets
 * the servlet response before it writes a mapped error.
 */
@Provider
@WebFilter(urlPatterns = "/*", dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR}, asyncSupported = true)
public class ResponseHeadersFilter implements Filter, ContainerResponseFilter {
    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        add(((HttpServletRequest) req).getRequestURI(), ((HttpServletResponse) res)::setHeader);
        chain.doFilter(req, res);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        add("/" + request.getUriInfo().getPath().replaceFirst("^/", ""), response.getHeaders()::putSingle);
    }

    static void add(String path, BiConsumer<String, String> header) {
        header.accept("X-Content-Type-Options", "nosniff");
        if (path.startsWith("/cds-services") || path.startsWith("/admin") || path.startsWith("/flipside-error")
                || path.startsWith("/trend/api")) {
            header.accept("Cache-Control", "no-store");
        }
    }
}
