package io.github.legacyauth.core;

import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** LOGIN and LOGIN_ERROR events for legacy credentials, with the scheme in their details. */
public final class LoginEvents {

    /** Event detail naming the scheme, e.g. {@code legacy_auth_scheme=basic}. */
    public static final String SCHEME = "legacy_auth_scheme";
    /** {@code auth_method} detail of every event this extension sends. */
    public static final String AUTH_METHOD = "legacy-auth";

    private LoginEvents() {
    }

    public static EventBuilder login(KeycloakSession session, RealmModel realm) {
        return new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.LOGIN)
                .detail(Details.AUTH_METHOD, AUTH_METHOD);
    }

    /** Sends the event for a finished attempt; an absent credential is no attempt and sends nothing. */
    public static void record(EventBuilder event, SchemeRegistry.Match match) {
        if (match.scheme() == null) {
            return;
        }
        event.detail(SCHEME, match.scheme());
        if (match.outcome() instanceof Outcome.Authenticated) {
            event.success();
        } else if (match.outcome() instanceof Outcome.Refused refused) {
            if (refused.user() != null) {
                event.user(refused.user());
            }
            event.error(refused.error());
        }
    }
}
