/**
 * The checkout domain in plain Java: money, vendors, products and their variants, prices,
 * tax and shipping rates. No framework, no Reactor, no I/O; time and ids come in as
 * inputs.
 */
@NullMarked
package dev.surge.checkout.domain;

import org.jspecify.annotations.NullMarked;
