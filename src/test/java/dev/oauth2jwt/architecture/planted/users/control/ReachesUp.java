package dev.oauth2jwt.architecture.planted.users.control;

import dev.oauth2jwt.architecture.planted.sso.control.Browser;

/** Planted for ArchitectureTest: the user store reaching up into the single sign-on. */
public class ReachesUp {
    String login() {
        return new Browser().login();
    }
}
