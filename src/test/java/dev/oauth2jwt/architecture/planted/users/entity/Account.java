package dev.oauth2jwt.architecture.planted.users.entity;

/** Planted for ArchitectureTest: an entity the vocabulary must not know. */
public record Account(String name) {
}
