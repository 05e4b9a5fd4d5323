/**
 * Use cases: one class per verb, composed from ports with Reactor. No framework; the api
 * module wires them.
 */
@NullMarked
package dev.surge.checkout.application;

import org.jspecify.annotations.NullMarked;
