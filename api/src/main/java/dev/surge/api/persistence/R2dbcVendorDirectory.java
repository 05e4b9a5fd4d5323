package dev.surge.api.persistence;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import dev.surge.checkout.domain.BasisPoints;
import dev.surge.checkout.domain.ConnectedAccountId;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.domain.VendorTerms;
import dev.surge.checkout.port.VendorDirectory;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** Vendors' commission rates and Stripe accounts from PostgreSQL. */
public class R2dbcVendorDirectory implements VendorDirectory {

    private final DatabaseClient database;

    public R2dbcVendorDirectory(DatabaseClient database) {
        this.database = database;
    }

    @Override
    public Mono<Map<VendorId, VendorTerms>> terms(Collection<VendorId> vendors) {
        if (vendors.isEmpty()) {
            return Mono.just(Map.of());
        }
        return database.sql("SELECT id, commission_bps, stripe_account_id FROM vendors WHERE id = ANY(:ids)")
            .bind("ids", vendors.stream().map(VendorId::value).toArray(UUID[]::new))
            .map(row -> {
                String account = row.get("stripe_account_id", String.class);
                return new VendorTerms(new VendorId(row.get("id", UUID.class)),
                        BasisPoints.of(row.get("commission_bps", Integer.class)),
                        account == null ? null : new ConnectedAccountId(account));
            })
            .all()
            .collectMap(VendorTerms::vendorId, terms -> terms);
    }

}
