package dev.oauth2jwt.errors.boundary;

import dev.oauth2jwt.errors.entity.ValidationErrors;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class RequestValidationExceptionMapper implements ExceptionMapper<RequestValidationException> {

    @Override
    public Response toResponse(RequestValidationException exception) {
        return Response.status(422, ErrorResponses.reasonPhrase(422))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ValidationErrors(exception.errors()))
                .build();
    }
}
