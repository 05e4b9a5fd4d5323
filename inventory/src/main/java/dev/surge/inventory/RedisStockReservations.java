package dev.surge.inventory;

import dev.surge.checkout.domain.Reservation;
import dev.surge.checkout.domain.ReservationId;
import dev.surge.checkout.domain.ReservationLine;
import dev.surge.checkout.domain.ReservationOutcome;
import dev.surge.checkout.domain.ReservationState;
import dev.surge.checkout.domain.Buyer;
import dev.surge.checkout.domain.CappedLine;
import dev.surge.checkout.domain.PurchaseLimit;
import dev.surge.checkout.domain.QueueTicket;
import dev.surge.checkout.port.QueueStatus;
import dev.surge.checkout.domain.Sha256;
import dev.surge.checkout.domain.Shortfall;
import dev.surge.checkout.domain.Sku;
import dev.surge.checkout.domain.StockLevel;
import dev.surge.checkout.port.CounterRepairs;
import dev.surge.checkout.port.CounterTally;
import dev.surge.checkout.port.InventoryUnavailable;
import dev.surge.checkout.port.RecordedStock;
import dev.surge.checkout.port.StockReservations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Stock reservations kept in Redis by Lua scripts, so each check-and-hold is atomic. On a
 * single Redis a reservation is one script call; on a cluster it is one call per slot
 * group, and groups already held are aborted when a later group cannot be held. A hold's
 * deadlines follow the {@link HoldClock}: Redis's own clock, not this pod's.
 */
class RedisStockReservations implements StockReservations {

    private static final String[] LEVEL_FIELDS = { "onHand", "reserved" };

    private static final String[] TALLY_FIELDS = { "onHand", "reserved", "sold", "recounts" };

    private final RedisCommands redis;

    private final InventoryScripts scripts;

    private final InventoryKeys keys;

    private final InventoryProperties properties;

    private final InventoryMetrics metrics;

    private final HoldClock holdClock;

    private final Clock clock;

    private final CounterRepairs repairs;

    /**
     * Each SKU's tally of units sold as this process last saw the store answer it: a
     * store whose tally is lower went back in time (a restored snapshot, a failover to a
     * replica behind) and would sell the units it lost again.
     */
    private final Map<Sku, Long> seenSold = new ConcurrentHashMap<>();

    RedisStockReservations(RedisCommands redis, InventoryProperties properties, InventoryMetrics metrics,
            HoldClock holdClock, Clock clock) {
        this(redis, properties, metrics, holdClock, clock, skus -> Mono.empty());
    }

    /**
     * @param holdClock whose clock holds expire by: {@link HoldClock#REDIS} but in tests
     * @param clock this pod's, for what it writes down for people to read
     * @param repairs brings counters found gone back in time in step with the stock of
     * record before they hold anything
     */
    RedisStockReservations(RedisCommands redis, InventoryProperties properties, InventoryMetrics metrics,
            HoldClock holdClock, Clock clock, CounterRepairs repairs) {
        this.redis = redis;
        this.scripts = InventoryScripts.load(redis.scripting());
        this.keys = new InventoryKeys(properties.keyPrefix());
        this.properties = properties;
        this.metrics = metrics;
        this.holdClock = holdClock;
        this.clock = clock;
        this.repairs = repairs;
    }

    /**
     * A queue token as given out: 32 hex characters, a dot, the SKU of the waiting room
     * it was first given for.
     */
    private static final Pattern QUEUE_TOKEN = Pattern.compile("[0-9a-f]{32}\\.[A-Z0-9][A-Z0-9_-]{1,63}");

    /**
     * How long an admission lasts: time to finish the checkout, then the shopper queues
     * again.
     */
    static final Duration ADMISSION_VALIDITY = Duration.ofMinutes(10);

