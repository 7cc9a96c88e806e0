package com.partnerdeals.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layering the modules promise, as a test (it lives in app, the one module that sees every side): the
 * vocabulary depends on nothing of ours, the two sides never on each other, the platform on neither, and a
 * controller only translates HTTP, never touching JDBC itself.
 */
class LayeringTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.partnerdeals");

    @Test
    void theVocabularyDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("com.partnerdeals.api..")
                .should().dependOnClassesThat().resideInAnyPackage("com.partnerdeals.platform..",
                        "com.partnerdeals.command..", "com.partnerdeals.query..", "com.partnerdeals.app..")
                .check(PRODUCTION);
    }

    @Test
    void thePlatformKnowsNeitherSide() {
        noClasses().that().resideInAPackage("com.partnerdeals.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("com.partnerdeals.command..", "com.partnerdeals.query..")
                .check(PRODUCTION);
    }

    @Test
    void theCommandSideNeverUsesTheQuerySide() {
        noClasses().that().resideInAPackage("com.partnerdeals.command..")
                .should().dependOnClassesThat().resideInAPackage("com.partnerdeals.query..")
                .check(PRODUCTION);
    }

    @Test
    void theQuerySideNeverUsesTheCommandSide() {
        noClasses().that().resideInAPackage("com.partnerdeals.query..")
                .should().dependOnClassesThat().resideInAPackage("com.partnerdeals.command..")
                .check(PRODUCTION);
    }

    @Test
    void controllersDoNotTouchJdbc() {
        noClasses().that().haveSimpleNameEndingWith("Controller")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..")
                .check(PRODUCTION);
    }
}
