package dev.oauth2jwt.users.boundary;

import dev.oauth2jwt.security.boundary.Authenticated;
import dev.oauth2jwt.security.entity.Caller;
import dev.oauth2jwt.users.entity.Item;
import dev.oauth2jwt.users.entity.UserProfile;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/** The caller's own account: {@code GET /users/me/} and {@code GET /users/me/items/}. */
@RequestScoped
@Authenticated
@Path("users/me/")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @GET
    public UserProfile me(@Context SecurityContext security) {
        return UserProfile.of(Caller.of(security).user());
    }

    @GET
    @Path("items/")
    public List<Item> items(@Context SecurityContext security) {
        return List.of(new Item("Foo", Caller.of(security).getName()));
    }
}
