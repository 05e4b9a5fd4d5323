/**
 * R2DBC adapters over PostgreSQL: the catalog of record now; orders, outbox and
 * idempotency records later.
 */
@NullMarked
package dev.surge.api.persistence;

import org.jspecify.annotations.NullMarked;