    @Override
    public Mono<ReservationOutcome> reserve(ReservationId id, List<ReservationLine> lines, Duration ttl,
            Holder holder) {
        Buyer buyer = holder.buyer();
        String queueToken = holder.queueToken();
        var shopper = new ReserveCall.Shopper(buyer == null ? "" : buyer.key(),
                queueToken == null || !QUEUE_TOKEN.matcher(queueToken).matches() ? "" : queueToken,
                // Derived from the reservation's random id, never shown: no randomness
                // drawn (a SecureRandom may block) and as unguessable as the id.
                Sha256.hex("queue:" + id).substring(0, 32), ADMISSION_VALIDITY, holder.openHoldsAllowed());
        return Mono.fromCallable(() -> plan(id, lines, ttl))
            .flatMap(plan -> reserve(id, plan, ttl, shopper, true))
            .doOnNext(metrics::reserved)
            .onErrorMap(RedisStockReservations::isUnavailable, failure -> unavailable((Exception) failure));
    }

    /**
     * Counters found gone back in time (their tally of units sold below one this process
     * saw) hold nothing: they are repaired from the stock of record and the reservation
     * is tried once more, with the tallies as they are now.
     */
    private Mono<ReservationOutcome> reserve(ReservationId id, ReservationPlan plan, Duration ttl,
            ReserveCall.Shopper shopper, boolean firstTry) {
        Mono<GroupResult> held = properties.cluster() ? reserveOnCluster(id, plan, ttl, shopper) : runReserve(
                ReserveCall.single(keys, id, plan, ttl, properties.retention(), holdClock, shopper, this::seen));
        return held.flatMap(result -> switch (result) {
            case GroupResult.Held held1 ->
                Mono.just(new ReservationOutcome.Reserved(new Reservation(id, plan.lines(), held1.expiresAt())));
            case GroupResult.Ended ended -> Mono.just(ended.outcome());
            case GroupResult.Refused refused -> Mono.just(refused.outcome());
            case GroupResult.Stale stale when firstTry -> {
                metrics.stale(stale.skus().size());
                yield repairs.repair(stale.skus())
                    .then(Mono.fromRunnable(() -> stale.skus().forEach(seenSold::remove)))
                    .then(reserve(id, plan, ttl, shopper, false));
            }
            case GroupResult.Stale stale -> Mono.error(new InventoryUnavailable(
                    "stock counters of " + stale.skus() + " went back in time and could not be repaired",
                    new IllegalStateException("counters still behind after their repair")));
        });
    }

    @Override
    public Mono<ReservationState> release(ReservationId id) {
        return settle(id, "RELEASE").doOnNext(metrics::released);
    }

    @Override
    public Mono<ReservationState> commit(ReservationId id) {
        return settle(id, "COMMIT").doOnNext(metrics::committed);
    }

    @Override
    public Mono<StockLevel> setOnHand(Sku sku, int onHand) {
        if (onHand < 0) {
            return Mono.error(new IllegalArgumentException("on hand cannot be negative: " + onHand));
        }
        return changeStock(sku, "SET", onHand);
    }

    @Override
    public Mono<StockLevel> recount(RecordedStock counted) {
        return changeStock(counted.sku(), "RECOUNT", counted.onHand(), Long.toString(counted.sold()),
                Long.toString(counted.recounts()));
    }

    @Override
    public Mono<StockLevel> loadIfMissing(RecordedStock recorded) {
        PurchaseLimit limit = recorded.limit();
        return changeStock(recorded.sku(), "LOAD", recorded.onHand(), Long.toString(recorded.sold()),
                Long.toString(recorded.recounts()), limit == null ? "" : Integer.toString(limit.perBuyer()),
                limit == null ? "" : Long.toString(limit.window().toMillis()),
                recorded.admitPerSecond() == null ? "" : Integer.toString(recorded.admitPerSecond()));
    }

    @Override
    public Mono<StockLevel> repair(RecordedStock recorded) {
        return changeStock(recorded.sku(), "REPAIR", recorded.onHand(), Long.toString(recorded.sold()),
                Long.toString(recorded.recounts()));
    }

    @Override
    public Mono<Void> queue(Sku sku, @Nullable Integer admitPerSecond) {
        return changeStock(sku, "QUEUE", admitPerSecond == null ? 0 : admitPerSecond).then();
    }

