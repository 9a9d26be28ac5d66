package dev.oauth2jwt.http.boundary;

import dev.oauth2jwt.errors.boundary.ErrorPageServlet;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * An address whose path or query holds an encoded NUL character ({@code %00}) gets a 400 before
 * any resource sees it: no honest name, id or parameter has one, and PostgreSQL, which cannot store
 * one, would fail the lookup with a 500. (Form fields and JSON strings are checked where they are read.)
 */
@WebFilter(filterName = "NulCharacterCheck", urlPatterns = "/*", asyncSupported = true)
public class NulCharacterCheck extends HttpFilter {

    static final String MESSAGE = "The request's address must not contain NUL characters";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (holdsNul(request.getRequestURI()) || holdsNul(request.getQueryString())) {
            ErrorPageServlet.answer(response, 400, MESSAGE);
            return;
        }
        chain.doFilter(request, response);
    }

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
