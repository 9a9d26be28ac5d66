package dev.oauth2jwt.architecture.cyclic.a;

import dev.oauth2jwt.architecture.cyclic.b.Egg;

/** Fixture for ArchitectureTest: a package cycle the rule must report. */
public class Chicken {
    Egg lays() {
        return new Egg();
    }
}
