package dev.oauth2jwt.architecture.planted;

/** Planted for ArchitectureTest: a variant of an IT, which calls what it inherits. */
public class SubclassIT extends HelpfulIT {
    String variant() {
        return own() + helper();
    }
}