    @Override
    public Mono<QueueStatus> queueStatus(String token) {
        if (!QUEUE_TOKEN.matcher(token).matches()) {
            return Mono.empty();
        }
        Sku sku = Sku.of(token.substring(token.lastIndexOf('.') + 1));
        Mono<QueueStatus> status = scripts.queueStatus()
            .run(redis.scripting(), new String[] { keys.stock(sku), keys.waitingRoom(sku) }, token, holdClock.now())
            .filter(reply -> !reply.getFirst().isEmpty())
            .map(reply -> {
                long admittedAt = Long.parseLong(reply.get(0));
                long now = Long.parseLong(reply.get(1));
                int rate = reply.get(3).isEmpty() ? 0 : Integer.parseInt(reply.get(3));
                int position = admittedAt <= now || rate == 0 ? 0
                        : (int) Math.ceil((admittedAt - now) * (double) rate / 1000);
                return new QueueStatus(sku, position, admittedAt <= now, Integer.parseInt(reply.get(2)) <= 0,
                        Instant.ofEpochMilli(admittedAt));
            });
        return status.timeout(properties.commandTimeout())
            .onErrorMap(RedisStockReservations::isUnavailable, failure -> unavailable((Exception) failure));
    }

    @Override
    public Mono<Void> limit(Sku sku, @Nullable PurchaseLimit limit) {
        return limit == null ? changeStock(sku, "LIMIT", 0, "0").then()
                : changeStock(sku, "LIMIT", limit.perBuyer(), Long.toString(limit.window().toMillis())).then();
    }

    @Override
    public Mono<StockLevel> adjust(Sku sku, int delta) {
        return changeStock(sku, "ADD", delta);
    }

    @Override
    public Mono<Boolean> countersLoaded() {
        return redis.keys()
            .exists(keys.countersLoaded())
            .map(count -> count > 0)
            .timeout(properties.bulkCommandTimeout())
            .onErrorMap(RedisStockReservations::isUnavailable, failure -> unavailable((Exception) failure));
    }

    @Override
    public Mono<Void> markCountersLoaded() {
        return redis.strings()
            .set(keys.countersLoaded(), clock.instant().toString())
            .timeout(properties.bulkCommandTimeout())
            .onErrorMap(RedisStockReservations::isUnavailable, failure -> unavailable((Exception) failure))
            .then();
    }

    /**
     * On a single Redis one script call reads every SKU (one round trip for a whole
     * catalog page); on a cluster, where the keys span slots, one command per SKU, one
     * after the other. Commands are never issued concurrently from one pipeline here: a
     * page's worth of concurrent HMGETs subscribed from an HTTP event loop now and then
     * never completed (about 1 request in 150, see docs/benchmarks.md), while sequential
     * ones and the script never did.
     */
    @Override
    public Flux<StockLevel> levels(List<Sku> skus) {
        return fieldsOf(skus, LEVEL_FIELDS)
            .map(fields -> new StockLevel(fields.sku(), fields.integer(0), fields.integer(1)));
    }

    @Override
    public Flux<CounterTally> tallies(List<Sku> skus) {
        return fieldsOf(skus, TALLY_FIELDS).map(fields -> new CounterTally(fields.sku(), fields.integer(0),
                fields.integer(1), fields.number(2), fields.number(3)));
    }

    /**
     * The fields of each stocked SKU's hash; a SKU without {@code onHand} is left out.
     */
    private Flux<StockFields> fieldsOf(List<Sku> skus, String[] fields) {
        List<Sku> distinct = skus.stream().distinct().toList();
        if (distinct.isEmpty()) {
            return Flux.empty();
        }
        Flux<StockFields> read = properties.cluster() ? fieldsPerSku(distinct, fields)
                : fieldsInOneCall(distinct, fields);
        return read.timeout(properties.bulkCommandTimeout())
            .onErrorMap(RedisStockReservations::isUnavailable, failure -> unavailable((Exception) failure));
    }

