package io.github.legacyauth.it.issued;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.UserSessionRepresentation;

import io.github.legacyauth.it.harness.Http;
import io.github.legacyauth.it.harness.KeycloakServer;
import io.github.legacyauth.it.harness.RealKeycloak;
import io.github.legacyauth.it.harness.Realms;

/** ZaneOps' session cookie and CSRF double submit (/api/auth/login, /api/auth/me, /api/csrf, /api/auth/logout). */
@ExtendWith(RealKeycloak.class)
class SessionCookieIT {

    static final String SEED_LOGIN = "{ \"username\": \"fredkiss3\", \"password\": \"fredkiss3-password\"}";
    static final Pattern SESSION_COOKIE = Pattern.compile("sessionid=(lsc_[0-9a-f]{32}[0-9A-Za-z]{28}); "
            + "expires=\\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax");
    static final Pattern CSRF_COOKIE = Pattern.compile("csrftoken=([0-9A-Za-z]{32}); "
            + "expires=\\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT; Max-Age=31449600; Path=/; SameSite=Lax");

    static KeycloakServer server;
    static RealmResource realm;
    static String base;
    static String verify;

    @BeforeAll
    static void importRealm(KeycloakServer keycloak) {
        server = keycloak;
        if (server.admin().realms().findAll().stream().noneMatch(r -> r.getRealm().equals("issued-it"))) {
            server.importRealm("realms/issued-it.json");
        }
        realm = server.admin().realm("issued-it");
        base = server.legacyAuthUrl("issued-it");
        verify = base + "/verify";
    }

    @AfterEach
    void restore() {
        Realms.updateSettings(realm, Map.of("sessionCookieEnabled", "true", "sessionCookieMaxAgeSeconds", ""));
    }

