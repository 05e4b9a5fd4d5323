package dev.surge.api.backoffice;

import java.util.List;
import java.util.Map;

import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.SurgeIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.surge.api.support.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer applies to sell and owns the waiting vendor at once, with the same token;
 * the operator approves, rejects, suspends and reinstates, each decision recorded in the
 * audit log with its reason.
 */
@SurgeIntegrationTest
@ActiveProfiles("demo")
class VendorOnboardingIT {

    private static final Map<String, String> APPLICATION = Map.of("name", "Fjord Ceramics", "email",
            "hej@fjord.example", "country", "NO", "defaultCurrency", "EUR");

    @Autowired
    WebTestClient client;

    @Test
    void aCustomerWhoAppliesOwnsAVendorWaitingForApprovalWithTheSameToken() {
        var office = new BackOffice(client);
        String applicant = office.customer("ingrid");

        Map<String, Object> applied = office.json(HttpMethod.POST, "/api/v1/vendor-applications", applicant,
                APPLICATION, 201);
        assertThat(applied).containsEntry("status", "PENDING_APPROVAL");
        String vendorId = (String) applied.get("vendorId");

        Map<String, Object> profile = office.json(HttpMethod.GET, "/api/v1/vendor/profile", applicant, null, 200);
        assertThat(profile).containsEntry("vendorId", vendorId)
            .containsEntry("name", "Fjord Ceramics")
            .containsEntry("status", "PENDING_APPROVAL")
            .containsEntry("role", "owner")
            .containsEntry("payoutsEnabled", false)
            .containsEntry("commission", Map.of("rateBps", 1000));

        // Applying again while it waits answers the waiting application.
        assertThat(office.json(HttpMethod.POST, "/api/v1/vendor-applications", applicant, APPLICATION, 200))
            .containsEntry("vendorId", vendorId);

        List<Map<String, Object>> waiting = items(office.json(HttpMethod.GET,
                "/api/v1/admin/vendors?status=PENDING_APPROVAL&limit=100", office.operator(), null, 200));
        assertThat(waiting).extracting(vendor -> vendor.get("vendorId")).contains(vendorId, DemoCatalog.SUNSET_OUTLET);
        assertThat(waiting).filteredOn(vendor -> vendorId.equals(vendor.get("vendorId")))
            .singleElement()
            .satisfies(vendor -> assertThat(vendor).containsEntry("email", "hej@fjord.example")
                .containsEntry("country", "NO")
                .containsEntry("defaultCurrency", "EUR"));

        assertThat(office.json(HttpMethod.POST, "/api/v1/admin/vendors/" + vendorId + "/approve", office.operator(),
                null, 200))
            .containsEntry("status", "APPROVED");
        assertThat(office.json(HttpMethod.GET, "/api/v1/vendor/profile", applicant, null, 200)).containsEntry("status",
                "APPROVED");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOperatorSuspendsWithAReasonTheVendorReadsAndReinstates() {
        var office = new BackOffice(client);
        String vendorId = applyAndApprove(office, "freya");
        String operator = office.operator();

        expectProblem(
                office.call(HttpMethod.POST, "/api/v1/admin/vendors/" + vendorId + "/suspend", operator, Map.of()), 400,
                "validation-failed")
            .jsonPath("$.errors[0].field")
            .isEqualTo("reason");
        office.json(HttpMethod.POST, "/api/v1/admin/vendors/" + vendorId + "/suspend", operator,
                Map.of("reason", "Counterfeit goods reported"), 200);
        assertThat(office.json(HttpMethod.GET, "/api/v1/vendor/profile", office.customer("freya"), null, 200))
            .containsEntry("status", "SUSPENDED")
            .containsEntry("statusReason", "Counterfeit goods reported");

        // Suspending again changes nothing; approving a suspended vendor is not a thing.
        office.json(HttpMethod.POST, "/api/v1/admin/vendors/" + vendorId + "/suspend", operator,
                Map.of("reason", "again"), 200);
        expectProblem(office.call(HttpMethod.POST, "/api/v1/admin/vendors/" + vendorId + "/approve", operator, null),
                409, "vendor-state-conflict")
            .jsonPath("$.vendorStatus")
            .isEqualTo("SUSPENDED");

        assertThat(
                office.json(HttpMethod.POST, "/api/v1/admin/vendors/" + vendorId + "/reinstate", operator, null, 200))
            .containsEntry("status", "APPROVED")
            .containsEntry("statusReason", null);

        List<Map<String, Object>> audit = items(
                office.json(HttpMethod.GET, "/api/v1/admin/audit?target=vendor:" + vendorId, operator, null, 200));
        assertThat(audit).extracting(entry -> entry.get("action"))
            .containsExactly("vendor.reinstated", "vendor.suspended", "vendor.approved", "vendor.applied");
        assertThat(audit.get(1)).containsEntry("actor", "ops-1").containsEntry("role", "operator");
        assertThat(audit.get(1).get("before")).isEqualTo(audit.get(2).get("after"));
        assertThat((Map<String, Object>) audit.get(1).get("after")).containsEntry("status", "SUSPENDED")
            .containsEntry("reason", "Counterfeit goods reported");
        assertThat(audit.get(3)).containsEntry("actor", "freya").containsEntry("role", "customer");

        // The vendor's owners read what touched their vendor, and nothing else.
        List<Map<String, Object>> own = items(
                office.json(HttpMethod.GET, "/api/v1/vendor/audit", office.customer("freya"), null, 200));
        assertThat(own).extracting(entry -> entry.get("target")).containsOnly("vendor:" + vendorId);
        assertThat(own).hasSize(4);
    }

    @Test
    void theOperatorRejectsAnApplicationWithAReason() {
        var office = new BackOffice(client);
        String vendorId = (String) office
            .json(HttpMethod.POST, "/api/v1/vendor-applications", office.customer("gunnar"), APPLICATION, 201)
            .get("vendorId");

        assertThat(office.json(HttpMethod.POST, "/api/v1/admin/vendors/" + vendorId + "/reject", office.operator(),
                Map.of("reason", "No trade registration attached"), 200))
            .containsEntry("status", "REJECTED")
            .containsEntry("statusReason", "No trade registration attached");
        expectProblem(office.call(HttpMethod.POST, "/api/v1/admin/vendors/" + vendorId + "/suspend", office.operator(),
                Map.of("reason", "x")), 409, "vendor-state-conflict");
        // Rejected, the applicant may apply afresh.
        assertThat(
                office.json(HttpMethod.POST, "/api/v1/vendor-applications", office.customer("gunnar"), APPLICATION, 201)
                    .get("vendorId"))
            .isNotEqualTo(vendorId);
    }

    @Test
    void answersProblemsForBadApplicationsAndUnknownVendors() {
        var office = new BackOffice(client);

        expectProblem(
                office.call(HttpMethod.POST, "/api/v1/vendor-applications", office.customer("hilde"),
                        Map.of("name", "", "email", "not-an-email", "country", "Germany", "defaultCurrency", "EU")),
                400, "validation-failed")
            .jsonPath("$.errors.length()")
            .isEqualTo(4);
        expectProblem(
                office.call(HttpMethod.POST, "/api/v1/vendor-applications", office.customer("hilde"),
                        Map.of("name", "Hilde", "email", "h@x.example", "country", "XX", "defaultCurrency", "EUR")),
                400, "validation-failed")
            .jsonPath("$.errors[0].field")
            .isEqualTo("country");
        expectProblem(
                office.call(HttpMethod.POST, "/api/v1/vendor-applications", office.customer("hilde"),
                        Map.of("name", "Hilde", "email", "h@x.example", "country", "DE", "defaultCurrency", "JPY")),
                400, "unknown-currency");
        expectProblem(office.call(HttpMethod.POST, "/api/v1/vendor-applications", office.operator(), APPLICATION), 403,
                "forbidden");
        expectProblem(office.call(HttpMethod.GET, "/api/v1/vendor/profile", office.customer("hilde"), null), 403,
                "vendor-role-required");
        expectProblem(office.call(HttpMethod.POST, "/api/v1/admin/vendors/00000000-0000-4000-8000-000000000000/approve",
                office.operator(), null), 404, "vendor-not-found");
        expectProblem(office.call(HttpMethod.GET, "/api/v1/admin/vendors", office.customer("hilde"), null), 403,
                "forbidden");
        expectProblem(office.call(HttpMethod.GET, "/api/v1/admin/vendors?status=GONE", office.operator(), null), 400,
                "validation-failed");
        expectProblem(office.call(HttpMethod.GET, "/api/v1/admin/vendors?cursor=%%%", office.operator(), null), 400,
                "invalid-cursor");
    }

    @Test
    void pagesTheVendorsWithACursor() {
        var office = new BackOffice(client);
        Map<String, Object> first = office.json(HttpMethod.GET, "/api/v1/admin/vendors?limit=2", office.operator(),
                null, 200);
        Map<String, Object> second = office.json(HttpMethod.GET,
                "/api/v1/admin/vendors?limit=2&cursor=" + first.get("nextCursor"), office.operator(), null, 200);

        assertThat(items(first)).hasSize(2);
        assertThat(items(second)).isNotEmpty()
            .extracting(vendor -> vendor.get("vendorId"))
            .doesNotContainAnyElementsOf(items(first).stream().map(vendor -> vendor.get("vendorId")).toList());
    }

    static String applyAndApprove(BackOffice office, String applicant) {
        String vendorId = (String) office.json(HttpMethod.POST, "/api/v1/vendor-applications",
                office.customer(applicant), Map.of("name", "Shop of " + applicant, "email", applicant + "@shop.example",
                        "country", "DE", "defaultCurrency", "EUR"),
                201)
            .get("vendorId");
        office.json(HttpMethod.POST, "/api/v1/admin/vendors/" + vendorId + "/approve", office.operator(), null, 200);
        return vendorId;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

}
