package dev.surge.api.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.surge.checkout.domain.Membership;
import dev.surge.checkout.domain.VendorId;
import dev.surge.checkout.domain.VendorRole;
import dev.surge.checkout.domain.VendorTeam;
import dev.surge.checkout.port.VendorTeams;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vendor teams in PostgreSQL: members in {@code vendor_members}, the team's version on
 * its vendor. A change is one statement that moves the version and writes the member only
 * if the version is still the one read.
 */
public final class R2dbcVendorTeams implements VendorTeams {

    private static final String TEAM = """
            SELECT v.team_version,
                   (SELECT coalesce(json_agg(json_build_array(m.subject, m.role) ORDER BY m.added_at, m.subject),
                                    '[]')::text
                    FROM vendor_members m WHERE m.vendor_id = v.id) AS members
            FROM vendors v WHERE v.id = :vendor
            """;

    /**
     * Moves the version, then upserts the member's new place or deletes it; the member
     * statement runs only when the version moved (the CTE's row gates it).
     */
    private static final String RECORD = """
            WITH moved AS (
                UPDATE vendors SET team_version = team_version + 1
                WHERE id = :vendor AND team_version = :version - 1
                RETURNING id
            ), upserted AS (
                INSERT INTO vendor_members (vendor_id, subject, role)
                SELECT id, :subject, :role FROM moved WHERE CAST(:role AS text) IS NOT NULL
                ON CONFLICT (vendor_id, subject) DO UPDATE SET role = EXCLUDED.role
            ), deleted AS (
                DELETE FROM vendor_members
                WHERE vendor_id IN (SELECT id FROM moved) AND subject = :subject AND CAST(:role AS text) IS NULL
            )
            SELECT count(*) AS moved FROM moved
            """;

    private final DatabaseClient database;

    private final JsonMapper json;

    public R2dbcVendorTeams(DatabaseClient database, JsonMapper json) {
        this.database = database;
        this.json = json;
    }

    @Override
    public Mono<List<Membership>> memberships(String subject) {
        return database.sql("SELECT vendor_id, subject, role FROM vendor_members WHERE subject = :subject")
            .bind("subject", subject)
            .map(R2dbcVendorTeams::membership)
            .all()
            .collectList();
    }

    @Override
    public Mono<VendorTeam> team(VendorId vendor) {
        return database.sql(TEAM).bind("vendor", vendor.value()).map(row -> {
            List<Membership> members = new ArrayList<>();
            for (JsonNode member : json.readTree(row.get("members", String.class))) {
                members.add(
                        new Membership(vendor, member.get(0).asString(), VendorRole.valueOf(member.get(1).asString())));
            }
            return new VendorTeam(vendor, members, row.get("team_version", Long.class));
        }).one();
    }

    @Override
    public Mono<Boolean> record(VendorTeam.Change.Made change) {
        Membership subject = change.after() != null ? change.after() : change.before();
        if (subject == null) {
            return Mono.error(new IllegalArgumentException("a change names the member it changed"));
        }
        DatabaseClient.GenericExecuteSpec statement = database.sql(RECORD)
            .bind("vendor", change.team().vendor().value())
            .bind("version", change.team().version())
            .bind("subject", subject.subject());
        statement = change.after() == null ? statement.bindNull("role", String.class)
                : statement.bind("role", change.after().role().name());
        return statement.map(row -> row.get("moved", Long.class)).one().map(moved -> moved == 1);
    }

    private static Membership membership(Readable row) {
        return new Membership(new VendorId(row.get("vendor_id", UUID.class)), row.get("subject", String.class),
                VendorRole.valueOf(row.get("role", String.class)));
    }

}
