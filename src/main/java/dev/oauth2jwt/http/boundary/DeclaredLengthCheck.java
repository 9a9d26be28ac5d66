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
 * A body declared larger than {@link BoundedBody#MAX_BYTES} gets its 413 before anything reads it.
 * BoundedBody refuses it too, but TomEE's CXF, when a resource refuses a body it has not read,
 * waits for the rest of it before answering: the client, waiting for the answer before sending
 * more, would hang until the connection times out.
 */
@WebFilter(filterName = "DeclaredLengthCheck", urlPatterns = "/*", asyncSupported = true)
public class DeclaredLengthCheck extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getContentLengthLong() > BoundedBody.MAX_BYTES) {
            response.setHeader("Connection", "close");   // the body is not read: the connection cannot be reused
            ErrorPageServlet.answer(response, 413, BoundedBody.TOO_LARGE);
            return;
        }
        chain.doFilter(request, response);
    }
}
