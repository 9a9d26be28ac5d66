package dev.oauth2jwt.http.boundary;

import dev.oauth2jwt.errors.boundary.ErrorPageServlet;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.Enumeration;

/**
 * What every request must be before any servlet or resource sees it, checked in a servlet filter
 * ahead of JAX-RS (TomEE's CXF fails on some of these before any JAX-RS filter runs). One filter, not
 * one per check: on Payara every filter of the chain costs a hop with its own container events
 * around it, on every request.
 *
 * <ul>
 * <li>A body declared larger than {@link BoundedBody#MAX_BYTES}: 413 before anything reads it.
 * BoundedBody refuses it too, but TomEE's CXF, when a resource refuses a body it has not read, waits
 * for the rest of it before answering: the client, waiting for the answer before sending more,
 * would hang until the connection times out.</li>
 * <li>A body in a charset the JVM does not know cannot be read: 415 up front, not a failure while
 * reading.</li>
 * <li>An address whose path or query holds an encoded NUL character ({@code %00}): 400. No honest
 * name, id or parameter has one, and PostgreSQL, which cannot store one, would fail the lookup with
 * a 500. (Form fields and JSON strings are checked where they are read.)</li>
 * <li>{@code /openapi} and below: 404, as in FastAPI (the document is {@code /openapi.json}). The
 * servers' MicroProfile OpenAPI adds a servlet there to a root-context application: Payara's and
 * WildFly's are switched off in their configuration, but TomEE's comes with annotation scanning of
 * its own libraries, can only be kept out here, and answers a request without an Accept header
 * with a 500.</li>
 * </ul>
 */
@WebFilter(filterName = "RequestChecks", urlPatterns = "/*", asyncSupported = true)
public class RequestChecks extends HttpFilter {

    static final String NUL_MESSAGE = "The request's address must not contain NUL characters";
    private static final String SERVERS_OPENAPI = "/openapi";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getContentLengthLong() > BoundedBody.MAX_BYTES) {
            response.setHeader("Connection", "close");   // the body is not read: the connection cannot be reused
            ErrorPageServlet.answer(response, 413, BoundedBody.TOO_LARGE);
            return;
        }
        if (!charsetsSupported(request.getHeaders("Content-Type"))) {
            ErrorPageServlet.answer(response, 415);
            return;
        }
        if (holdsNul(request.getRequestURI()) || holdsNul(request.getQueryString())) {
            ErrorPageServlet.answer(response, 400, NUL_MESSAGE);
            return;
        }
        if (isServersOpenApi(request.getServletPath(), request.getPathInfo())) {
            ErrorPageServlet.answer(response, 404);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whether every Content-Type header names no charset or one the JVM knows. */
    static boolean charsetsSupported(Enumeration<String> contentTypes) {
        while (contentTypes != null && contentTypes.hasMoreElements()) {
            String charset = charsetOf(contentTypes.nextElement());
            if (charset != null && !isSupported(charset)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The charset parameter of a Content-Type, read from the header as sent: servlet containers
     * differ in what getContentType(), getHeader("Content-Type") and getCharacterEncoding() make
     * of a charset they do not know (Payara's leave it out).
     */
    static String charsetOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String parameter : contentType.split(";")) {
            int equals = parameter.indexOf('=');
            if (equals > 0 && "charset".equalsIgnoreCase(parameter.substring(0, equals).strip())) {
                String value = parameter.substring(equals + 1).strip();
                return value.length() > 1 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
            }
        }
        return null;
    }

    static boolean isSupported(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }

    /**
     * Whether a request's path within the application is the servers' OpenAPI endpoint. Servlet path
     * and path info split that path differently depending on the servlet it is mapped to; a servlet
     * path is whole segments and a path info starts with a slash, so neither needs joining (this runs
     * on every request).
     */
    static boolean isServersOpenApi(String servletPath, String pathInfo) {
        return isOpenApiPath(servletPath)
                || servletPath.isEmpty() && pathInfo != null && isOpenApiPath(pathInfo);
    }

    private static boolean isOpenApiPath(String path) {
        return path.startsWith(SERVERS_OPENAPI)
                && (path.length() == SERVERS_OPENAPI.length() || path.charAt(SERVERS_OPENAPI.length()) == '/');
    }

    /** Whether a raw (still percent-encoded) path or query holds a NUL, encoded or not. */
    static boolean holdsNul(String raw) {
        if (raw == null) {
            return false;
        }
        for (int i = raw.indexOf('%'); i >= 0 && i + 2 < raw.length(); i = raw.indexOf('%', i + 1)) {
            if (raw.charAt(i + 1) == '0' && raw.charAt(i + 2) == '0') {
                return true;
            }
        }
        return raw.indexOf('\0') >= 0;
    }
}
