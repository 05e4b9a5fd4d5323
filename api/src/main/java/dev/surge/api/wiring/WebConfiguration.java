package dev.surge.api.wiring;

import dev.surge.api.web.Callers;
import dev.surge.api.web.ClientAddresses;
import dev.surge.api.web.HttpProperties;
import dev.surge.api.web.LimitProperties;
import dev.surge.api.web.LimitsInOpenApi;
import dev.surge.api.web.RateLimiting;
import dev.surge.api.web.RateLimits;
import dev.surge.api.web.StreamCap;
import dev.surge.checkout.port.Quotas;
import dev.surge.api.web.LastResortProblemHandler;
import dev.surge.api.web.LoadShedding;
import dev.surge.api.web.ProblemWriter;
import dev.surge.api.web.RequestTimeout;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.WebFilter;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP edge's shared pieces: problem writing outside controllers, and a validator
 * ready before traffic.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    static final String BEARER = "bearer";

    @Bean
    ProblemWriter problemWriter(JsonMapper json, HttpProperties http) {
        return new ProblemWriter(json, http);
    }

    @Bean
    RequestTimeout requestTimeout(HttpProperties http) {
        return new RequestTimeout(http.requestTimeout());
    }

    @Bean
    @ConditionalOnProperty(name = "surge.http.overload.enabled", matchIfMissing = true)
    LoadShedding loadShedding(HttpProperties http, MeterRegistry meters) {
        return new LoadShedding(http.overload(), meters);
    }

    @Bean
    ClientAddresses clientAddresses(HttpProperties http) {
        return new ClientAddresses(http.trustedProxies());
    }

    @Bean
    Callers callers(ClientAddresses addresses, LimitProperties limits) {
        return new Callers(addresses, limits.unthrottled());
    }

    @Bean
    RateLimits rateLimits(LimitProperties limits, Callers callers, MeterRegistry meters) {
        return new RateLimits(limits, callers, meters);
    }

    @Bean
    StreamCap streamCap(LimitProperties limits, Callers callers, MeterRegistry meters) {
        return new StreamCap(limits.streams(), callers, meters);
    }

    @Bean
    RateLimiting rateLimiting(RateLimits limits, Quotas quotas) {
        return new RateLimiting(limits, quotas);
    }

    @Bean
    LimitsInOpenApi limitsInOpenApi() {
        return new LimitsInOpenApi();
    }

    /**
     * springdoc builds the OpenAPI document under a lock, at start-up in a thread of its
     * own ({@code springdoc.pre-loading-enabled}); a request for it arriving meanwhile
     * would wait for that lock on an event loop. The document's (rare) requests are
     * served off the event loops instead.
     */
    @Bean
    WebFilter apiDocsOffTheEventLoops() {
        return (exchange, chain) -> exchange.getRequest().getPath().value().startsWith("/v3/api-docs")
                ? chain.filter(exchange).subscribeOn(Schedulers.boundedElastic()) : chain.filter(exchange);
    }

    @Bean
    OpenAPI surgeOpenApi() {
        return new OpenAPI()
            .info(new Info().title("Surge API")
                .version("v1")
                .description("Catalog, cart, checkout and order API of the Surge checkout engine. Money is integer "
                        + "minor units with an ISO 4217 currency; errors are RFC 9457 problem documents.")
                .license(new License().name("Apache-2.0")))
            .components(new Components().addSecuritySchemes(BEARER,
                    new SecurityScheme().type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description("Claims: sub, roles (customer, vendor, operator), vendorId for vendors")));
    }

    @Bean
    LastResortProblemHandler lastResortProblemHandler(ProblemWriter problemWriter) {
        return new LastResortProblemHandler(problemWriter);
    }

    /**
     * Builds Jackson's readers and writers for every request body and answer type before
     * traffic: built lazily, the first requests would contend for Jackson's cache lock on
     * event loops.
     */
    @Bean
    SmartInitializingSingleton jsonBindingsPreloaded(JsonMapper json,
            ObjectProvider<RequestMappingHandlerMapping> mappings) {
        return () -> mappings.orderedStream()
            .flatMap(mapping -> mapping.getHandlerMethods().values().stream())
            .forEach(method -> {
                for (MethodParameter parameter : method.getMethodParameters()) {
                    if (parameter.hasParameterAnnotation(RequestBody.class)) {
                        json.readerFor(json.constructType(parameter.getGenericParameterType()));
                    }
                }
                ResolvableType answer = ResolvableType.forMethodReturnType(method.getMethod());
                while (answer.hasGenerics() && (Publisher.class.isAssignableFrom(answer.toClass())
                        || ResponseEntity.class.isAssignableFrom(answer.toClass()))) {
                    answer = answer.getGeneric(0);
                }
                json.writerFor(json.constructType(answer.getType()));
            });
    }

    /**
     * Hibernate Validator loads its message bundles from the jar on the first violation.
     * Doing that once at start-up keeps the file read off the event loop of the first bad
     * request.
     */
    @Bean
    SmartInitializingSingleton validationMessagesPreloaded(Validator validator) {
        return () -> validator.validate(new Unset(null));
    }

    private record Unset(@NotNull @Nullable String value) {
    }

}
