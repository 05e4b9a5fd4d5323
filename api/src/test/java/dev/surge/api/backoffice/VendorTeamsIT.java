package dev.surge.api.backoffice;

import java.time.Duration;

import java.util.List;
import java.util.Map;

import dev.surge.api.support.DemoCatalog;
import dev.surge.api.support.SurgeIntegrationTest;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.core.publisher.Flux;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.MediaType;
import dev.surge.api.support.VendorStreams;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.surge.api.backoffice.VendorOnboardingIT.applyAndApprove;
import static dev.surge.api.backoffice.VendorOnboardingIT.items;
import static dev.surge.api.support.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Owners run their vendor's team; every vendor request reads the caller's role from the
 * team as it is now, so a change takes effect on the next request.
 */
@SurgeIntegrationTest
@ActiveProfiles("demo")
class VendorTeamsIT {

    @Autowired
    WebTestClient client;

    @Test
    void anOwnerAddsMembersWhoseRolesTakeEffectAtOnce() {
        var office = new BackOffice(client);
        applyAndApprove(office, "astrid");
        String owner = office.customer("astrid");
        String newcomer = office.customer("bjorn");

        expectProblem(office.call(HttpMethod.GET, "/api/v1/vendor/profile", newcomer, null), 403,
                "vendor-role-required");
        assertThat(office.json(HttpMethod.POST, "/api/v1/vendor/members", owner,
                Map.of("subject", "bjorn", "role", "fulfillment"), 201))
            .isEqualTo(Map.of("subject", "bjorn", "role", "fulfillment"));
        assertThat(office.json(HttpMethod.GET, "/api/v1/vendor/profile", newcomer, null, 200)).containsEntry("role",
                "fulfillment");
        office.json(HttpMethod.GET, "/api/v1/vendor/orders", newcomer, null, 200);
        expectProblem(office.call(HttpMethod.GET, "/api/v1/vendor/members", newcomer, null), 403,
                "vendor-role-required")
            .jsonPath("$.role")
            .isEqualTo("fulfillment")
            .jsonPath("$.requiredRoles[0]")
            .isEqualTo("owner");

        // Demoted to editor: orders are no longer theirs to see.
        office.json(HttpMethod.PUT, "/api/v1/vendor/members/bjorn", owner, Map.of("role", "editor"), 200);
        expectProblem(office.call(HttpMethod.GET, "/api/v1/vendor/orders", newcomer, null), 403,
                "vendor-role-required");

        // Removed: nothing of the vendor's from the next request on.
        office.call(HttpMethod.DELETE, "/api/v1/vendor/members/bjorn", owner, null).expectStatus().isNoContent();
        expectProblem(office.call(HttpMethod.GET, "/api/v1/vendor/profile", newcomer, null), 403,
                "vendor-role-required");

        List<Map<String, Object>> members = items(
                office.json(HttpMethod.GET, "/api/v1/vendor/members", owner, null, 200));
        assertThat(members).containsExactly(Map.of("subject", "astrid", "role", "owner"));
        List<Map<String, Object>> audit = items(office.json(HttpMethod.GET, "/api/v1/vendor/audit", owner, null, 200));
        assertThat(audit).extracting(entry -> entry.get("action"))
            .startsWith("member.removed", "member.role-changed", "member.added");
        assertThat(audit.get(0)).containsEntry("actor", "astrid")
            .containsEntry("role", "owner")
            .containsEntry("before", Map.of("subject", "bjorn", "role", "editor"))
            .containsEntry("after", null);
    }

    @Test
    void anOpenOrderStreamEndsAtOnceWhenItsMemberIsRemovedOrMovedToAnotherRole() {
        var office = new BackOffice(client);
        applyAndApprove(office, "greta");
        String owner = office.customer("greta");
        office.json(HttpMethod.POST, "/api/v1/vendor/members", owner, Map.of("subject", "hugo", "role", "fulfillment"),
                201);
        office.json(HttpMethod.POST, "/api/v1/vendor/members", owner, Map.of("subject", "ines", "role", "fulfillment"),
                201);
        Flux<ServerSentEvent<String>> hugos = stream(office.customer("hugo"));
        Flux<ServerSentEvent<String>> ines = stream(office.customer("ines"));
        Flux<ServerSentEvent<String>> owners = stream(owner);

        StepVerifier.create(hugos.filter(event -> event.event() != null))
            .then(() -> office.call(HttpMethod.DELETE, "/api/v1/vendor/members/hugo", owner, null)
                .expectStatus()
                .isNoContent())
            .assertNext(event -> assertThat(event.event()).isEqualTo("problem"))
            .expectComplete()
            .verify(Duration.ofSeconds(10));
        StepVerifier.create(ines.filter(event -> event.event() != null))
            .then(() -> office.json(HttpMethod.PUT, "/api/v1/vendor/members/ines", owner, Map.of("role", "editor"),
                    200))
            .assertNext(event -> assertThat(event.data()).contains("vendor-role-required"))
            .expectComplete()
            .verify(Duration.ofSeconds(10));
        // Others' changes leave a stream alone: the owner's goes on (heartbeats only).
        StepVerifier.create(owners)
            .expectNextMatches(heartbeat -> "heartbeat".equals(heartbeat.comment()))
            .thenCancel()
            .verify(Duration.ofSeconds(10));
    }

