package io.github.legacyauth.core;

import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Factory of a scheme whose credential names a session we issued (token pairs, session cookies): its
 * id, on/off switch, client and lifetime settings and their validation all come from its
 * {@link IssuedSessionKind}; a subclass brings the scheme, its order and the texts of its settings.
 */
public abstract class IssuedSessionSchemeFactory implements LegacySchemeFactory {

    /** Label and help text of one setting on the settings page. */
    public record Text(String label, String help) {
    }

    private final IssuedSessionKind kind;
    private final LegacyScheme scheme;
    private final int order;
    private final List<ProviderConfigProperty> properties;

    protected IssuedSessionSchemeFactory(IssuedSessionKind kind, LegacyScheme scheme, int order, Text enabled,
                                         Text client, Text lifetime) {
        this.kind = kind;
        this.scheme = scheme;
        this.order = order;
        this.properties = ProviderConfigurationBuilder.create()
                .property().name(kind.enabledKey()).label(enabled.label()).helpText(enabled.help())
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
                .property().name(kind.clientKey()).label(client.label()).helpText(client.help())
                .type(ProviderConfigProperty.CLIENT_LIST_TYPE).add()
                .property().name(kind.lifetimeKey()).label(lifetime.label())
                .helpText(lifetime.help() + " Default: " + kind.defaultLifetime()
                        + ". The realm's offline-session limits apply as well.")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(String.valueOf(kind.defaultLifetime())).add()
                .build();
    }

    @Override
    public LegacyScheme create(KeycloakSession session) {
        return scheme;
    }

    @Override
    public String getId() {
        return kind.scheme();
    }

    @Override
    public int order() {
        return order;
    }

    @Override
    public String enabledSetting() {
        return kind.enabledKey();
    }

    @Override
    public List<ProviderConfigProperty> settingsProperties() {
        return properties;
    }

    @Override
    public void validateSettings(KeycloakSession session, RealmModel realm, RealmSettings settings) {
        kind.validate(realm, settings);
    }
}
