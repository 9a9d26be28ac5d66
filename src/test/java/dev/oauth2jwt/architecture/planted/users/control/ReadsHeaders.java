package dev.oauth2jwt.architecture.planted.users.control;

import jakarta.ws.rs.core.HttpHeaders;

/** Planted for ArchitectureTest: a control class reading a JAX-RS request. */
public class ReadsHeaders {
    String agent(HttpHeaders headers) {
        return headers.getHeaderString("User-Agent");
    }
}
