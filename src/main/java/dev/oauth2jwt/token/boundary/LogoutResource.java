package dev.oauth2jwt.token.boundary;

import dev.oauth2jwt.security.boundary.Authenticated;
import dev.oauth2jwt.security.boundary.InactiveUsersAllowed;
import dev.oauth2jwt.security.entity.Caller;
import dev.oauth2jwt.users.control.UserBean;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** {@code POST /logout}: "log out everywhere", every access and refresh token of the caller stops working. */
@RequestScoped
@Authenticated
@InactiveUsersAllowed
@Path("logout")
public class LogoutResource {

    @Inject
    UserBean users;

    @POST
    public Response logout(@Context SecurityContext security) {
        users.revokeAllTokens(Caller.of(security).getName());
        return Response.noContent().build();
    }
}
