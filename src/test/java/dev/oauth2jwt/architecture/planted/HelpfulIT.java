package dev.oauth2jwt.architecture.planted;

/** Planted for ArchitectureTest: an IT with a helper others might call (it has no tests: nothing runs). */
public class HelpfulIT {
    static String helper() {
        return "help";
    }

    String own() {
        return helper();
    }
}
