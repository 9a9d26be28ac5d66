package dev.oauth2jwt.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import jakarta.persistence.Entity;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package shape, kept without anyone watching (docs/architecture.md draws it): capabilities
 * depend downward only, every class belongs to one of them, no package cycle, within a package
 * boundary -> control -> entity with HTTP in boundaries only, jose4j where tokens and keys are made
 * and read, and tests that share helpers through {@code it.support}, never through another IT.
 * Each rule is shown to fail once, on classes planted beside this test ({@code planted}, {@code cyclic}).
 */
class ArchitectureTest {

    static final String APP = "dev.oauth2jwt";
    static final String PLANTED = APP + ".architecture.planted";
    /** Packages whose boundary is theirs alone: what the outside calls, which no other package may use. */
    static final Set<String> FEATURES = Set.of("account", "sso", "grants", "bearer", "sessions", "keys", "users", "clients", "status",
            "docs", "operations", "discovery");

    static JavaClasses application;
    static JavaClasses tests;
    static JavaClasses planted;

    @BeforeAll
    static void importClasses() {
        application = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(APP);
        tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/architecture/planted/"))
                .importPackages(APP);
        planted = new ClassFileImporter().importPackages(PLANTED);
    }

    /**
     * The capabilities from the top down: each may use those below it, never one above. Infrastructure
     * (caching, crypto, errors, http, json, persistence, monitoring, housekeeping) knows no capability.
     */
    static LayeredArchitecture layers(String root) {
        return layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitectureIgnoring(resideInAPackage(root + ".architecture.."))
                .layer("Application").definedBy(root)
                .layer("Endpoints").definedBy(root + ".account..", root + ".status..", root + ".docs..", root + ".operations..",
                        root + ".discovery..")
                .layer("SingleSignOn").definedBy(root + ".sso..")
                .layer("SingleLogout").definedBy(root + ".logout..")
                .layer("Grants").definedBy(root + ".grants..")
                .layer("Authentication").definedBy(root + ".signin..", root + ".bearer..")
                .layer("Sessions").definedBy(root + ".sessions..")
                .layer("Tokens").definedBy(root + ".tokens..")
                .layer("Keys").definedBy(root + ".keys..")
                .layer("Clients").definedBy(root + ".clients..")
                .layer("Throttling").definedBy(root + ".throttling..")
                .layer("Directory").definedBy(root + ".directory..")
                .layer("Users").definedBy(root + ".users..")
                .layer("Vocabulary").definedBy(root + ".access..")
                .layer("Infrastructure").definedBy(root + ".caching..", root + ".crypto..", root + ".errors..", root + ".http..",
                        root + ".json..", root + ".persistence..", root + ".monitoring..", root + ".housekeeping..")
                .whereLayer("Application").mayNotBeAccessedByAnyLayer()
                .whereLayer("Endpoints").mayOnlyBeAccessedByLayers("Application")
                .whereLayer("SingleSignOn").mayOnlyBeAccessedByLayers(above("SingleSignOn"))
                .whereLayer("SingleLogout").mayOnlyBeAccessedByLayers(above("SingleLogout"))
                .whereLayer("Grants").mayOnlyBeAccessedByLayers(above("Grants"))
                .whereLayer("Authentication").mayOnlyBeAccessedByLayers(above("Authentication"))
                .whereLayer("Sessions").mayOnlyBeAccessedByLayers(above("Sessions"))
                .whereLayer("Tokens").mayOnlyBeAccessedByLayers(above("Tokens"))
                .whereLayer("Keys").mayOnlyBeAccessedByLayers(above("Keys"))
                .whereLayer("Clients").mayOnlyBeAccessedByLayers(above("Clients"))
                .whereLayer("Throttling").mayOnlyBeAccessedByLayers(above("Throttling"))
                .whereLayer("Directory").mayOnlyBeAccessedByLayers(above("Directory"))
                .whereLayer("Users").mayOnlyBeAccessedByLayers(above("Users"))
                .whereLayer("Vocabulary").mayOnlyBeAccessedByLayers(above("Vocabulary"))
                .whereLayer("Infrastructure").mayOnlyBeAccessedByLayers(above("Infrastructure"));
    }

