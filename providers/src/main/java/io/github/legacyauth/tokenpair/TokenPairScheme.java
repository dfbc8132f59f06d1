package io.github.legacyauth.tokenpair;

import org.keycloak.events.Errors;

import io.github.legacyauth.core.IssuedSessions;
import io.github.legacyauth.core.LegacyScheme;
import io.github.legacyauth.core.MalformedCredentialException;
import io.github.legacyauth.core.Outcome;
import io.github.legacyauth.core.SchemeContext;

/**
 * {@code X-Auth-Token} + {@code X-Auth-UserId}. The token must name a live token-pair session and the
 * user id must be that session's user: a token presented with another user's id is a 401.
 */
final class TokenPairScheme implements LegacyScheme {

    static final String TOKEN_HEADER = "X-Auth-Token";
    static final String USER_ID_HEADER = "X-Auth-UserId";

    @Override
    public boolean presentIn(SchemeContext context) {
        return context.request().hasHeader(TOKEN_HEADER);
    }

    @Override
    public Outcome authenticate(SchemeContext context) {
        String token;
        String userId;
        try {
            token = context.request().singleHeader(TOKEN_HEADER);
            userId = context.request().singleHeader(USER_ID_HEADER);
        } catch (MalformedCredentialException e) {
            return Outcome.unauthenticated(MalformedCredentialException.EVENT_ERROR, null);
        }
        if (userId == null || userId.isBlank()) {
            return Outcome.unauthenticated(MalformedCredentialException.EVENT_ERROR, null);
        }
        IssuedSessions.Checked checked = IssuedSessions.check(context, TokenPairSchemeFactory.KIND, token.trim());
        if (checked.outcome() instanceof Outcome.Authenticated authenticated
                && !authenticated.principal().user().getId().equals(userId.trim())) {
            return Outcome.unauthenticated(Errors.INVALID_USER_CREDENTIALS, authenticated.principal().user());
        }
        return checked.outcome();
    }
}
