package dev.oauth2jwt.errors.entity;

import java.util.List;

/** The body of a 422 answer: {@code {"detail":[...]}}. */
public record ValidationErrors(List<FieldError> detail) {
}
