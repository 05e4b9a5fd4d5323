/**
 * Ports: what the checkout needs from the outside world (catalog, stock, payments,
 * events), as interfaces with Reactor return types. Adapters in the inventory, payments
 * and api modules implement them; each method's Javadoc states its signal contract.
 */
@NullMarked
package dev.surge.checkout.port;

import org.jspecify.annotations.NullMarked;
