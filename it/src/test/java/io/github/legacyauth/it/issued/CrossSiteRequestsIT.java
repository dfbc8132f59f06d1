package io.github.legacyauth.it.issued;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.github.legacyauth.it.harness.AttackRealmTest;
import io.github.legacyauth.it.harness.Http;

/**
 * A page on another site posts a login form to sign its visitor in as the attacker (login CSRF), and a
 * GET with a method override asks the application behind the gateway to DELETE without the CSRF token.
 */
class CrossSiteRequestsIT extends AttackRealmTest {

    static final String FORM = "username=erin&password=erin-Attack-1";
    static final String JSON_LOGIN = "{\"username\":\"erin\",\"password\":\"erin-Attack-1\"}";

    @Test
    void aLoginFormPostedFromAnotherSiteSetsNoCookie() {
        HttpResponse<String> withOrigin = login("application/x-www-form-urlencoded", FORM, "Origin", "https://evil.example");
        HttpResponse<String> jsonWithOrigin = login("application/json", JSON_LOGIN, "Origin", "https://evil.example");
        HttpResponse<String> nullOrigin = login("application/x-www-form-urlencoded", FORM, "Origin", "null");
        HttpResponse<String> crossSite = login("application/x-www-form-urlencoded", FORM, "Sec-Fetch-Site", "cross-site");

        for (HttpResponse<String> response : new HttpResponse[] {withOrigin, jsonWithOrigin, nullOrigin, crossSite}) {
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("sessionid="));
        }
    }

    @Test
    void loginsFromTheAppsOwnOriginsAndFromScriptsStillWork() {
        assertThat(login("application/json", JSON_LOGIN, "X-Probe", "curl").statusCode()).isEqualTo(201);
        assertThat(login("application/x-www-form-urlencoded", FORM, "X-Probe", "curl").statusCode()).isEqualTo(201);
        assertThat(login("application/json", JSON_LOGIN, "Origin", "https://app.zaneops.example").statusCode()).isEqualTo(201);
        assertThat(login("application/json", JSON_LOGIN, "Origin", attack.server().baseUrl()).statusCode()).isEqualTo(201);
        assertThat(login("application/json", JSON_LOGIN, "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(201);
    }

    @Test
    void aMethodOverrideNeedsTheCsrfTokenLikeTheMethodItNames() {
        String cookie = Http.setCookie(login("application/json", JSON_LOGIN, "X-Probe", "curl"), "sessionid");
        assertThat(attack.verify("Cookie", "sessionid=" + cookie).statusCode()).isEqualTo(200);

        for (String header : new String[] {"X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override"}) {
            assertThat(attack.verify("Cookie", "sessionid=" + cookie, header, "DELETE").statusCode()).as(header)
                    .isEqualTo(403);
        }
        assertThat(Http.get(attack.url("/verify?_method=DELETE"), "Cookie", "sessionid=" + cookie).statusCode())
                .isEqualTo(403);
        assertThat(attack.verify("Cookie", "sessionid=" + cookie, "X-HTTP-Method-Override", "GET").statusCode())
                .isEqualTo(200);
    }

    static HttpResponse<String> login(String contentType, String body, String header, String value) {
        return Http.send(Http.request(attack.url("/auth/login")).header("Content-Type", contentType).header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