    static HttpResponse<String> login(String body, String... headers) {
        HttpRequest.Builder request = Http.request(base + "/auth/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return Http.send(request);
    }

    /** Logs fredkiss3 in and returns the session cookie's value. */
    static String sessionId() {
        HttpResponse<String> response = login(SEED_LOGIN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Matcher cookie = SESSION_COOKIE.matcher(response.headers().firstValue("Set-Cookie").orElseThrow());
        assertThat(cookie.matches()).as(response.headers().firstValue("Set-Cookie").orElseThrow()).isTrue();
        return cookie.group(1);
    }

    static String csrfToken() {
        HttpResponse<String> response = Http.get(base + "/csrf");
        assertThat(response.statusCode()).isEqualTo(200);
        Matcher cookie = CSRF_COOKIE.matcher(response.headers().firstValue("Set-Cookie").orElseThrow());
        assertThat(cookie.matches()).as(response.headers().firstValue("Set-Cookie").orElseThrow()).isTrue();
        return cookie.group(1);
    }

    static HttpResponse<String> call(String url, String method, String... headers) {
        HttpRequest.Builder request = Http.request(url).method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return Http.send(request);
    }

    /** POST /api/auth/login, GET /api/auth/me, GET /api/csrf and a mutative request, as the seed shows them. */
    @Test
    void theSeedsRequestsGiveTheSeedsAnswers() {
        HttpResponse<String> loggedIn = login(SEED_LOGIN);
        assertThat(loggedIn.statusCode()).isEqualTo(201);
        assertThat(loggedIn.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
        assertThat(loggedIn.headers().allValues("Set-Cookie")).hasSize(1);
        Matcher cookie = SESSION_COOKIE.matcher(loggedIn.headers().firstValue("Set-Cookie").orElseThrow());
        assertThat(cookie.matches()).isTrue();
        String sessionId = cookie.group(1);

        HttpResponse<String> me = Http.get(base + "/auth/me", "Cookie", "sessionid=" + sessionId + ";");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).isEqualTo("{\"user\":{\"username\":\"fredkiss3\",\"first_name\":\"\",\"last_name\":\"\"}}");

        String csrf = csrfToken();
        // the seed's mutative request: both cookies, the token again in X-Csrftoken
        HttpResponse<String> mutative = call(verify, "POST", "Content-Type", "application/json",
                "Cookie", "sessionid=" + sessionId + "; csrftoken=" + csrf + ";", "X-Csrftoken", csrf);
        assertThat(mutative.statusCode()).isEqualTo(200);
        assertThat(mutative.headers().firstValue("X-Auth-Scheme")).hasValue("session-cookie");
        assertThat(mutative.headers().firstValue("X-Auth-Username")).hasValue("fredkiss3");
        assertThat(server.log()).doesNotContain(sessionId).doesNotContain(sessionId.substring(36));
    }

    @Test
    void theCsrfCookieIsKeptWhileItIsWellFormed() {
        String csrf = csrfToken();
        HttpResponse<String> again = Http.get(base + "/csrf", "Cookie", "csrftoken=" + csrf);
        assertThat(again.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("csrftoken=" + csrf + ";");
        HttpResponse<String> replaced = Http.get(base + "/csrf", "Cookie", "csrftoken=short");
        assertThat(replaced.headers().firstValue("Set-Cookie").orElseThrow()).doesNotStartWith("csrftoken=short;");
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE"})
    void mutatingMethodsNeedTheCsrfTokenInCookieAndHeader(String method) {
        String sessionId = sessionId();
        String csrf = csrfToken();
        String other = csrfToken().equals(csrf) ? null : csrfToken();
        String both = "sessionid=" + sessionId + "; csrftoken=" + csrf;

        assertThat(call(verify, method, "Cookie", "sessionid=" + sessionId).statusCode()).isEqualTo(403);
        assertThat(call(verify, method, "Cookie", both).statusCode()).as("no header").isEqualTo(403);
        assertThat(call(verify, method, "Cookie", "sessionid=" + sessionId, "X-CSRFToken", csrf).statusCode())
                .as("no cookie").isEqualTo(403);
        assertThat(call(verify, method, "Cookie", both, "X-CSRFToken", csrf.substring(1) + "x").statusCode())
                .as("mismatch").isEqualTo(403);
        if (other != null) {
            assertThat(call(verify, method, "Cookie", both, "X-CSRFToken", other).statusCode()).isEqualTo(403);
        }
        assertThat(call(verify, method, "Cookie", "sessionid=" + sessionId + "; csrftoken=",
                "X-CSRFToken", "").statusCode()).as("both empty").isEqualTo(403);
        HttpResponse<String> passed = call(verify, method, "Cookie", both, "X-CSRFToken", csrf);
        assertThat(passed.statusCode()).isEqualTo(200);
        assertThat(passed.headers().firstValue("X-Auth-Scheme")).hasValue("session-cookie");
    }

    /** nginx auth_request sends a GET to /verify and the client's method in X-Original-Method. */
    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE"})
    void aGatewaysMethodHeaderIsTheMethodChecked(String method) {
        String sessionId = sessionId();
        String csrf = csrfToken();
        String both = "sessionid=" + sessionId + "; csrftoken=" + csrf;
        for (String header : List.of("X-Original-Method", "X-Forwarded-Method")) {
            assertThat(call(verify, "GET", "Cookie", both, header, method).statusCode()).as(header).isEqualTo(403);
            assertThat(call(verify, "GET", "Cookie", both, header, method, "X-CSRFToken", csrf).statusCode())
                    .as(header).isEqualTo(200);
            assertThat(call(verify, "GET", "Cookie", both, header, "GET").statusCode()).as(header).isEqualTo(200);
        }
        // a forged method header cannot turn the request's own state change into a safe one
        assertThat(call(verify, method, "Cookie", both, "X-Forwarded-Method", "GET").statusCode()).isEqualTo(403);
        assertThat(call(verify, "GET", "Cookie", both, "X-Forwarded-Method", "GET", "X-Original-Method", method)
                .statusCode()).isEqualTo(403);
    }

    @Test
    void safeMethodsPassWithoutCsrf() {
        String sessionId = sessionId();
        for (String method : List.of("GET", "HEAD", "OPTIONS")) {
            assertThat(call(verify, method, "Cookie", "sessionid=" + sessionId).statusCode()).as(method).isEqualTo(200);
        }
    }

    @Test
    void logoutNeedsCsrfEndsTheSessionAndDropsTheCookie() {
        String sessionId = sessionId();
        String csrf = csrfToken();
        String both = "sessionid=" + sessionId + "; csrftoken=" + csrf;

        assertThat(call(base + "/auth/logout", "DELETE", "Cookie", both).statusCode()).isEqualTo(403);
        HttpResponse<String> out = call(base + "/auth/logout", "DELETE", "Cookie", both, "X-CSRFToken", csrf);
        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow())
                .startsWith("sessionid=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/");

        assertThat(Http.get(base + "/auth/me", "Cookie", "sessionid=" + sessionId).statusCode()).isEqualTo(401);
        assertThat(Http.get(verify, "Cookie", "sessionid=" + sessionId).statusCode()).isEqualTo(401);
        assertThat(call(base + "/auth/logout", "DELETE", "Cookie", both, "X-CSRFToken", csrf).statusCode())
                .isEqualTo(401);
    }

    @Test
    void anAdminSignOutEndsTheSession() throws Exception {
        String sessionId = sessionId();
        String userId = Realms.user(realm, "fredkiss3").getId();
        String clientUuid = realm.clients().findByClientId("zaneops-ui").get(0).getId();
        String keycloakSession = TokenPairIT.sessionIdOf(sessionId);
        assertThat(realm.users().get(userId).getOfflineSessions(clientUuid))
                .extracting(UserSessionRepresentation::getId).contains(keycloakSession);

        realm.deleteSession(keycloakSession, true);

        assertThat(Http.get(base + "/auth/me", "Cookie", "sessionid=" + sessionId).statusCode()).isEqualTo(401);
    }

    @Test
    void theCookieExpiresWithItsMaxAge() throws Exception {
        Realms.updateSettings(realm, Map.of("sessionCookieMaxAgeSeconds", "2"));
        HttpResponse<String> response = login(SEED_LOGIN);
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("; Max-Age=2;");
        String sessionId = setCookie.substring("sessionid=".length(), setCookie.indexOf(';'));
        assertThat(Http.get(base + "/auth/me", "Cookie", "sessionid=" + sessionId).statusCode()).isEqualTo(200);

        Thread.sleep(3_000);

        assertThat(Http.get(base + "/auth/me", "Cookie", "sessionid=" + sessionId).statusCode()).isEqualTo(401);
    }

    @Test
    void overHttpsTheCookiesAreSecure() {
        HttpResponse<String> response = login(SEED_LOGIN, "X-Forwarded-Proto", "https");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Set-Cookie").orElseThrow()).endsWith("; SameSite=Lax; Secure");
        HttpResponse<String> csrf = Http.get(base + "/csrf", "X-Forwarded-Proto", "https");
        assertThat(csrf.headers().firstValue("Set-Cookie").orElseThrow()).endsWith("; SameSite=Lax; Secure");
        assertThat(login(SEED_LOGIN).headers().firstValue("Set-Cookie").orElseThrow()).doesNotContain("Secure");
    }

    @Test
    void forgedAndMalformedCookiesAre401() {
        String sessionId = sessionId();
        String flipped = sessionId.substring(0, 40) + (sessionId.charAt(40) == 'A' ? 'B' : 'A') + sessionId.substring(41);
        String tokenPairStyle = "ltp_" + sessionId.substring(4);
        for (String cookie : List.of("sessionid=tvmt1xp0c2ep33htukqm140fb4igkz4u", "sessionid=", "sessionid=" + flipped,
                "sessionid=" + tokenPairStyle, "sessionid=" + sessionId + "; sessionid=" + flipped,
                "sessionid=\"" + flipped + "\"", "sessionid=" + "a".repeat(9000))) {
            assertThat(Http.get(base + "/auth/me", "Cookie", cookie).statusCode()).as(cookie).isEqualTo(401);
            assertThat(Http.get(verify, "Cookie", cookie).statusCode()).as(cookie).isEqualTo(401);
        }
        assertThat(Http.get(base + "/auth/me").statusCode()).isEqualTo(401);
        assertThat(Http.get(base + "/auth/me", "Cookie", "sessionid=\"" + sessionId + "\"").statusCode())
                .as("a quoted value is the same cookie").isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[1]", "{\"username\":\"fredkiss3\"}", "{\"username\":1,\"password\":\"x\"}",
            "{\"username\":\"fredkiss3\",\"password\":\"fredkiss3-password\",\"username\":\"x\"}"})
    void unreadableLoginsAre400(String body) {
        HttpResponse<String> response = login(body);
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void badCredentialsAre401AndUsersWithoutApiAccess403() {
        assertThat(login("{\"username\":\"fredkiss3\",\"password\":\"nope\"}").statusCode()).isEqualTo(401);
        assertThat(login("{\"username\":\"bob\",\"password\":\"bob-Password-1\"}").statusCode()).isEqualTo(403);
    }

    @Test
    void switchedOffSessionCookiesAre403Everywhere() {
        String sessionId = sessionId();
        Realms.updateSettings(realm, Map.of("sessionCookieEnabled", "false"));

        assertThat(login(SEED_LOGIN).statusCode()).isEqualTo(403);
        assertThat(Http.get(base + "/auth/me", "Cookie", "sessionid=" + sessionId).statusCode()).isEqualTo(403);
        assertThat(Http.get(base + "/csrf").statusCode()).isEqualTo(403);
        assertThat(Http.get(verify, "Cookie", "sessionid=" + sessionId).statusCode()).isEqualTo(403);
        assertThat(call(base + "/auth/logout", "DELETE", "Cookie", "sessionid=" + sessionId).statusCode()).isEqualTo(403);
    }

    @Test
    void anExplicitCredentialDecidesBeforeTheCookie() {
        String sessionId = sessionId();
        HttpResponse<String> response = Http.get(verify, "Cookie", "sessionid=" + sessionId,
                "X-Auth-Token", "abcd", "X-Auth-UserId", "115");
        assertThat(response.statusCode()).isEqualTo(401);
    }
}
