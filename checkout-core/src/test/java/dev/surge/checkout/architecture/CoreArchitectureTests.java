package dev.surge.checkout.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.surge.checkout", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTests {

    @ArchTest
    static final ArchRule domainIsPlainJava = noClasses().that()
        .resideInAPackage("..checkout.domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("reactor..", "org.reactivestreams..", "org.springframework..", "..checkout.port..",
                "..checkout.application..")
        .because("the domain is plain Java: Reactor starts at the application layer");

    @ArchTest
    static final ArchRule coreUsesNoAdapterTechnology = noClasses().that()
        .resideInAPackage("dev.surge.checkout..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "io.lettuce..", "io.r2dbc..", "com.stripe..", "org.apache.kafka..",
                "reactor.kafka..", "io.github.resilience4j..")
        .because("adapters implement the ports; the core knows no infrastructure");

    @ArchTest
    static final ArchRule portsDoNotDependOnUseCases = noClasses().that()
        .resideInAPackage("..checkout.port..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..checkout.application..");

}
