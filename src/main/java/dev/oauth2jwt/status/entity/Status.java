package dev.oauth2jwt.status.entity;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Status")
public record Status(@Schema(required = true, enumeration = "ok") String status) {

    public static final Status OK = new Status("ok");
}
