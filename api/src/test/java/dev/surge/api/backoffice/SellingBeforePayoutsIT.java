package dev.surge.api.backoffice;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.SurgeIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A marketplace that lets vendors sell only once Stripe can pay them
 * ({@code surge.vendors.sell-without-payouts=false}): an approved vendor without payouts
 * enabled has nothing on sale until its onboarding is done.
 */
@SurgeIntegrationTest
@ActiveProfiles("demo")
@TestPropertySource(properties = "surge.vendors.sell-without-payouts=false")
class SellingBeforePayoutsIT {

    @Autowired
    WebTestClient client;

    @Test
    void anApprovedVendorSellsOnceItsPayoutsAreEnabled() throws Exception {
        var office = new BackOffice(client);
        office.json(HttpMethod.POST, "/api/v1/admin/vendors/" + DemoCatalog.SUNSET_OUTLET + "/approve",
                office.operator(), null, 200);
        assertThat(productsOf(office, DemoCatalog.SUNSET_OUTLET)).as("approved, but Stripe cannot pay it yet")
            .isEmpty();
        assertThat(productsOf(office, DemoCatalog.NORDIC_GOODS)).as("onboarded long ago").isNotEmpty();
        assertThat(vendorsCounted(office)).as("nor found or counted by search")
            .contains(DemoCatalog.NORDIC_GOODS)
            .doesNotContain(DemoCatalog.SUNSET_OUTLET);

        String url = (String) office
            .json(HttpMethod.POST, "/api/v1/vendor/payments/onboarding", office.customer("sunset-owner"), null, 200)
            .get("url");
        HttpResponse<Void> done = PayoutOnboardingIT.follow(url);
        assertThat(done.statusCode()).isEqualTo(302);

        await().atMost(Duration.ofSeconds(20))
            .untilAsserted(() -> assertThat(productsOf(office, DemoCatalog.SUNSET_OUTLET)).hasSize(2));
        assertThat(vendorsCounted(office)).contains(DemoCatalog.SUNSET_OUTLET);
    }

    /** The vendors a faceted search over the whole catalog counts. */
    @SuppressWarnings("unchecked")
    private static List<Object> vendorsCounted(BackOffice office) {
        Map<String, Object> facets = (Map<String, Object>) office
            .json(HttpMethod.GET, "/api/v1/products?facets=true&limit=1", office.operator(), null, 200)
            .get("facets");
        return ((List<Map<String, Object>>) facets.get("vendor")).stream().map(count -> count.get("value")).toList();
    }

    private static List<Map<String, Object>> productsOf(BackOffice office, String vendorId) {
        return VendorOnboardingIT.items(office.json(HttpMethod.GET,
                "/api/v1/products?vendorId=" + vendorId + "&limit=100", office.operator(), null, 200));
    }

}
