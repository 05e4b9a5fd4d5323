package dev.surge.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.checkout.domain.Quantity;
import dev.surge.checkout.domain.ReservationId;
import dev.surge.checkout.domain.ReservationLine;
import dev.surge.checkout.domain.ReservationOutcome;
import dev.surge.checkout.domain.ReservationState;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.StockLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Model-based: random sequences of reserve, release, commit, time passing with a sweep,
 * and vendor recounts run against real Redis and against a few lines of plain Java; after
 * every step both agree on every answer and on every SKU's on-hand and reserved units.
 */
class ReservationModelProperties {

    private static final List<String> SKUS = List.of("SKU-A", "SKU-B", "SKU-C", "SKU-D");

    private static final int IDS = 6;

    sealed interface Step {

        record Reserve(int id, Map<String, Integer> lines, int ttlSeconds) implements Step {
        }

        record Release(int id) implements Step {
        }

        record Commit(int id) implements Step {
        }

        record PassTimeAndSweep(int seconds) implements Step {
        }

        record SetOnHand(String sku, int onHand) implements Step {
        }

    }

    @Property(tries = 60)
    void redisAgreesWithTheModelAfterEveryStep(@ForAll("scenarios") List<Step> steps) {
        // Each try tidies its own keys; a failing step stays the failure reported, a
        // failure to tidy up is added to it as suppressed.
        try (InventoryFixture fixture = new InventoryFixture("model")) {
            runAgainstTheModel(fixture, steps);
        }
    }

    private void runAgainstTheModel(InventoryFixture fixture, List<Step> steps) {
        Model model = new Model();
        List<ReservationId> ids = new ArrayList<>();
        for (int i = 0; i < IDS; i++) {
            ids.add(new ReservationId(UUID.randomUUID()));
        }
        // Every id always reserves the same lines: the same id with other lines is a
        // caller's bug.
        Map<Integer, Map<String, Integer>> linesOfId = new HashMap<>();
        for (String sku : SKUS) {
            fixture.reservations.setOnHand(Sku.of(sku), 3).block();
            model.onHand.put(sku, 3);
        }

        for (Step step : steps) {
            switch (step) {
                case Step.Reserve reserve -> {
                    Map<String, Integer> lines = linesOfId.computeIfAbsent(reserve.id(), id -> reserve.lines());
                    ReservationOutcome actual = fixture.reservations
                        .reserve(ids.get(reserve.id()), toLines(lines), Duration.ofSeconds(reserve.ttlSeconds()))
                        .block();
                    assertThat(kind(actual)).as("%s", step)
                        .isEqualTo(model.reserve(reserve.id(), lines, fixture.clock.instant(), reserve.ttlSeconds()));
                }
                case Step.Release release ->
                    assertThat(fixture.reservations.release(ids.get(release.id())).block()).as("%s", step)
                        .isEqualTo(model.release(release.id()));
                case Step.Commit commit ->
                    assertThat(fixture.reservations.commit(ids.get(commit.id())).block()).as("%s", step)
                        .isEqualTo(model.commit(commit.id(), fixture.clock.instant()));
                case Step.PassTimeAndSweep pass -> {
                    fixture.clock.advance(Duration.ofSeconds(pass.seconds()));
                    fixture.sweeper.sweep().collectList().block();
                    model.sweep(fixture.clock.instant());
                }
                case Step.SetOnHand set -> {
                    fixture.reservations.setOnHand(Sku.of(set.sku()), set.onHand()).block();
                    model.onHand.put(set.sku(), set.onHand());
                }
            }
            List<StockLevel> levels = fixture.reservations.levels(SKUS.stream().map(Sku::of).toList())
                .collectList()
                .block();
            for (StockLevel level : levels) {
                assertThat(level.onHand()).as("on hand of %s after %s", level.sku(), step)
                    .isEqualTo(model.onHand.get(level.sku().value()));
                assertThat(level.reserved()).as("reserved of %s after %s", level.sku(), step)
                    .isEqualTo(model.reserved(level.sku().value()));
                assertThat(level.onHand()).as("never sold beyond stock").isNotNegative();
            }
        }
    }

