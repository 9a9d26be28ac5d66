package dev.oauth2jwt.errors.entity;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.util.List;

/** The body of a 422 answer: {@code {"detail":[...]}}. */
@Schema(name = "HTTPValidationError")
public record ValidationErrors(List<FieldError> detail) {
}
