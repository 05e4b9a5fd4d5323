package dev.surge.api.wiring;

import dev.surge.api.web.LastResortProblemHandler;
import dev.surge.api.web.ProblemWriter;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP edge's shared pieces: problem writing outside controllers, and a validator ready before traffic. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    @Bean
    ProblemWriter problemWriter(JsonMapper json) {
        return new ProblemWriter(json);
    }

    @Bean
    LastResortProblemHandler lastResortProblemHandler(ProblemWriter problemWriter) {
        return new LastResortProblemHandler(problemWriter);
    }

    /**
     * Hibernate Validator loads its message bundles from the jar on the first violation. Doing that once at
     * start-up keeps the file read off the event loop of the first bad request.
     */
    @Bean
    SmartInitializingSingleton validationMessagesPreloaded(Validator validator) {
        return () -> validator.validate(new Unset(null));
    }

    private record Unset(@NotNull @Nullable String value) {
    }
}