    private Flux<StockFields> fieldsPerSku(List<Sku> skus, String[] fields) {
        return Flux.fromIterable(skus)
            .concatMap(sku -> redis.hashes()
                .hmget(keys.stock(sku), fields)
                .map(value -> value.getValueOrElse(""))
                .collectList()
                .filter(values -> !values.getFirst().isEmpty())
                .map(values -> new StockFields(sku, values)));
    }

    private Flux<StockFields> fieldsInOneCall(List<Sku> skus, String[] fields) {
        String[] stockKeys = skus.stream().map(keys::stock).toArray(String[]::new);
        return scripts.levels().run(redis.scripting(), stockKeys, fields).flatMapIterable(values -> {
            List<StockFields> stocked = new ArrayList<>(skus.size());
            for (int i = 0; i < skus.size(); i++) {
                List<String> own = values.subList(i * fields.length, (i + 1) * fields.length);
                if (!own.getFirst().isEmpty()) {
                    stocked.add(new StockFields(skus.get(i), own));
                }
            }
            return stocked;
        });
    }

    /** A stock hash's fields as read, in the order asked; '' for a field it lacks. */
    private record StockFields(Sku sku, List<String> values) {

        int integer(int field) {
            return values.get(field).isEmpty() ? 0 : Integer.parseInt(values.get(field));
        }

        long number(int field) {
            return values.get(field).isEmpty() ? 0 : Long.parseLong(values.get(field));
        }

    }

    @Override
    public Mono<Map<Sku, Integer>> available(Collection<Sku> skus) {
        if (skus.isEmpty()) {
            return Mono.just(Map.of());
        }
        return levels(List.copyOf(skus)).collectMap(StockLevel::sku, StockLevel::available);
    }

    /**
     * Ends every expired reservation of one slot group that is due, at most
     * {@code properties.sweepBatch()} of them; emits the ids this call expired (another
     * pod sweeping the same group at once expires each id only once).
     */
    Flux<ReservationId> expireDue(String tag) {
        return Mono
            .defer(() -> metrics.timed("due",
                    scripts.due()
                        .run(redis.scripting(), new String[] { keys.expiring(tag) }, holdClock.now(),
                                Integer.toString(properties.sweepBatch()))))
            .timeout(properties.bulkCommandTimeout())
            // Expired by the instant they were found due at: the same clock throughout.
            .flatMapMany(reply -> Flux.fromIterable(reply.subList(1, reply.size()))
                .map(ReservationId::of)
                .concatMap(id -> expire(tag, id, reply.getFirst())));
    }

    private Mono<ReservationId> expire(String tag, ReservationId id, String now) {
        String record = keys.record(tag, id);
        return redis.hashes()
            .hget(record, "lines")
            .flatMap(lines -> runSettle(ReservationPlan.Group.decode(tag, lines), id, "EXPIRE", now, Optional.empty()))
            // A record gone with its retention leaves a stale index entry: tidy it.
            .switchIfEmpty(
                    Mono.defer(() -> redis.sortedSets().zrem(keys.expiring(tag), id.toString()).then(Mono.empty())))
            .filter(settled -> settled.changed() && settled.state() == ReservationState.EXPIRED)
            .map(settled -> id);
    }

    /** The tags of every slot group that may hold expiring reservations. */
    Flux<String> expiringTags() {
        return redis.sets().smembers(keys.expiringTags());
    }

