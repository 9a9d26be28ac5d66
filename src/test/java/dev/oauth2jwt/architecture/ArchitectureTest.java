package dev.oauth2jwt.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package shape, kept without anyone watching (docs/architecture.md draws it): features depend
 * downward only, no package cycle, and within a feature boundary -> control -> entity.
 */
class ArchitectureTest {

    static final String APP = "dev.oauth2jwt";
    /** Features: what the outside calls lives in their boundary, which no other package may use. */
    static final Set<String> FEATURES = Set.of("account", "sso", "auth", "users", "clients", "status", "docs",
            "operations");

    static JavaClasses application;

    @BeforeAll
    static void importApplication() {
        application = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(APP);
    }

    /** No two top-level packages depend on each other, however indirectly. */
    static final ArchRule NO_CYCLES = slices().matching(APP + ".(*)..").should().beFreeOfCycles();

    static final ArchRule FEATURES_DEPEND_DOWNWARD = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Application").definedBy(APP)
            .layer("Endpoints").definedBy(APP + ".account..", APP + ".status..", APP + ".docs..", APP + ".operations..")
            .layer("SingleSignOn").definedBy(APP + ".sso..")
            .layer("Auth").definedBy(APP + ".auth..")
            .layer("Accounts").definedBy(APP + ".users..", APP + ".clients..")
            .layer("Vocabulary").definedBy(APP + ".access..")
            .layer("Infrastructure").definedBy(APP + ".caching..", APP + ".errors..", APP + ".http..", APP + ".json..", APP + ".persistence..")
            .whereLayer("Application").mayNotBeAccessedByAnyLayer()
            .whereLayer("Endpoints").mayOnlyBeAccessedByLayers("Application")
            .whereLayer("SingleSignOn").mayOnlyBeAccessedByLayers("Application")
            .whereLayer("Auth").mayOnlyBeAccessedByLayers("SingleSignOn", "Endpoints", "Application")
            .whereLayer("Accounts").mayOnlyBeAccessedByLayers("Auth", "SingleSignOn", "Endpoints", "Application")
            .whereLayer("Vocabulary").mayOnlyBeAccessedByLayers("Accounts", "Auth", "SingleSignOn", "Endpoints", "Application");

    static final ArchRule ENTITIES_KNOW_NO_LOGIC = noClasses().that().resideInAPackage(APP + "..entity..")
            .should().dependOnClassesThat().resideInAnyPackage(APP + "..control..", APP + "..boundary..");

    static final ArchRule CONTROL_KNOWS_NO_HTTP_ENDPOINTS = noClasses().that().resideInAPackage(APP + "..control..")
            .should().dependOnClassesThat(featureBoundaries());

    static final ArchRule BOUNDARIES_STAY_IN_THEIR_FEATURE = classes().that(featureBoundaries())
            .should(onlyBeUsedWithinTheirFeature());

    @Test
    void noPackageCycles() {
        NO_CYCLES.check(application);
    }

    @Test
    void featuresDependDownwardOnly() {
        FEATURES_DEPEND_DOWNWARD.check(application);
    }

    @Test
    void entitiesDependOnNoControlOrBoundary() {
        ENTITIES_KNOW_NO_LOGIC.check(application);
    }

    @Test
    void controlDependsOnNoFeaturesBoundary() {
        CONTROL_KNOWS_NO_HTTP_ENDPOINTS.check(application);
    }

    @Test
    void noFeatureReachesIntoAnothersBoundary() {
        BOUNDARIES_STAY_IN_THEIR_FEATURE.check(application);
    }

    /** The rules can fail: on two packages that use each other (fixture classes beside this test). */
    @Test
    void theCycleRuleCatchesACycle() {
        JavaClasses cyclic = new ClassFileImporter().importPackages("dev.oauth2jwt.architecture.cyclic");

        var result = slices().matching("dev.oauth2jwt.architecture.cyclic.(*)..").should().beFreeOfCycles().evaluate(cyclic);

        assertTrue(result.hasViolation(), "a cycle between cyclic.a and cyclic.b must be reported");
    }

    /** The feature a class of the application belongs to ("auth" for dev.oauth2jwt.auth.control.X), or null. */
    static String featureOf(JavaClass type) {
        Matcher matcher = Pattern.compile(Pattern.quote(APP) + "\\.([a-z]+)\\..*").matcher(type.getPackageName() + ".");
        return matcher.matches() ? matcher.group(1) : null;
    }

    static DescribedPredicate<JavaClass> featureBoundaries() {
        return DescribedPredicate.describe("are in a feature's boundary", type -> {
            String feature = featureOf(type);
            return feature != null && FEATURES.contains(feature) && type.getPackageName().equals(APP + "." + feature + ".boundary");
        });
    }

    static ArchCondition<JavaClass> onlyBeUsedWithinTheirFeature() {
        return new ArchCondition<>("only be used within their own feature") {
            @Override
            public void check(JavaClass boundary, ConditionEvents events) {
                for (Dependency dependency : boundary.getDirectDependenciesToSelf()) {
                    JavaClass origin = dependency.getOriginClass();
                    if (origin.getPackageName().startsWith(APP) && !featureOf(boundary).equals(featureOf(origin))) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }
}
