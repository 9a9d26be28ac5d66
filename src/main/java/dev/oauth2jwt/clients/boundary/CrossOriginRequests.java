package dev.oauth2jwt.clients.boundary;

import dev.oauth2jwt.clients.control.BrowserOrigins;
import dev.oauth2jwt.errors.boundary.ErrorPageServlet;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * CORS, for single-page apps on their own origin: discovery and the key set are public
 * ({@code *}); the token endpoint, userinfo, introspection, revocation and the API answer scripts of
 * the origins {@link BrowserOrigins} allows, without cookies (the tokens are bearer tokens). The
 * browser pages ({@code /authorize}, {@code /logout}) are never readable by another origin's
 * script. A preflight is answered here; an OPTIONS that is not one stays FastAPI's 405.
 */
@WebFilter(filterName = "CrossOriginRequests", urlPatterns = "/*", asyncSupported = true)
public class CrossOriginRequests extends HttpFilter {

    static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Accept, Accept-Language, Content-Language";
    /** What a script may read of an answer beyond the CORS-safelisted headers. */
    static final String EXPOSED_HEADERS = "WWW-Authenticate, Retry-After, Location, Link";
    static final int PREFLIGHT_MAX_AGE_SECONDS = 600;

    @Inject
    BrowserOrigins origins;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (origin == null || isBrowserPage(path)) {
            chain.doFilter(request, response);
            return;
        }
        boolean open = path.startsWith("/.well-known/");
        boolean allowed = open || origins.allowed(origin);
        response.addHeader("Vary", "Origin");
        if ("OPTIONS".equals(request.getMethod()) && request.getHeader("Access-Control-Request-Method") != null) {
            if (!allowed) {
                ErrorPageServlet.answer(response, HttpServletResponse.SC_FORBIDDEN, "Disallowed CORS origin");
                return;
            }
            response.setHeader("Access-Control-Allow-Origin", open ? "*" : origin);
            response.setHeader("Access-Control-Allow-Methods", ALLOWED_METHODS);
            response.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            response.setHeader("Access-Control-Max-Age", String.valueOf(PREFLIGHT_MAX_AGE_SECONDS));
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        if (allowed) {
            response.setHeader("Access-Control-Allow-Origin", open ? "*" : origin);
            response.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
        chain.doFilter(request, response);
    }

    /** Pages a browser navigates to and posts forms to: the login and the logout. */
    static boolean isBrowserPage(String path) {
        return path.equals("/authorize") || path.equals("/logout") || path.startsWith("/logout/");
    }
}