    private ReservationPlan plan(ReservationId id, List<ReservationLine> lines, Duration ttl) {
        Objects.requireNonNull(id, "id");
        Reservation.requireValidLines(lines);
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(properties.retention()) > 0) {
            throw new IllegalArgumentException(
                    "ttl must be positive and at most " + properties.retention() + ": " + ttl);
        }
        metrics.attempted();
        return ReservationPlan.of(lines, properties.cluster());
    }

    /**
     * The plan written down: the hold's expiry every group takes, and whether this
     * attempt wrote it ({@code fresh}) or an earlier one had.
     */
    private record Claim(Instant expiresAt, boolean fresh) {
    }

    /**
     * Writes the plan down, with the hold's expiry every group takes, unless the id has
     * one: a retry of the same request goes on with the first plan and its expiry; the
     * same id with other lines is refused.
     */
    private Mono<Claim> claimDirectory(ReservationId id, ReservationPlan plan, Duration ttl,
            ReserveCall.Shopper shopper) {
        return redis.sets()
            .sadd(keys.expiringTags(), plan.groups().stream().map(ReservationPlan.Group::tag).toArray(String[]::new))
            .then(Mono.defer(() -> metrics.timed("claim",
                    scripts.claim()
                        .run(redis.scripting(), new String[] { keys.directory(id) }, holdClock.now(),
                                Long.toString(ttl.toMillis()), Long.toString(properties.retention().toMillis()),
                                plan.encode(shopper.openHolder().orElse(null))))))
            .timeout(properties.commandTimeout())
            .<Claim>handle((reply, sink) -> {
                String entry = reply.getFirst();
                if (!ReservationPlan.fromDirectory(entry).equals(plan)) {
                    sink.error(new IllegalArgumentException(
                            "reservation " + id + " was made for other lines; a new reservation needs a new id"));
                    return;
                }
                sink.next(new Claim(ReservationPlan.expiryInDirectory(entry), "NEW".equals(reply.get(1))));
            });
    }

    /**
     * A cluster: the plan written down, the hold counted among the buyer's open holds,
     * then the groups held one by one.
     */
    private Mono<GroupResult> reserveOnCluster(ReservationId id, ReservationPlan plan, Duration ttl,
            ReserveCall.Shopper shopper) {
        return claimDirectory(id, plan, ttl, shopper)
            .flatMap(claim -> takeOpenHold(id, claim, shopper).flatMap(taken -> {
                if (!taken) {
                    return Mono.just(new GroupResult.Refused(
                            new ReservationOutcome.TooManyOpenHolds(shopper.openHoldsAllowed())));
                }
                return reserveFrom(id, plan, claim.expiresAt(), shopper, 0, false)
                    // A retry of a hold already paid for or gone was counted again: it is
                    // not open. (A refused one gave its count back with its groups.)
                    .flatMap(result -> result instanceof GroupResult.Ended
                            || result instanceof GroupResult.Held held && held.paid()
                                    ? endOpenHold(id, shopper.openHolder()).thenReturn(result) : Mono.just(result));
            }));
    }

    /**
     * A cluster: counts the hold among the buyer's open holds, in their own slot, when
     * they are bounded; emits whether it could. When not, nothing is held, and the plan
     * is forgotten if this attempt wrote it: one an earlier attempt wrote may name a hold
     * since paid for, whose record a later commit or retry must still find.
     */
    private Mono<Boolean> takeOpenHold(ReservationId id, Claim claim, ReserveCall.Shopper shopper) {
        if (!shopper.boundsOpenHolds()) {
            return Mono.just(true);
        }
        return Mono
            .defer(() -> metrics.timed("open-holds",
                    scripts.openHold()
                        .run(redis.scripting(), new String[] { keys.openHolds(shopper.buyer()) }, "TAKE", id.toString(),
                                holdClock.now(), Integer.toString(shopper.openHoldsAllowed()),
                                Long.toString(claim.expiresAt().toEpochMilli()))))
            .timeout(properties.commandTimeout())
            .flatMap(reply -> "TAKEN".equals(reply.getFirst()) ? Mono.just(true)
                    : claim.fresh() ? redis.keys().del(keys.directory(id)).thenReturn(false) : Mono.just(false));
    }

    /** A cluster: the hold no longer counts among its buyer's open holds. */
    private Mono<Void> endOpenHold(ReservationId id, Optional<String> openHolder) {
        return openHolder.map(buyer -> Mono
            .defer(() -> metrics.timed("open-holds",
                    scripts.openHold()
                        .run(redis.scripting(), new String[] { keys.openHolds(buyer) }, "END", id.toString())))
            .timeout(properties.commandTimeout())
            .then()).orElse(Mono.empty());
    }

    /**
     * A cluster: holds the slot groups in order; when one cannot be held, aborts those
     * held before it, ends its count among the buyer's open holds and forgets the plan,
     * so nothing stays reserved and a later retry starts afresh. {@code paid}: a group
     * before {@code index} was found committed (a commit settles every group).
     */
    private Mono<GroupResult> reserveFrom(ReservationId id, ReservationPlan plan, Instant expiresAt,
            ReserveCall.Shopper shopper, int index, boolean paid) {
        if (index == plan.groups().size()) {
            return Mono.just(new GroupResult.Held(expiresAt, List.of(), paid));
        }
        ReservationPlan.Group group = plan.groups().get(index);
        ReserveCall call = ReserveCall.clusterGroup(keys, id, group, expiresAt, properties.retention(), holdClock,
                shopper, this::seen);
        return runReserve(call).flatMap(result -> switch (result) {
            case GroupResult.Held held -> reserveFrom(id, plan, expiresAt, shopper, index + 1, paid || held.paid());
            case GroupResult.Ended ended -> Mono.just(ended);
            case GroupResult.Refused refused -> abortBefore(id, plan, index, shopper).thenReturn(result);
            case GroupResult.Stale stale -> abortBefore(id, plan, index, shopper).thenReturn(result);
        });
    }

    /**
     * Aborts the groups held before {@code index}, ends the hold's count among the
     * buyer's open holds and forgets the plan.
     */
    private Mono<Long> abortBefore(ReservationId id, ReservationPlan plan, int index, ReserveCall.Shopper shopper) {
        return Flux.fromIterable(plan.groups().subList(0, index))
            .concatMap(heldBefore -> runSettle(heldBefore, id, "ABORT", holdClock.now(), Optional.empty()))
            .then(endOpenHold(id, shopper.openHolder()))
            .then(redis.keys().del(keys.directory(id)));
    }

    private Mono<GroupResult> runReserve(ReserveCall call) {
        return Mono
            .defer(() -> metrics.timed("reserve",
                    scripts.reserve().run(redis.scripting(), call.keyArray(), call.argArray())))
            .timeout(properties.commandTimeout())
            .map(reply -> GroupResult.parse(call.id(), call.group(), reply))
            .doOnNext(result -> {
                if (result instanceof GroupResult.Held held) {
                    saw(call.group().lines(), held.sold());
                }
            });
    }

    /** The tally of units sold of {@code sku} this process last saw the store answer. */
    private long seen(Sku sku) {
        return seenSold.getOrDefault(sku, 0L);
    }

    /** Remembers the tallies the store answered for {@code lines}, in line order. */
    private void saw(List<ReservationLine> lines, List<Long> sold) {
        for (int i = 0; i < sold.size() && i < lines.size(); i++) {
            seenSold.merge(lines.get(i).sku(), sold.get(i), Math::max);
        }
    }

    /**
     * Settles every group the directory names; the hold leaves its buyer's open holds in
     * the same call on a single Redis, after the groups on a cluster (if that last step
     * fails, the hold still leaves them when it would have expired).
     */
    private Mono<ReservationState> settle(ReservationId id, String mode) {
        return redis.strings().get(keys.directory(id)).timeout(properties.commandTimeout()).flatMap(entry -> {
            ReservationPlan plan = ReservationPlan.fromDirectory(entry);
            Optional<String> openHolder = ReservationPlan.openHolderInDirectory(entry);
            if (!properties.cluster()) {
                return runSettle(plan.groups().getFirst(), id, mode, holdClock.now(), openHolder).map(Settled::state);
            }
            return settleGroups(plan.groups(), id, mode, holdClock.now())
                .flatMap(state -> endOpenHold(id, openHolder).thenReturn(state));
        })
            .defaultIfEmpty(ReservationState.UNKNOWN)
            .onErrorMap(RedisStockReservations::isUnavailable, failure -> unavailable((Exception) failure));
    }

    /**
     * Settles the groups one by one, each by the instant the first went by, so a commit
     * never sells one group and expires another however the cluster's clocks differ.
     */
    private Mono<ReservationState> settleGroups(List<ReservationPlan.Group> groups, ReservationId id, String mode,
            String now) {
        return runSettle(groups.getFirst(), id, mode, now, Optional.empty()).flatMap(first -> groups.size() == 1
                ? Mono.just(first.state()) : settleGroups(groups.subList(1, groups.size()), id, mode, first.now())
                    .map(rest -> combine(first.state(), rest)));
    }

    /**
     * {@code openHolder}: the buyer whose open holds the hold leaves in the same call, on
     * a single Redis.
     */
    private Mono<Settled> runSettle(ReservationPlan.Group group, ReservationId id, String mode, String now,
            Optional<String> openHolder) {
        List<String> scriptKeys = ReserveCall.groupKeys(keys, group, id);
        openHolder.ifPresent(buyer -> scriptKeys.add(keys.openHolds(buyer)));
        List<String> args = new ArrayList<>();
        args.add(id.toString());
        args.add(mode);
        args.add(now);
        args.add(openHolder.isPresent() ? "OPEN" : "");
        group.lines().forEach(line -> args.add(Integer.toString(line.quantity().value())));
        return Mono
            .defer(() -> metrics.timed("settle",
                    scripts.settle()
                        .run(redis.scripting(), scriptKeys.toArray(String[]::new), args.toArray(String[]::new))))
            .timeout(properties.commandTimeout())
            .map(Settled::parse)
            .doOnNext(settled -> saw(group.lines(), settled.sold()));
    }

    /**
     * What the settle script answered: the hold's state after the call, whether the call
     * ended it, the instant it went by, and for a commit that sold, each line's tally of
     * units sold after it.
     */
    private record Settled(ReservationState state, boolean changed, String now, List<Long> sold) {

        static Settled parse(List<String> reply) {
            return new Settled(RedisStockReservations.state(reply.get(0)), "CHANGED".equals(reply.get(1)), reply.get(2),
                    reply.subList(3, reply.size()).stream().map(Long::valueOf).toList());
        }

    }

    private Mono<StockLevel> changeStock(Sku sku, String mode, int amount, String... recorded) {
        String[] arguments = new String[2 + recorded.length];
        arguments[0] = mode;
        arguments[1] = Integer.toString(amount);
        System.arraycopy(recorded, 0, arguments, 2, recorded.length);
        // Loads and repairs run many SKUs at once, at start-up or after Redis lost its
        // data, on nobody's request: the bulk bound. A cold JVM loading a catalog at
        // start-up missed the hot path's 250 ms and failed to start.
        Duration timeout = "LOAD".equals(mode) || "REPAIR".equals(mode) ? properties.bulkCommandTimeout()
                : properties.commandTimeout();
        return metrics
            .timed("stock", scripts.stock().run(redis.scripting(), new String[] { keys.stock(sku) }, arguments))
            .timeout(timeout)
            .<StockLevel>handle((reply, sink) -> {
                if ("NEGATIVE".equals(reply.getFirst())) {
                    sink.error(new IllegalArgumentException("on hand of " + sku + " cannot go below zero (it is "
                            + reply.get(1) + ", the change was " + amount + ")"));
                    return;
                }
                sink.next(new StockLevel(sku, Integer.parseInt(reply.get(1)), Integer.parseInt(reply.get(2))));
            })
            .onErrorMap(RedisStockReservations::isUnavailable, failure -> unavailable((Exception) failure));
    }

    /**
     * A later group's state wins over an earlier one only when it says the hold is gone.
     */
    private static ReservationState combine(ReservationState first, ReservationState second) {
        if (first == second) {
            return first;
        }
        for (ReservationState gone : List.of(ReservationState.SHORT, ReservationState.EXPIRED,
                ReservationState.RELEASED, ReservationState.UNKNOWN)) {
            if (first == gone || second == gone) {
                return gone;
            }
        }
        return first;
    }

    private static ReservationState state(String reply) {
        return switch (reply) {
            case "HELD" -> ReservationState.HELD;
            case "COMMITTED" -> ReservationState.COMMITTED;
            case "RELEASED" -> ReservationState.RELEASED;
            case "EXPIRED" -> ReservationState.EXPIRED;
            case "SHORT" -> ReservationState.SHORT;
            default -> ReservationState.UNKNOWN;
        };
    }

    /** What one slot group's reserve script answered. */
    private sealed interface GroupResult {

        /**
         * Held, now or by an earlier attempt, until {@code expiresAt}; {@code sold}: each
         * line's tally of units sold as the store answered it (none for a retry);
         * {@code paid}: a retry found it committed already.
         */
        record Held(Instant expiresAt, List<Long> sold, boolean paid) implements GroupResult {
        }

        /**
         * Not held: the counters of {@code skus} went back in time; earlier groups must
         * be aborted.
         */
        record Stale(List<Sku> skus) implements GroupResult {
        }

        /** The id was used before and its hold is gone: answer that, touch nothing. */
        record Ended(ReservationOutcome outcome) implements GroupResult {
        }

        /**
         * Not held for lack of stock or an unknown SKU; earlier groups must be aborted.
         */
        record Refused(ReservationOutcome outcome) implements GroupResult {
        }

        static GroupResult parse(ReservationId id, ReservationPlan.Group group, List<String> reply) {
            List<ReservationLine> lines = group.lines();
            return switch (reply.getFirst()) {
                case "HELD" -> new Held(Instant.ofEpochMilli(Long.parseLong(reply.get(1))),
                        reply.subList(2, reply.size()).stream().map(Long::valueOf).toList(), false);
                case "MISMATCH" -> throw new IllegalArgumentException(
                        "reservation " + id + " was made for other lines; a new reservation needs a new id");
                case "EXISTS" -> switch (state(reply.get(1))) {
                    case HELD -> new Held(Instant.ofEpochMilli(Long.parseLong(reply.get(2))), List.of(), false);
                    case COMMITTED -> new Held(Instant.ofEpochMilli(Long.parseLong(reply.get(2))), List.of(), true);
                    case ReservationState ended -> new Ended(new ReservationOutcome.AlreadyEnded(id, ended));
                };
                case "STALE" -> new Stale(reply.subList(1, reply.size())
                    .stream()
                    .map(index -> lines.get(Integer.parseInt(index) - 1).sku())
                    .toList());
                case "UNKNOWN" -> new Refused(new ReservationOutcome.UnknownSkus(reply.subList(1, reply.size())
                    .stream()
                    .map(index -> lines.get(Integer.parseInt(index) - 1).sku())
                    .toList()));
                case "SHORT" -> {
                    List<Shortfall> shortfalls = new ArrayList<>();
                    for (int i = 1; i < reply.size(); i += 2) {
                        ReservationLine line = lines.get(Integer.parseInt(reply.get(i)) - 1);
                        shortfalls.add(
                                new Shortfall(line.sku(), line.quantity().value(), Integer.parseInt(reply.get(i + 1))));
                    }
                    yield new Refused(new ReservationOutcome.OutOfStock(shortfalls));
                }
                case "OPEN" -> new Refused(new ReservationOutcome.TooManyOpenHolds(Integer.parseInt(reply.get(1))));
                case "QUEUED" -> new Refused(new ReservationOutcome.Queued(new QueueTicket(reply.get(1),
                        Instant.ofEpochMilli(Long.parseLong(reply.get(2))), Integer.parseInt(reply.get(3)))));
                case "CAPPED" -> {
                    List<CappedLine> capped = new ArrayList<>();
                    for (int i = 1; i < reply.size(); i += 2) {
                        ReservationLine line = lines.get(Integer.parseInt(reply.get(i)) - 1);
                        capped.add(new CappedLine(line.sku(), line.quantity().value(),
                                Integer.parseInt(reply.get(i + 1))));
                    }
                    yield new Refused(new ReservationOutcome.PurchaseCapped(capped));
                }
                default -> throw new IllegalStateException("reserve script answered " + reply);
            };
        }

    }

    /**
     * Redis failed or did not answer within the command timeout: nothing is known to have
     * changed.
     */
    private static boolean isUnavailable(Throwable failure) {
        return RedisFailures.isUnavailable(failure);
    }

    private InventoryUnavailable unavailable(Exception failure) {
        return RedisFailures.unavailable("a stock operation", failure);
    }

}
