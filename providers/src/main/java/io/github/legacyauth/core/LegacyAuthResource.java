package io.github.legacyauth.core;

import jakarta.ws.rs.Path;

import org.keycloak.models.KeycloakSession;

import io.github.legacyauth.accesskey.AccountAccessKeysResource;
import io.github.legacyauth.bearer.LoginEndpoint;
import io.github.legacyauth.session.CsrfEndpoint;
import io.github.legacyauth.session.SessionEndpoints;
import io.github.legacyauth.tokenpair.TokensEndpoint;
import io.github.legacyauth.verify.VerifyResource;

/** {@code /realms/{realm}/legacy-auth}: the root every front door of the extension hangs from. */
public final class LegacyAuthResource {

    private final KeycloakSession session;
    private final SchemeRegistry registry;

    LegacyAuthResource(KeycloakSession session, SchemeRegistry registry) {
        this.session = session;
        this.registry = registry;
    }

    @Path("verify")
    public VerifyResource verify() {
        return new VerifyResource(session, registry);
    }

    @Path("a")
    public LoginEndpoint bearerLogin() {
        return new LoginEndpoint(session);
    }

    @Path("tokens")
    public TokensEndpoint tokens() {
        return new TokensEndpoint(session);
    }

    @Path("auth")
    public SessionEndpoints sessionEndpoints() {
        return new SessionEndpoints(session);
    }

    @Path("csrf")
    public CsrfEndpoint csrf() {
        return new CsrfEndpoint(session);
    }

    @Path("account/access-keys")
    public AccountAccessKeysResource accountAccessKeys() {
        return new AccountAccessKeysResource(session);
    }
}
