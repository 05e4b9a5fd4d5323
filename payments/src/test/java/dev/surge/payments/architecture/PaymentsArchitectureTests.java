package dev.surge.payments.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.surge.payments", importOptions = ImportOption.DoNotIncludeTests.class)
class PaymentsArchitectureTests {

    @ArchTest
    static final ArchRule stripeTypesStayInsideTheAdapter = methods().that()
        .arePublic()
        .and()
        .areDeclaredInClassesThat()
        .arePublic()
        .should()
        .haveRawReturnType(DescribedPredicate.describe("no Stripe or Resilience4j type",
                (JavaClass type) -> !type.getPackageName().startsWith("com.stripe")
                        && !type.getPackageName().startsWith("io.github.resilience4j")))
        .because("callers get checkout-core's payment types, never stripe-java's");

    @ArchTest
    static final ArchRule noOtherAdapterOrApplication = noClasses().should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.surge.inventory..", "dev.surge.api..", "dev.surge.payments.stub..")
        .because("an adapter depends on checkout-core only; the stub is for tests and the embedded runtime");

}