    @Provide
    Arbitrary<List<Step>> scenarios() {
        Arbitrary<Integer> id = Arbitraries.integers().between(0, IDS - 1);
        Arbitrary<Map<String, Integer>> lines = Arbitraries
            .maps(Arbitraries.of(SKUS), Arbitraries.integers().between(1, 3))
            .ofMinSize(1)
            .ofMaxSize(3);
        Arbitrary<Step> reserve = Combinators.combine(id, lines, Arbitraries.integers().between(1, 60))
            .as(Step.Reserve::new);
        Arbitrary<Step> release = id.map(Step.Release::new);
        Arbitrary<Step> commit = id.map(Step.Commit::new);
        Arbitrary<Step> pass = Arbitraries.integers().between(1, 40).map(Step.PassTimeAndSweep::new);
        Arbitrary<Step> recount = Combinators.combine(Arbitraries.of(SKUS), Arbitraries.integers().between(0, 6))
            .as(Step.SetOnHand::new);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, reserve), net.jqwik.api.Tuple.of(2, release),
                net.jqwik.api.Tuple.of(2, commit), net.jqwik.api.Tuple.of(2, pass), net.jqwik.api.Tuple.of(1, recount))
            .list()
            .ofMinSize(5)
            .ofMaxSize(40);
    }

    private static List<ReservationLine> toLines(Map<String, Integer> lines) {
        return lines.entrySet()
            .stream()
            .map(line -> new ReservationLine(Sku.of(line.getKey()), Quantity.of(line.getValue())))
            .toList();
    }

    private static String kind(ReservationOutcome outcome) {
        return switch (outcome) {
            case ReservationOutcome.Reserved reserved -> "RESERVED";
            case ReservationOutcome.OutOfStock outOfStock -> "OUT_OF_STOCK";
            case ReservationOutcome.PurchaseCapped capped -> "PURCHASE_CAPPED";
            case ReservationOutcome.Queued queued -> "QUEUED";
            case ReservationOutcome.TooManyOpenHolds open -> "TOO_MANY_OPEN_HOLDS";
            case ReservationOutcome.UnknownSkus unknown -> "UNKNOWN_SKUS";
            case ReservationOutcome.AlreadyEnded ended -> "ENDED_" + ended.state();
        };
    }

    /** The whole reservation logic in memory, as the scripts are meant to behave. */
    private static final class Model {

        final Map<String, Integer> onHand = new LinkedHashMap<>();

        final Map<Integer, Hold> holds = new HashMap<>();

        record Hold(Map<String, Integer> lines, Instant expiresAt, ReservationState state) {

            Hold ended(ReservationState next) {
                return new Hold(lines, expiresAt, next);
            }

        }

        int reserved(String sku) {
            return holds.values()
                .stream()
                .filter(hold -> hold.state() == ReservationState.HELD)
                .mapToInt(hold -> hold.lines().getOrDefault(sku, 0))
                .sum();
        }

        String reserve(int id, Map<String, Integer> lines, Instant now, int ttlSeconds) {
            Hold existing = holds.get(id);
            if (existing != null) {
                return switch (existing.state()) {
                    case HELD, COMMITTED -> "RESERVED";
                    default -> "ENDED_" + existing.state();
                };
            }
            boolean short_ = lines.entrySet()
                .stream()
                .anyMatch(line -> onHand.get(line.getKey()) - reserved(line.getKey()) < line.getValue());
            if (short_) {
                return "OUT_OF_STOCK";
            }
            holds.put(id, new Hold(lines, now.plusSeconds(ttlSeconds), ReservationState.HELD));
            return "RESERVED";
        }

        ReservationState release(int id) {
            Hold hold = holds.get(id);
            if (hold == null) {
                return ReservationState.UNKNOWN;
            }
            if (hold.state() == ReservationState.HELD) {
                holds.put(id, hold.ended(ReservationState.RELEASED));
                return ReservationState.RELEASED;
            }
            return hold.state();
        }

        ReservationState commit(int id, Instant now) {
            Hold hold = holds.get(id);
            if (hold == null) {
                return ReservationState.UNKNOWN;
            }
            if (hold.state() != ReservationState.HELD) {
                return hold.state();
            }
            if (!now.isBefore(hold.expiresAt())) {
                holds.put(id, hold.ended(ReservationState.EXPIRED));
                return ReservationState.EXPIRED;
            }
            boolean short_ = hold.lines()
                .entrySet()
                .stream()
                .anyMatch(line -> onHand.get(line.getKey()) < line.getValue());
            if (short_) {
                holds.put(id, hold.ended(ReservationState.SHORT));
                return ReservationState.SHORT;
            }
            hold.lines().forEach((sku, quantity) -> onHand.put(sku, onHand.get(sku) - quantity));
            holds.put(id, hold.ended(ReservationState.COMMITTED));
            return ReservationState.COMMITTED;
        }

        void sweep(Instant now) {
            holds.replaceAll((id, hold) -> hold.state() == ReservationState.HELD && !now.isBefore(hold.expiresAt())
                    ? hold.ended(ReservationState.EXPIRED) : hold);
        }

    }

}
