package dev.surge.api.wiring;

import java.time.Clock;
import java.time.Duration;

import dev.surge.api.persistence.CachedVendorTeams;
import dev.surge.api.persistence.PostgresChannel;
import dev.surge.api.persistence.R2dbcAuditLog;
import dev.surge.api.persistence.R2dbcVendorAccounts;
import dev.surge.api.persistence.R2dbcVendorTeams;
import dev.surge.api.web.ActingMembers;
import dev.surge.api.persistence.R2dbcCommissionRules;
import dev.surge.api.persistence.R2dbcVendorProducts;
import dev.surge.checkout.application.AddCommissionRule;
import dev.surge.checkout.application.EndCommissionRule;
import dev.surge.checkout.application.ListCommissionRules;
import dev.surge.checkout.application.LookUpOrders;
import dev.surge.checkout.application.SearchOrders;
import dev.surge.checkout.port.CommissionRuleBook;
import dev.surge.checkout.port.OrderHistory;
import dev.surge.checkout.port.Orders;
import dev.surge.checkout.application.ApplyAsVendor;
import dev.surge.checkout.application.ArchiveProduct;
import dev.surge.checkout.application.CreateProduct;
import dev.surge.checkout.application.EditProduct;
import dev.surge.checkout.application.ListReviewQueue;
import dev.surge.checkout.application.ListVendorProducts;
import dev.surge.checkout.application.ProductWrites;
import dev.surge.checkout.application.ReviewProduct;
import dev.surge.checkout.application.SetAutoApproval;
import dev.surge.checkout.application.SetSkuPrices;
import dev.surge.checkout.application.SetStockOnHand;
import dev.surge.checkout.application.ShowVendorProduct;
import dev.surge.checkout.port.PayoutAccounts;
import dev.surge.checkout.port.StockReservations;
import dev.surge.checkout.port.VendorProducts;
import dev.surge.checkout.application.ChangeVendorTeam;
import dev.surge.checkout.application.DecideOnVendor;
import dev.surge.checkout.application.ListVendors;
import dev.surge.checkout.application.ReadAuditLog;
import dev.surge.checkout.application.ShowVendor;
import dev.surge.checkout.application.ShowVendorTeam;
import dev.surge.checkout.application.StartPayoutOnboarding;
import dev.surge.checkout.application.TrackPayoutAccount;
import dev.surge.checkout.domain.BasisPoints;
import dev.surge.checkout.port.AuditLog;
import dev.surge.checkout.port.Offers;
import dev.surge.checkout.port.Transactions;
import dev.surge.checkout.port.VendorAccounts;
import dev.surge.checkout.port.VendorTeams;
import io.r2dbc.spi.ConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.WebFilter;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The back office: vendors as the operator runs them, their teams (the roles every vendor
 * request is checked against), their products through moderation, and the audit log of
 * every write.
 */
@Configuration(proxyBeanMethods = false)
public class BackOfficeWiring {

    /** The channel the members table notifies on commit, naming the subject changed. */
    static final String MEMBERS_CHANNEL = "surge_members";

    @Bean
    VendorAccounts vendorAccounts(DatabaseClient database) {
        return new R2dbcVendorAccounts(database);
    }

    /**
     * Memberships cached per subject; a change is forgotten at once on every instance
     * (notification on commit), and in any case after {@code membership-max-age}.
     */
    @Bean
    CachedVendorTeams vendorTeams(DatabaseClient database, JsonMapper json, ConnectionFactory connections,
            @Value("${surge.vendors.membership-max-age:5m}") Duration maxAge) {
        return new CachedVendorTeams(new R2dbcVendorTeams(database, json),
                new PostgresChannel(connections, MEMBERS_CHANNEL), maxAge);
    }

    @Bean
    AuditLog auditLog(DatabaseClient database, JsonMapper json) {
        return new R2dbcAuditLog(database, json);
    }

    @Bean
    ActingMembers actingMembers(VendorTeams teams) {
        return new ActingMembers(teams);
    }

