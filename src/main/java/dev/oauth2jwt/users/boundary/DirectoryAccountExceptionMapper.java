package dev.oauth2jwt.users.boundary;

import dev.oauth2jwt.errors.boundary.ErrorResponses;
import dev.oauth2jwt.users.control.DirectoryAccountException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 409: the admin API cannot change what a directory account takes from the directory. */
@Provider
public class DirectoryAccountExceptionMapper implements ExceptionMapper<DirectoryAccountException> {

    @Override
    public Response toResponse(DirectoryAccountException exception) {
        return ErrorResponses.of(409, exception.getMessage()).build();
    }
}
