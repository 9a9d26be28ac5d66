package dev.oauth2jwt.token.boundary;

import dev.oauth2jwt.errors.boundary.ApiException;
import dev.oauth2jwt.token.control.TokenIssuer;
import dev.oauth2jwt.token.entity.TokenResponse;
import dev.oauth2jwt.users.control.UserBean;
import dev.oauth2jwt.users.entity.User;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;

/** {@code POST /token}: the OAuth2 password grant (the seed's {@code login_for_access_token}). */
@RequestScoped
@Path("token")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    @Inject
    UserBean users;

    @Inject
    TokenIssuer issuer;

    @POST
    public Response login(@Context HttpHeaders headers, InputStream body) {
        PasswordGrantForm grant = PasswordGrantForm.from(FormBody.read(headers.getMediaType(), body));
        User user = users.authenticate(grant.username(), grant.password())
                .orElseThrow(() -> new ApiException(401, "Incorrect username or password",
                        Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer")));
        return Response.ok(TokenResponse.bearer(issuer.issue(user.username())))
                // RFC 6749 section 5.1: a token answer must not be cached
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .build();
    }
}
