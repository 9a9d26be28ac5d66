package dev.oauth2jwt.bearer.control;

/**
 * What the current request carries besides what the client sent: the servlet request's attributes,
 * which no client can set. The boundary provides it ({@code ServletRequestAttributes}): this layer
 * knows no HTTP.
 */
public interface RequestAttributes {

    Object get(String name);

    void set(String name, Object value);
}
