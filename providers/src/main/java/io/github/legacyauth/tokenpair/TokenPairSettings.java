package io.github.legacyauth.tokenpair;

import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;

import io.github.legacyauth.core.RealmSettings;

/** Tuleap token pairs: on or off, the client their sessions belong to, how long a token lives. */
record TokenPairSettings(boolean enabled, String clientId, int lifetimeSeconds) {

    static final String ENABLED = "tokenPairEnabled";
    static final String CLIENT = "tokenPairClient";
    static final String LIFETIME = "tokenPairLifetimeSeconds";
    static final int DEFAULT_LIFETIME = 24 * 60 * 60;

    static TokenPairSettings of(RealmSettings settings) {
        return new TokenPairSettings(settings.isOn(ENABLED), settings.get(CLIENT, null),
                settings.number(LIFETIME, DEFAULT_LIFETIME));
    }

    /** The client, or null when it is unset, missing or disabled. */
    ClientModel client(RealmModel realm) {
        ClientModel client = clientId == null ? null : realm.getClientByClientId(clientId);
        return client == null || !client.isEnabled() ? null : client;
    }

    static void validate(RealmModel realm, RealmSettings settings) {
        String lifetime = settings.get(LIFETIME, String.valueOf(DEFAULT_LIFETIME));
        try {
            if (Integer.parseInt(lifetime) < 1) {
                throw new ComponentValidationException("The token-pair lifetime must be at least 1 second");
            }
        } catch (NumberFormatException e) {
            throw new ComponentValidationException("The token-pair lifetime must be a whole number of seconds");
        }
        TokenPairSettings pair = of(settings);
        if (pair.enabled() && (pair.clientId() == null || realm.getClientByClientId(pair.clientId()) == null)) {
            throw new ComponentValidationException("Token pairs need a client for their sessions");
        }
    }
}
