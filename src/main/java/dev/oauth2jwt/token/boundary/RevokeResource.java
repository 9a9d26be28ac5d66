package dev.oauth2jwt.token.boundary;

import dev.oauth2jwt.token.control.RefreshTokens;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;

/**
 * {@code POST /revoke} (RFC 7009): revokes a refresh token and every token rotated from the same
 * login. Always 200, so the answer tells nothing about the token; access tokens cannot be revoked
 * one by one (use {@code POST /logout}).
 */
@RequestScoped
@Path("revoke")
@Produces(MediaType.APPLICATION_JSON)
public class RevokeResource {

    @Inject
    RefreshTokens refreshTokens;

    @POST
    public Response revoke(@Context HttpHeaders headers, InputStream body) {
        MultivaluedMap<String, String> form = FormBody.read(headers.getMediaType(), headers.getLength(), body);
        List<String> token = form.get("token");
        if (token == null || token.size() != 1 || token.get(0).isEmpty()) {
            return TokenResource.oauthError("invalid_request");
        }
        refreshTokens.revoke(token.get(0));
        return Response.ok().build();
    }
}