    static final List<String> TOP_DOWN = List.of("Application", "Endpoints", "SingleSignOn", "SingleLogout", "Grants", "Authentication", "Sessions",
            "Tokens", "Keys", "Clients", "Throttling", "Directory", "Users", "Vocabulary", "Infrastructure");

    static String[] above(String layer) {
        return TOP_DOWN.subList(0, TOP_DOWN.indexOf(layer)).toArray(String[]::new);
    }

    static ArchRule noCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    static ArchRule noHttpOutsideBoundaries(String root) {
        return noClasses().that().resideInAnyPackage(root + "..control..", root + "..entity..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "jakarta.servlet..")
                .because("HTTP is the boundary's: the decisions are tested and reused without a request");
    }

    static ArchRule vocabularyStandsAlone(String root) {
        return noClasses().that().resideInAPackage(root + ".access..")
                .should().dependOnClassesThat(resideInAPackage(root + "..").and(resideOutsideOfPackage(root + ".access..")))
                .because("every layer speaks it: scopes and the annotations resources wear");
    }

    static ArchRule jose4jOnlyForTokensAndKeys(String root) {
        return noClasses().that().resideOutsideOfPackages(root + ".tokens..", root + ".keys..")
                .should().dependOnClassesThat().resideInAPackage("org.jose4j..")
                .because("a verified token reaches the rest as plain claims; one place to review how JWTs are made and read");
    }

    static ArchRule ldapOnlyInTheDirectory(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".directory..")
                .should().dependOnClassesThat().resideInAPackage("com.unboundid..")
                .because("the rest knows people as entries and accounts; one place to review how the directory is asked");
    }

