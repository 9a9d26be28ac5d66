package dev.oauth2jwt.architecture.cyclic.b;

import dev.oauth2jwt.architecture.cyclic.a.Chicken;

/** Fixture for ArchitectureTest: a package cycle the rule must report. */
public class Egg {
    Chicken hatches() {
        return new Chicken();
    }
}
