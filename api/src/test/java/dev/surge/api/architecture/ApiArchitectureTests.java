package dev.surge.api.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.surge", importOptions = ImportOption.DoNotIncludeTests.class)
class ApiArchitectureTests {

    @ArchTest
    static final ArchRule controllersCallUseCasesNotRepositories = noClasses().that()
        .resideInAPackage("dev.surge.api.web..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.surge.api.persistence..", "org.springframework.r2dbc..", "io.r2dbc..",
                "org.springframework.data.redis..")
        .because("controllers are thin: they map requests to use cases and results to answers");

    @ArchTest
    static final ArchRule adaptersDoNotKnowTheHttpEdge = noClasses().that()
        .resideInAnyPackage("dev.surge.api.persistence..", "dev.surge.inventory..", "dev.surge.payments..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.surge.api.web..", "dev.surge.api.security..", "org.springframework.web..");

    @ArchTest
    static final ArchRule noFieldInjection = com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

}