    @Bean
    WebFluxConfigurer actingMemberParameters(ActingMembers actingMembers) {
        return new WebFluxConfigurer() {
            @Override
            public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
                configurer.addCustomResolver(actingMembers);
            }
        };
    }

    /** After security (which orders itself at -100): the caller is known by then. */
    @Bean
    @Order(0)
    WebFilter vendorRolesBeforeHandlers(ActingMembers actingMembers,
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlers) {
        return actingMembers.beforeHandlers(handlers);
    }

    /**
     * @param defaultCommission the rate a new vendor sells at until the operator sets its
     * own, in basis points
     */
    @Bean
    ApplyAsVendor applyAsVendor(VendorAccounts accounts, VendorTeams teams, AuditLog audit, Transactions transactions,
            RandomIds ids, @Value("${surge.vendors.default-commission-bps:1000}") int defaultCommission,
            ObjectProvider<Clock> clock) {
        return new ApplyAsVendor(accounts, teams, audit, transactions, ids, BasisPoints.of(defaultCommission),
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    DecideOnVendor decideOnVendor(VendorAccounts accounts, AuditLog audit, Transactions transactions, Offers offers,
            ObjectProvider<Clock> clock) {
        return new DecideOnVendor(accounts, audit, transactions, offers, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    ChangeVendorTeam changeVendorTeam(VendorTeams teams, AuditLog audit, Transactions transactions,
            ObjectProvider<Clock> clock) {
        return new ChangeVendorTeam(teams, audit, transactions, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    ListVendors listVendors(VendorAccounts accounts) {
        return new ListVendors(accounts);
    }

    @Bean
    StartPayoutOnboarding startPayoutOnboarding(VendorAccounts accounts, PayoutAccounts payoutAccounts, AuditLog audit,
            Transactions transactions, ObjectProvider<Clock> clock) {
        return new StartPayoutOnboarding(accounts, payoutAccounts, audit, transactions,
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    TrackPayoutAccount trackPayoutAccount(VendorAccounts accounts, PayoutAccounts payoutAccounts, AuditLog audit,
            Transactions transactions, Offers offers, ObjectProvider<Clock> clock) {
        return new TrackPayoutAccount(accounts, payoutAccounts, audit, transactions, offers,
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    ShowVendor showVendor(VendorAccounts accounts) {
        return new ShowVendor(accounts);
    }

    @Bean
    ShowVendorTeam showVendorTeam(VendorTeams teams) {
        return new ShowVendorTeam(teams);
    }

    @Bean
    ReadAuditLog readAuditLog(AuditLog audit) {
        return new ReadAuditLog(audit);
    }

    @Bean
    VendorProducts vendorProducts(DatabaseClient database, JsonMapper json) {
        return new R2dbcVendorProducts(database, json);
    }

    @Bean
    ProductWrites productWrites(VendorProducts products, VendorAccounts accounts, SetStockOnHand setStockOnHand,
            StockReservations reservations, Offers offers, AuditLog audit, Transactions transactions,
            ObjectProvider<Clock> clock) {
        return new ProductWrites(products, accounts, setStockOnHand, reservations, offers, audit, transactions,
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    CreateProduct createProduct(ProductWrites writes, RandomIds ids) {
        return new CreateProduct(writes, ids);
    }

    @Bean
    EditProduct editProduct(ProductWrites writes) {
        return new EditProduct(writes);
    }

    @Bean
    ArchiveProduct archiveProduct(ProductWrites writes) {
        return new ArchiveProduct(writes);
    }

    @Bean
    ReviewProduct reviewProduct(ProductWrites writes) {
        return new ReviewProduct(writes);
    }

    @Bean
    SetSkuPrices setSkuPrices(VendorProducts products, AuditLog audit, Transactions transactions, Offers offers,
            ObjectProvider<Clock> clock) {
        return new SetSkuPrices(products, audit, transactions, offers, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    ListVendorProducts listVendorProducts(VendorProducts products) {
        return new ListVendorProducts(products);
    }

    @Bean
    ShowVendorProduct showVendorProduct(VendorProducts products) {
        return new ShowVendorProduct(products);
    }

    @Bean
    ListReviewQueue listReviewQueue(VendorProducts products) {
        return new ListReviewQueue(products);
    }

    @Bean
    LookUpOrders lookUpOrders(OrderHistory history) {
        return new LookUpOrders(history);
    }

    @Bean
    SearchOrders searchOrders(OrderHistory history, Orders orders) {
        return new SearchOrders(history, orders);
    }

    @Bean
    CommissionRuleBook commissionRuleBook(DatabaseClient database) {
        return new R2dbcCommissionRules(database);
    }

    @Bean
    AddCommissionRule addCommissionRule(CommissionRuleBook book, AuditLog audit, Transactions transactions,
            Offers offers, RandomIds ids, ObjectProvider<Clock> clock) {
        return new AddCommissionRule(book, audit, transactions, offers, ids, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    EndCommissionRule endCommissionRule(CommissionRuleBook book, AuditLog audit, Transactions transactions,
            Offers offers, ObjectProvider<Clock> clock) {
        return new EndCommissionRule(book, audit, transactions, offers, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    ListCommissionRules listCommissionRules(CommissionRuleBook book) {
        return new ListCommissionRules(book);
    }

    @Bean
    SetAutoApproval setAutoApproval(VendorAccounts accounts, AuditLog audit, Transactions transactions,
            ObjectProvider<Clock> clock) {
        return new SetAutoApproval(accounts, audit, transactions, clock.getIfAvailable(Clock::systemUTC));
    }

}
