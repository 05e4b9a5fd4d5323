package dev.surge.checkout.application;

import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.domain.VendorTeam;
import dev.surge.checkout.port.VendorTeams;
import reactor.core.publisher.Mono;

/** A vendor's members, for its owners. */
public final class ShowVendorTeam {

    private final VendorTeams teams;

    public ShowVendorTeam(VendorTeams teams) {
        this.teams = teams;
    }

    /** Emits the team; completes empty when there is no such vendor. */
    public Mono<VendorTeam> show(VendorId vendor) {
        return teams.team(vendor);
    }

}
