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
import java.util.Collections;

/**
 * A body in a charset the JVM does not know cannot be read: 415 up front, not a failure while
 * reading. A servlet filter, ahead of JAX-RS: TomEE's CXF fails on such a request (500) before any
 * JAX-RS filter runs.
 */
@WebFilter(filterName = "CharsetCheck", urlPatterns = "/*", asyncSupported = true)
public class CharsetCheck extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        for (String contentType : Collections.list(request.getHeaders("Content-Type"))) {
            String charset = charsetOf(contentType);
            if (charset != null && !isSupported(charset)) {
                ErrorPageServlet.answer(response, 415);
                return;
            }
        }
        chain.doFilter(request, response);
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

    public static boolean isSupported(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }
}
