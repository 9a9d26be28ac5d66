package dev.oauth2jwt.it.rp;

import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** A protected page: any logged-in caller, whose name it shows. */
@WebServlet({"/whoami", "/callback"})
@ServletSecurity(@HttpConstraint(rolesAllowed = "**"))
public class WhoAmIServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        String name = request.getUserPrincipal() == null ? "nobody" : request.getUserPrincipal().getName();
        response.getWriter().print("<!DOCTYPE html><html><body><p id=\"caller\">" + name.replace("<", "&lt;") + "</p></body></html>");
    }
}
