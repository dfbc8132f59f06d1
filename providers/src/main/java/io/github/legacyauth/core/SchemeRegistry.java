package io.github.legacyauth.core;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.keycloak.models.KeycloakSessionFactory;

/**
 * All installed schemes, highest {@link LegacySchemeFactory#order()} first. A request is answered by the
 * first enabled scheme whose credential it carries; a credential of a switched-off scheme is a 403.
 * Adding a scheme means registering a {@link LegacySchemeFactory}; nothing here or in the endpoints changes.
 */
public final class SchemeRegistry {

    /** Event error for a credential of a scheme the realm has switched off. */
    public static final String SCHEME_DISABLED = "legacy_scheme_disabled";

    private final List<LegacySchemeFactory> factories;

    private SchemeRegistry(List<LegacySchemeFactory> factories) {
        this.factories = List.copyOf(factories);
    }

    public static SchemeRegistry of(KeycloakSessionFactory sessionFactory) {
        return new SchemeRegistry(sessionFactory.getProviderFactoriesStream(LegacyScheme.class)
                .map(LegacySchemeFactory.class::cast)
                .sorted(Comparator.comparingInt(LegacySchemeFactory::order).reversed()
                        .thenComparing(LegacySchemeFactory::getId))
                .toList());
    }

    public List<LegacySchemeFactory> factories() {
        return factories;
    }

    /** Which scheme answered and how; {@code scheme} is null when the request carries no credential. */
    public record Match(String scheme, Outcome outcome) {
    }

    public Match authenticate(SchemeContext context) {
        String disabledPresent = null;
        for (LegacySchemeFactory factory : factories) {
            LegacyScheme scheme = scheme(context, factory);
            if (!scheme.presentIn(context)) {
                continue;
            }
            if (!context.settings().isOn(factory.enabledSetting())) {
                disabledPresent = disabledPresent == null ? factory.getId() : disabledPresent;
                continue;
            }
            return new Match(factory.getId(), gate(context, scheme.authenticate(context)));
        }
        if (disabledPresent != null) {
            return new Match(disabledPresent, Outcome.forbidden(SCHEME_DISABLED, null));
        }
        return new Match(null, Outcome.absent());
    }

    /**
     * What every front door asks after a scheme proved who the caller is: is the user in good standing
     * ({@link UserStanding}: enabled, not locked out, no required action pending), and does the realm's
     * API-access gate let them in.
     */
    public static Outcome gate(SchemeContext context, Outcome outcome) {
        Outcome gated = gateBeforeOwnChecks(context, outcome);
        if (gated instanceof Outcome.Authenticated passed) {
            passed.onPass().run();
        }
        return gated;
    }

    /**
     * {@link #gate} for a front door with checks of its own after it (the token endpoint's scope rule): the
     * door runs {@link Outcome.Authenticated#onPass()} once those passed too, so a refused use is no use.
     */
    public static Outcome gateBeforeOwnChecks(SchemeContext context, Outcome outcome) {
        if (outcome instanceof Outcome.Authenticated authenticated) {
            Outcome.Refused refusal = UserStanding.refusal(context, authenticated.principal());
            if (refusal != null) {
                return refusal;
            }
        }
        return ApiAccessGate.apply(context, outcome);
    }

    /** The {@code WWW-Authenticate} challenges of the realm's enabled schemes. */
    public List<String> challenges(SchemeContext context) {
        return factories.stream()
                .filter(factory -> context.settings().isOn(factory.enabledSetting()))
                .map(factory -> scheme(context, factory).challenge(context))
                .filter(Objects::nonNull)
                .toList();
    }

    private static LegacyScheme scheme(SchemeContext context, LegacySchemeFactory factory) {
        return context.session().getProvider(LegacyScheme.class, factory.getId());
    }
}
