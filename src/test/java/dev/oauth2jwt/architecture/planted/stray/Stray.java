package dev.oauth2jwt.architecture.planted.stray;

/** Planted for ArchitectureTest: a class in no declared layer. */
public class Stray {
}
