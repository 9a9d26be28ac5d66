package dev.oauth2jwt.architecture.planted;

/** Planted for ArchitectureTest: an IT calling into another IT. */
public class CallingIT {
    String borrowed() {
        return HelpfulIT.helper();
    }
}
