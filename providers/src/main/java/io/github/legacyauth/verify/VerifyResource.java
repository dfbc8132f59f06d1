package io.github.legacyauth.verify;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import io.github.legacyauth.core.Challenge;
import io.github.legacyauth.core.LegacyRequest;
import io.github.legacyauth.core.LoginEvents;
import io.github.legacyauth.core.LegacyMetrics;
import io.github.legacyauth.core.Outcome;
import io.github.legacyauth.core.RealmSettings;
import io.github.legacyauth.core.SchemeContext;
import io.github.legacyauth.core.SchemeRegistry;
import io.github.legacyauth.core.Unavailable;

/**
 * {@code /realms/{realm}/legacy-auth/verify}: forward authentication for gateways (nginx
 * {@code auth_request}, Traefik {@code forwardAuth}, Envoy {@code ext_authz}). Any method; 200 with the
 * identity in {@code X-Auth-*} headers and as JSON, or the 401/403 of {@link Challenge}.
 */
public final class VerifyResource {

    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");

    private final KeycloakSession session;
    private final SchemeRegistry registry;

    public VerifyResource(KeycloakSession session, SchemeRegistry registry) {
        this.session = session;
        this.registry = registry;
    }

    @GET
    public Response get() {
        return verify();
    }

    @HEAD
    public Response head() {
        return verify();
    }

    @POST
    public Response post() {
        return verify();
    }

    @PUT
    public Response put() {
        return verify();
    }

    @PATCH
    public Response patch() {
        return verify();
    }

    @DELETE
    public Response delete() {
        return verify();
    }

    @OPTIONS
    public Response options() {
        return verify();
    }

    private Response verify() {
        return Unavailable.guard(session, this::decide);
    }

    private Response decide() {
        long start = System.nanoTime();
        RealmModel realm = session.getContext().getRealm();
        SchemeContext context = new SchemeContext(session, realm, RealmSettings.of(realm),
                LegacyRequest.of(session), LoginEvents.login(session, realm), true);
        SchemeRegistry.Match match = registry.authenticate(context);
        LoginEvents.record(context.event(), match);
        LegacyMetrics.request(realm.getName(), match.scheme(), LegacyMetrics.VERIFY, match.outcome(), start);

        if (match.outcome() instanceof Outcome.Authenticated authenticated) {
            Identity identity = Identity.of(authenticated.principal());
            return Response.ok(identity, MediaType.APPLICATION_JSON_TYPE)
                    .cacheControl(NO_STORE)
                    .header(Identity.USER_ID, HeaderValue.of(identity.userId()))
                    .header(Identity.USERNAME, HeaderValue.of(identity.username()))
                    .header(Identity.EMAIL, HeaderValue.of(identity.email()))
                    .header(Identity.EMAIL_VERIFIED, String.valueOf(identity.emailVerified()))
                    .header(Identity.ROLES, HeaderValue.of(String.join(",", identity.roles())))
                    .header(Identity.SCHEME, identity.scheme())
                    .build();
        }
        if (match.outcome() instanceof Outcome.Refused refused) {
            return Challenge.refusal(refused, registry.challenges(context));
        }
        return Challenge.unauthorized(registry.challenges(context));
    }
}
