/**
 * Authentication and authorisation: the JWT resource server and, in the demo runtime, its
 * token issuer.
 */
@NullMarked
package dev.surge.api.security;

import org.jspecify.annotations.NullMarked;
