package dev.oauth2jwt.bearer.boundary;

import dev.oauth2jwt.bearer.entity.Caller;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/** The request's security once a bearer token checked out: the caller, as a JsonWebToken, is the principal. */
class BearerSecurityContext implements SecurityContext {

    private final Caller caller;
    private final CallerToken principal;
    private final SecurityContext original;

    BearerSecurityContext(Caller caller, SecurityContext original) {
        this.caller = caller;
        this.principal = new CallerToken(caller);
        this.original = original;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public boolean isUserInRole(String role) {
        return caller.hasScope(role);
    }

    @Override
    public boolean isSecure() {
        return original != null && original.isSecure();
    }

    @Override
    public String getAuthenticationScheme() {
        return "Bearer";
    }
}
