package dev.oauth2jwt.bearer.boundary;

import dev.oauth2jwt.bearer.control.RequestAttributes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/** The current servlet request's attributes, through CDI's proxy for the request. */
@ApplicationScoped
public class ServletRequestAttributes implements RequestAttributes {

    @Inject
    HttpServletRequest request;

    @Override
    public Object get(String name) {
        return request.getAttribute(name);
    }

    @Override
    public void set(String name, Object value) {
        request.setAttribute(name, value);
    }
}