    static ArchRule webAuthnOnlyForPasskeys(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".users.control..")
                .should().dependOnClassesThat().resideInAnyPackage("com.webauthn4j..", "tools.jackson..")
                .because("a passkey reaches the rest as an account and a verdict; one place to review how WebAuthn is checked");
    }

    static ArchRule jsonProviderLookedUpOnce(String root) {
        return noClasses().that().resideInAPackage(root + "..")
                .should().callMethodWhere(JavaCall.Predicates.target(HasOwner.Predicates.With.owner(
                        DescribedPredicate.describe("jakarta.json.Json",
                                owner -> owner.getName().equals("jakarta.json.Json")))))
                .because("each of Json's static methods looks the provider up through the ServiceLoader, a scan of every jar "
                        + "on Payara Micro: use Jsonp.PROVIDER");
    }

    static final ArchRule ENTITIES_KNOW_NO_LOGIC = noClasses().that().resideInAPackage(APP + "..entity..")
            .should().dependOnClassesThat().resideInAnyPackage(APP + "..control..", APP + "..boundary..");

    static final ArchRule CONTROL_KNOWS_NO_HTTP_ENDPOINTS = noClasses().that().resideInAPackage(APP + "..control..")
            .should().dependOnClassesThat(featureBoundaries());

    static final ArchRule BOUNDARIES_STAY_IN_THEIR_FEATURE = classes().that(featureBoundaries())
            .should(onlyBeUsedWithinTheirFeature());

    /** An IT's helpers live in it.support: an IT that calls into another IT breaks when that one is split or removed. */
    static ArchRule noItCallsAnotherIt() {
        return classes().that().haveSimpleNameEndingWith("IT").should(beCalledOnlyFromThemselvesAndTheirSubclasses());
    }

    @Test
    void capabilitiesDependDownwardOnlyAndEveryClassHasOne() {
        layers(APP).check(application);
    }

    @Test
    void noPackageCycles() {
        noCycles(APP).check(application);
    }

    @Test
    void httpTypesOnlyInBoundaries() {
        noHttpOutsideBoundaries(APP).check(application);
    }

    @Test
    void theScopeVocabularyDependsOnNothingOfOurs() {
        vocabularyStandsAlone(APP).check(application);
    }

    @Test
    void jose4jOnlyWhereTokensAndKeysAreMadeAndRead() {
        jose4jOnlyForTokensAndKeys(APP).check(application);
    }

    @Test
    void ldapOnlyInTheDirectory() {
        ldapOnlyInTheDirectory(APP).check(application);
    }

    @Test
    void webAuthnOnlyForPasskeys() {
        webAuthnOnlyForPasskeys(APP).check(application);
    }

    @Test
    void jsonProviderLookedUpOnce() {
        jsonProviderLookedUpOnce(APP).check(application);
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

    @Test
    void noIntegrationTestCallsIntoAnother() {
        noItCallsAnotherIt().check(tests);
    }

    /** Every entity is in persistence.xml's list (the unit excludes unlisted classes), and every listed class exists. */
    @Test
    void everyEntityIsListedInThePersistenceUnit() throws Exception {
        Set<String> entities = application.stream().filter(type -> type.isAnnotatedWith(Entity.class)).map(JavaClass::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        String unit;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/persistence.xml")) {
            unit = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> listed = new TreeSet<>();
        Matcher matcher = Pattern.compile("<class>([^<]+)</class>").matcher(unit);
        while (matcher.find()) {
            listed.add(matcher.group(1).trim());
        }
        assertEquals(entities, listed);
    }

    /** Each rule fails on a violation planted for it: a rule that cannot fail keeps nothing. */
    @Test
    void eachRuleCatchesItsPlantedViolation() {
        assertViolation(layers(PLANTED).withOptionalLayers(true), "planted.users.control.ReachesUp",
                "a user class using the single sign-on");
        assertViolation(layers(PLANTED).withOptionalLayers(true), "planted.stray.Stray", "a class in no layer");
        assertViolation(noHttpOutsideBoundaries(PLANTED), "planted.users.control.ReadsHeaders", "JAX-RS in a control class");
        assertViolation(vocabularyStandsAlone(PLANTED), "planted.access.Leaky", "the vocabulary using a user class");
        assertViolation(jose4jOnlyForTokensAndKeys(PLANTED), "planted.users.control.ParsesTokens", "jose4j outside tokens and keys");
        assertViolation(ldapOnlyInTheDirectory(PLANTED), "planted.users.control.AsksTheDirectory", "LDAP outside the directory");
        assertViolation(webAuthnOnlyForPasskeys(PLANTED), "planted.sso.control.ChecksPasskeys", "WebAuthn outside the passkeys");
        assertViolation(jsonProviderLookedUpOnce(PLANTED), "planted.users.control.BuildsJson", "JSON-P's provider looked up per call");
        assertViolation(noItCallsAnotherIt(), "planted.CallingIT", "an IT calling a helper of another IT");
        assertTrue(!noItCallsAnotherIt().evaluate(planted).getFailureReport().toString().contains("planted.SubclassIT"),
                "an IT extending another (a variant of the same suite) is no call into another");
    }

    /** The rules can fail: on two packages that use each other (fixture classes beside this test). */
    @Test
    void theCycleRuleCatchesACycle() {
        JavaClasses cyclic = new ClassFileImporter().importPackages(APP + ".architecture.cyclic");

        assertTrue(noCycles(APP + ".architecture.cyclic").evaluate(cyclic).hasViolation(),
                "a cycle between cyclic.a and cyclic.b must be reported");
    }

    static void assertViolation(ArchRule rule, String culprit, String what) {
        EvaluationResult result = rule.evaluate(planted);
        String report = result.getFailureReport().toString();
        assertTrue(result.hasViolation() && report.contains(culprit), what + " must be reported; the report: " + report);
    }

    /** The feature a class of the application belongs to ("sso" for dev.oauth2jwt.sso.control.X), or null. */
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

    static ArchCondition<JavaClass> beCalledOnlyFromThemselvesAndTheirSubclasses() {
        return new ArchCondition<>("be called only from themselves and their subclasses") {
            @Override
            public void check(JavaClass it, ConditionEvents events) {
                for (JavaAccess<?> access : it.getAccessesToSelf()) {
                    JavaClass origin = outermost(access.getOriginOwner());
                    if (!origin.equals(it) && !origin.isAssignableTo(it.getName())) {
                        events.add(SimpleConditionEvent.violated(access, access.getDescription()));
                    }
                }
            }
        };
    }

    static JavaClass outermost(JavaClass type) {
        JavaClass outer = type;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }
}
