package dev.surge.checkout.port;

import java.util.List;

import dev.surge.checkout.domain.Membership;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.domain.VendorTeam;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Who works for which vendor, in what role, from the store of record. */
public interface VendorTeams {

    /** Emits every vendor the subject is a member of (an empty list when none). */
    Mono<List<Membership>> memberships(String subject);

    /** Emits the vendor's team; completes empty when there is no such vendor. */
    Mono<VendorTeam> team(VendorId vendor);

    /**
     * Stores {@code change} if the team is still at the version it was read at
     * ({@code change.team().version() - 1}); emits whether it was.
     */
    Mono<Boolean> record(VendorTeam.Change.Made change);

    /**
     * Whose memberships changed from now on (hot): a subject, or {@link #ANYONE} when
     * changes may have been missed. For those who must act on a change at once, such as
     * an open stream whose member was removed.
     */
    default Flux<String> changes() {
        return Flux.never();
    }

    /** Said by {@link #changes()} when anyone's memberships may have changed. */
    String ANYONE = "*";

}
