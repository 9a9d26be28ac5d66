package dev.oauth2jwt.errors.boundary;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class ApiExceptionMapper implements ExceptionMapper<ApiException> {

    @Override
    public Response toResponse(ApiException exception) {
        Response.ResponseBuilder answer = ErrorResponses.of(exception.status(), exception.detail());
        exception.headers().forEach(answer::header);
        return answer.build();
    }
}
