package dev.oauth2jwt.errors.boundary;

import dev.oauth2jwt.errors.entity.ErrorDetail;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The container's error page (web.xml): errors raised outside JAX-RS still answer with the
 * contract's JSON instead of the server's HTML page. Called directly, it is just an unknown path.
 */
@WebServlet(name = "ErrorPage", urlPatterns = ErrorPageServlet.PATH)
public class ErrorPageServlet extends HttpServlet {

    static final String PATH = "/error-page";
    private static final Jsonb JSONB = JsonbBuilder.create();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        answer(response, code instanceof Integer value ? value : HttpServletResponse.SC_NOT_FOUND);
    }

    /** The contract's JSON error for a status, written outside JAX-RS (by servlets and servlet filters too). */
    public static void answer(HttpServletResponse response, int status) throws IOException {
        answer(response, status, ErrorResponses.reasonPhrase(status));
    }

    /** The same with a detail of its own. */
    public static void answer(HttpServletResponse response, int status, String detail) throws IOException {
        response.setStatus(status);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSONB.toJson(new ErrorDetail(detail)));
    }
}
