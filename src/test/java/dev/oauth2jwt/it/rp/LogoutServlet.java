package dev.oauth2jwt.it.rp;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Logs out: Jakarta Security sends the browser to the provider's end_session_endpoint. */
@WebServlet("/logout")
public class LogoutServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        request.logout();
        if (!response.isCommitted()) {
            response.sendRedirect(request.getContextPath() + "/bye");
        }
    }
}
