package dev.oauth2jwt.errors.entity;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of every error answer: {@code {"detail":"..."}}, as FastAPI's HTTPException. */
@Schema(name = "HTTPError", description = "Every error answer but the 422s: {\"detail\": \"...\"}.")
public record ErrorDetail(@Schema(required = true) String detail) {
}
