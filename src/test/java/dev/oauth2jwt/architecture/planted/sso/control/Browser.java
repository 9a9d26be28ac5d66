package dev.oauth2jwt.architecture.planted.sso.control;

/** Planted for ArchitectureTest: a single sign-on class, high in the layers. */
public class Browser {
    public String login() {
        return "logged in";
    }
}
