package io.github.legacyauth.tokenpair;

import io.github.legacyauth.core.IssuedSecret;
import io.github.legacyauth.core.IssuedSessionKind;
import io.github.legacyauth.core.IssuedSessionSchemeFactory;

/**
 * Tuleap's token pair: {@code POST /tokens} with a JSON username and password gives a token, and
 * {@code X-Auth-Token} + {@code X-Auth-UserId} authenticate until it expires or is deleted.
 */
public final class TokenPairSchemeFactory extends IssuedSessionSchemeFactory {

    public static final String PROVIDER_ID = "token-pair";
    /** Tokens are {@code ltp_} + session id + secret + checksum; by default they live 24 hours, as in Tuleap. */
    static final IssuedSessionKind KIND = new IssuedSessionKind(PROVIDER_ID, new IssuedSecret("ltp_"),
            "tokenPairEnabled", "tokenPairClient", "tokenPairLifetimeSeconds", 24 * 60 * 60, "token pairs");

    public TokenPairSchemeFactory() {
        super(KIND, new TokenPairScheme(), 85,
                new Text("Token pairs (POST /tokens, X-Auth-Token + X-Auth-UserId)",
                        "Tuleap's token authentication: a JSON username and password sent to /tokens give a token;"
                                + " /verify accepts it with the user's id in X-Auth-UserId. Each token is a Keycloak"
                                + " offline session, listed under Sessions and ended there."),
                new Text("Token-pair client", "The client the token sessions belong to; they appear in its Sessions tab."),
                new Text("Token-pair lifetime (seconds)",
                        "How long a token works after it is issued (Tuleap: 86400, 24 hours)."));
    }

    @Override
    public int settingsPosition() {
        return 40;
    }
}
