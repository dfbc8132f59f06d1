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
    public Object verify() {
        return orRefusal(() -> new VerifyResource(session, registry));
    }

    /**
     * {@code /verify/<any path>}: the same answer, for gateways that append the request's path to the
     * address they ask (Envoy's {@code ext_authz} with {@code path_prefix}). The path is not read.
     */
    @Path("verify/{path: .+}")
    public Object verifyBelow() {
        return verify();
    }

    @Path("a")
    public Object bearerLogin() {
        return orRefusal(() -> new LoginEndpoint(session));
    }

    @Path("tokens")
    public Object tokens() {
        return orRefusal(() -> new TokensEndpoint(session));
    }

    @Path("auth")
    public Object sessionEndpoints() {
        return orRefusal(() -> new SessionEndpoints(session));
    }

    @Path("csrf")
    public Object csrf() {
        return orRefusal(() -> new CsrfEndpoint(session));
    }

    @Path("account/access-keys")
    public Object accountAccessKeys() {
        return orRefusal(() -> new AccountAccessKeysResource(session));
    }

    /**
     * The resource, unless the server cannot read the request (an unparsable Content-Type, a broken form
     * body): then {@link UnreadableRequest}
     * answers 400 on every path, where Keycloak itself would fail with 500.
     */
    private Object orRefusal(java.util.function.Supplier<Object> resource) {
        FixedAnswer refusal = UnreadableRequest.of(session);
        return refusal != null ? refusal : resource.get();
    }
}
