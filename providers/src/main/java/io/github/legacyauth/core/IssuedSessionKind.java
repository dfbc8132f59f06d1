package io.github.legacyauth.core;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;

/**
 * A kind of session we issue a secret for (Tuleap token pairs, ZaneOps session cookies): its scheme, the
 * format of its secrets, and the names of its three realm settings - on/off, the client its sessions
 * belong to, and their lifetime in seconds.
 */
public record IssuedSessionKind(String scheme, IssuedSecret format, String enabledKey, String clientKey,
                                String lifetimeKey, int defaultLifetime, String name) {

    private static final Logger LOG = Logger.getLogger(IssuedSessionKind.class);

    /** This kind's settings in one realm. */
    public record Settings(boolean enabled, String clientId, int lifetimeSeconds) {

        /** The client, or null when it is unset, missing or disabled. */
        public ClientModel client(RealmModel realm) {
            ClientModel client = clientId == null ? null : realm.getClientByClientId(clientId);
            return client == null || !client.isEnabled() ? null : client;
        }
    }

    public Settings settings(RealmSettings settings) {
        return new Settings(settings.isOn(enabledKey), settings.get(clientKey, null),
                settings.number(lifetimeKey, defaultLifetime));
    }

    /** Refuses a lifetime below one second and an enabled kind without an existing client. */
    public void validate(RealmModel realm, RealmSettings settings) {
        try {
            if (Integer.parseInt(settings.get(lifetimeKey, String.valueOf(defaultLifetime))) < 1) {
                throw new SettingRefused(lifetimeKey, "The lifetime of " + name + " must be at least 1 second");
            }
        } catch (NumberFormatException e) {
            throw new SettingRefused(lifetimeKey, "The lifetime of " + name + " must be a whole number of seconds");
        }
        Settings kind = settings(settings);
        if (kind.enabled() && (kind.clientId() == null || realm.getClientByClientId(kind.clientId()) == null)) {
            throw new SettingRefused(clientKey, "The " + name + " need a client for their sessions");
        }
    }

    /** The 403 of a switched-off kind; an enabled kind whose client is gone is reported in the log. */
    public Response disabled(RealmModel realm, Settings settings) {
        if (settings.enabled()) {
            LOG.warnf("Realm %s has %s on, but their client '%s' is missing or disabled", realm.getName(), name,
                    settings.clientId());
        }
        return Challenge.forbidden(SchemeRegistry.SCHEME_DISABLED);
    }
}
