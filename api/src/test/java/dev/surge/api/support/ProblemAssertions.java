package dev.surge.api.support;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What every error answer must be: RFC 9457 problem+json with Surge's stable type slug.
 */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    public static WebTestClient.BodyContentSpec expectProblem(WebTestClient.ResponseSpec response, int status,
            String slug) {
        return response.expectStatus()
            .isEqualTo(status)
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.type")
            .isEqualTo("https://surge.dev/problems/" + slug)
            .jsonPath("$.status")
            .isEqualTo(status)
            .jsonPath("$.title")
            .isNotEmpty()
            .jsonPath("$.detail")
            .isNotEmpty();
    }

}
