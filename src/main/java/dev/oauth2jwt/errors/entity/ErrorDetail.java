package dev.oauth2jwt.errors.entity;

/** The body of every error answer: {@code {"detail":"..."}}, as FastAPI's HTTPException. */
public record ErrorDetail(String detail) {
}
