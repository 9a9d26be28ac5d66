package dev.oauth2jwt.architecture.planted.users.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/** Planted: JSON-P's provider looked up at each call. */
public class BuildsJson {

    JsonObject named(String name) {
        return Json.createObjectBuilder().add("name", name).build();
    }
}
