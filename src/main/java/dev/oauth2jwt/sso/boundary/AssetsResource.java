package dev.oauth2jwt.sso.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The pages' scripts, served by the WAR itself: {@code /assets/passkeys.js} (the login and account
 * pages', for passkeys) and {@code /assets/logout.js} (the logout page's, for front-channel logout).
 */
@ApplicationScoped
@Path("assets")
public class AssetsResource {

    private final byte[] passkeys = read("passkeys.js");
    private final byte[] logout = read("logout.js");

    @GET
    @Path("passkeys.js")
    @Operation(summary = "The passkey script of the login and account pages")
    @APIResponse(responseCode = "200", description = "JavaScript.")
    public Response passkeys() {
        return script(passkeys);
    }

    @GET
    @Path("logout.js")
    @Operation(summary = "The logout page's script", description = "Goes on to the application once its front-channel "
            + "logout frames have loaded.")
    @APIResponse(responseCode = "200", description = "JavaScript.")
    public Response logout() {
        return script(logout);
    }

    private static Response script(byte[] source) {
        return Response.ok(source, "text/javascript; charset=utf-8")
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=300")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    private static byte[] read(String name) {
        try (InputStream in = AssetsResource.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the WAR");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
