package dev.surge.checkout.domain;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class VendorTeamTests {

    private static final VendorId VENDOR = new VendorId(UUID.randomUUID());

    private final VendorTeam team = new VendorTeam(VENDOR,
            List.of(member("ada", VendorRole.OWNER), member("ben", VendorRole.EDITOR)), 3);

    @Test
    void addsAMemberAndMovesItsVersion() {
        var change = (VendorTeam.Change.Made) team.add("cleo", VendorRole.FULFILLMENT);

        assertThat(change.before()).isNull();
        assertThat(change.after()).isEqualTo(member("cleo", VendorRole.FULFILLMENT));
        assertThat(change.team().members()).hasSize(3);
        assertThat(change.team().version()).isEqualTo(4);
    }

    @Test
    void refusesToAddSomeoneWhoIsAMemberAlready() {
        assertThat(team.add("ben", VendorRole.OWNER))
            .isEqualTo(new VendorTeam.Change.Refused(VendorTeam.Refusal.ALREADY_A_MEMBER));
    }

    @Test
    void neverLeavesTheVendorWithoutAnOwner() {
        assertThat(team.remove("ada")).isEqualTo(new VendorTeam.Change.Refused(VendorTeam.Refusal.LAST_OWNER));
        assertThat(team.changeRole("ada", VendorRole.EDITOR))
            .isEqualTo(new VendorTeam.Change.Refused(VendorTeam.Refusal.LAST_OWNER));
    }

    @Test
    void letsAnOwnerGoOnceAnotherOwnerRemains() {
        var promoted = (VendorTeam.Change.Made) team.changeRole("ben", VendorRole.OWNER);
        var removed = (VendorTeam.Change.Made) promoted.team().remove("ada");

        assertThat(removed.before()).isEqualTo(member("ada", VendorRole.OWNER));
        assertThat(removed.after()).isNull();
        assertThat(removed.team().members()).containsExactly(member("ben", VendorRole.OWNER));
        assertThat(removed.team().version()).isEqualTo(5);
    }

    @Test
    void refusesToChangeOrRemoveSomeoneWhoIsNotAMember() {
        assertThat(team.remove("zoe")).isEqualTo(new VendorTeam.Change.Refused(VendorTeam.Refusal.NOT_A_MEMBER));
        assertThat(team.changeRole("zoe", VendorRole.EDITOR))
            .isEqualTo(new VendorTeam.Change.Refused(VendorTeam.Refusal.NOT_A_MEMBER));
    }

    @Test
    void holdsEachPersonOnceAndOnlyItsOwnVendorsMembers() {
        assertThatIllegalArgumentException().isThrownBy(() -> new VendorTeam(VENDOR,
                List.of(member("ada", VendorRole.OWNER), member("ada", VendorRole.EDITOR)), 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new VendorTeam(VENDOR,
                List.of(new Membership(new VendorId(UUID.randomUUID()), "ada", VendorRole.OWNER)), 0));
    }

    @Test
    void anOwnerCoversEveryRoleAndTheOthersOnlyTheirOwn() {
        assertThat(VendorRole.values()).allMatch(VendorRole.OWNER::covers);
        assertThat(VendorRole.EDITOR.covers(VendorRole.EDITOR)).isTrue();
        assertThat(VendorRole.EDITOR.covers(VendorRole.FULFILLMENT)).isFalse();
        assertThat(VendorRole.FULFILLMENT.covers(VendorRole.OWNER)).isFalse();
    }

    private static Membership member(String subject, VendorRole role) {
        return new Membership(VENDOR, subject, role);
    }

}
