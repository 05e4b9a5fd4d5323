package dev.surge.api.wiring;

import dev.surge.api.persistence.CountedConnections;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.ConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How the application reaches PostgreSQL, beyond what Spring Boot configures. */
@Configuration(proxyBeanMethods = false)
public class PersistenceWiring {

    /**
     * Every connection factory counts its statements and transactions per kind of work
     * (see {@link CountedConnections}); static, as a post-processor must be, and lazy on
     * the registry, which is created later.
     */
    @Bean
    static BeanPostProcessor countedConnections(ObjectProvider<MeterRegistry> meters) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof ConnectionFactory factory && !(bean instanceof CountedConnections)
                        ? new CountedConnections(factory, meters::getObject) : bean;
            }
        };
    }

}
