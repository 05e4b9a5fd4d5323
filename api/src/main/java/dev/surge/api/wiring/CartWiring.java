package dev.surge.api.wiring;

import dev.surge.checkout.application.CartPricing;
import dev.surge.checkout.application.ChangeCart;
import dev.surge.checkout.application.ClaimCart;
import dev.surge.checkout.application.CreateCart;
import dev.surge.checkout.application.ShowCart;
import dev.surge.checkout.port.Carts;
import dev.surge.checkout.port.Offers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the cart use cases to Redis (carts) and the in-memory catalog (offers and pricing
 * rules).
 */
@Configuration(proxyBeanMethods = false)
public class CartWiring {

    @Bean
    RandomIds randomIds() {
        return new RandomIds();
    }

    @Bean
    CartPricing cartPricing(Offers offers) {
        return new CartPricing(offers);
    }

    @Bean
    CreateCart createCart(Carts carts, Offers offers, CartPricing cartPricing, RandomIds randomIds) {
        return new CreateCart(carts, offers, cartPricing, randomIds, randomIds.secureRandom());
    }

    @Bean
    ShowCart showCart(Carts carts, CartPricing cartPricing) {
        return new ShowCart(carts, cartPricing);
    }

    @Bean
    ChangeCart changeCart(Carts carts, Offers offers, CartPricing cartPricing) {
        return new ChangeCart(carts, offers, cartPricing);
    }

    @Bean
    ClaimCart claimCart(Carts carts, CartPricing cartPricing, RandomIds randomIds) {
        return new ClaimCart(carts, cartPricing, randomIds);
    }

}