    private Flux<ServerSentEvent<String>> stream(String token) {
        return client.get()
            .uri("/api/v1/vendor/orders/stream")
            .headers(headers -> headers.setBearerAuth(token))
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(VendorStreams.EVENT)
            .getResponseBody();
    }

    @Test
    void theLastOwnerCannotBeRemovedOrDemoted() {
        var office = new BackOffice(client);
        applyAndApprove(office, "carl");
        String owner = office.customer("carl");

        expectProblem(office.call(HttpMethod.DELETE, "/api/v1/vendor/members/carl", owner, null), 409, "last-owner");
        expectProblem(office.call(HttpMethod.PUT, "/api/v1/vendor/members/carl", owner, Map.of("role", "editor")), 409,
                "last-owner");

        office.json(HttpMethod.POST, "/api/v1/vendor/members", owner, Map.of("subject", "dagny", "role", "owner"), 201);
        office.call(HttpMethod.DELETE, "/api/v1/vendor/members/carl", owner, null).expectStatus().isNoContent();
        expectProblem(office.call(HttpMethod.DELETE, "/api/v1/vendor/members/dagny", office.customer("dagny"), null),
                409, "last-owner");
    }

    @Test
    void twoOwnersRemovingEachOtherAtOnceLeaveOneOwner() {
        var office = new BackOffice(client);
        applyAndApprove(office, "erik");
        office.json(HttpMethod.POST, "/api/v1/vendor/members", office.customer("erik"),
                Map.of("subject", "frida", "role", "owner"), 201);

        // Each owner removes the other, at once: who asked, and the answer.
        Map<String, Integer> answers = reactor.core.publisher.Flux.just("erik", "frida")
            .parallel(2)
            .runOn(reactor.core.scheduler.Schedulers.boundedElastic())
            .map(owner -> Map.entry(owner,
                    office
                        .call(HttpMethod.DELETE, "/api/v1/vendor/members/" + (owner.equals("erik") ? "frida" : "erik"),
                                office.customer(owner), null)
                        .expectBody()
                        .returnResult()
                        .getStatus()
                        .value()))
            .sequential()
            .collectMap(Map.Entry::getKey, Map.Entry::getValue)
            .block();

        // The loser is refused as the last owner, or, had the winner's removal of it
        // committed first, as no longer a member.
        assertThat(answers.values()).containsOnlyOnce(204).containsAnyOf(409, 403).hasSize(2);
        String remaining = answers.get("erik") == 204 ? "erik" : "frida";
        assertThat(items(office.json(HttpMethod.GET, "/api/v1/vendor/members", office.customer(remaining), null, 200)))
            .containsExactly(Map.of("subject", remaining, "role", "owner"));
    }

    @Test
    void refusesToAddAMemberTwiceOrChangeSomeoneWhoIsNotOne() {
        var office = new BackOffice(client);
        String owner = office.customer(DemoCatalog.NORDIC_OWNER);

        expectProblem(office.call(HttpMethod.POST, "/api/v1/vendor/members", owner,
                Map.of("subject", DemoCatalog.NORDIC_EDITOR, "role", "owner")), 409, "already-a-member");
        expectProblem(office.call(HttpMethod.PUT, "/api/v1/vendor/members/nobody", owner, Map.of("role", "owner")), 404,
                "member-not-found");
        expectProblem(
                office.call(HttpMethod.POST, "/api/v1/vendor/members", owner, Map.of("subject", " ", "role", "boss")),
                400, "validation-failed")
            .jsonPath("$.errors.length()")
            .isEqualTo(2);
    }

    @Test
    void aMemberOfSeveralVendorsNamesTheOneTheyActFor() {
        var office = new BackOffice(client);
        String consultant = office.customer(DemoCatalog.CONSULTANT);

        expectProblem(office.call(HttpMethod.GET, "/api/v1/vendor/profile", consultant, null), 400, "vendor-ambiguous")
            .jsonPath("$.vendorIds.length()")
            .isEqualTo(2);
        assertThat(office.json(HttpMethod.GET, "/api/v1/vendor/profile", consultant, null, 200,
                Map.of("X-Vendor-Id", DemoCatalog.ATELIER_LUMIERE)))
            .containsEntry("vendorId", DemoCatalog.ATELIER_LUMIERE)
            .containsEntry("role", "editor");
        assertThat(office.json(HttpMethod.GET, "/api/v1/vendor/profile", consultant, null, 200,
                Map.of("X-Vendor-Id", DemoCatalog.BRICK_LANE_SUPPLY)))
            .containsEntry("role", "fulfillment");
        // The token's vendorId claim names it too.
        String claimed = dev.surge.api.support.DemoTokensClient.token(client,
                Map.of("role", "vendor", "subject", DemoCatalog.CONSULTANT, "vendorId", DemoCatalog.BRICK_LANE_SUPPLY));
        assertThat(office.json(HttpMethod.GET, "/api/v1/vendor/profile", claimed, null, 200)).containsEntry("vendorId",
                DemoCatalog.BRICK_LANE_SUPPLY);
        // Naming a vendor one is not a member of gets nothing of it.
        expectProblem(office.call(HttpMethod.GET, "/api/v1/vendor/profile", consultant, null,
                Map.of("X-Vendor-Id", DemoCatalog.NORDIC_GOODS)), 403, "vendor-role-required");
        expectProblem(office.call(HttpMethod.GET, "/api/v1/vendor/profile", consultant, null,
                Map.of("X-Vendor-Id", "nordic")), 400, "validation-failed");
    }

}
