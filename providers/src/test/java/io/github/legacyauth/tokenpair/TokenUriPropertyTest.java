package io.github.legacyauth.tokenpair;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The uri of a new token never carries more of a forwarded prefix than a plain path. */
class TokenUriPropertyTest {

    @Property(tries = 3000)
    void theUriIsThePathOrAPlainPrefixedPath(@ForAll String prefix) {
        String uri = TokenUri.of("/realms/r/legacy-auth/tokens", prefix, "ltp_x");

        assertThat(uri).endsWith("/ltp_x");
        assertThat(uri.equals("/realms/r/legacy-auth/tokens/ltp_x") || uri.matches("(/[A-Za-z0-9._~-]+)+/tokens/ltp_x"))
                .as(uri).isTrue();
    }
}
