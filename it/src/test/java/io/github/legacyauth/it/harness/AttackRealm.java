package io.github.legacyauth.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.EventRepresentation;

/**
 * The realm the attack tests share ({@code realms/attack-it.json}), imported afresh by each test class:
 * every scheme on, brute-force detection with failure factor 3, a full-scope gateway client and one whose
 * role scope is {@code viewer} only, and the users an attacker cares about: {@code dave} (a helpdesk
 * admin: {@code view-users} and {@code manage-users}, no {@code manage-clients}), {@code erin} (a plain
 * API user), {@code pending} (required actions), {@code federated} (no password), a real user named
 * {@code jsonrpc}, and the application API's service account.
 */
public final class AttackRealm {

    public static final String REALM = "attack-it";
    public static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakServer server;
    private final RealmResource realm;

    private AttackRealm(KeycloakServer server) {
        this.server = server;
        this.realm = server.admin().realm(REALM);
    }

    public static AttackRealm importFresh(KeycloakServer server) {
        server.importRealm("realms/attack-it.json");
        return new AttackRealm(server);
    }

    public KeycloakServer server() {
        return server;
    }

    public RealmResource realm() {
        return realm;
    }

    /** {@code /realms/attack-it/legacy-auth} + path. */
    public String url(String path) {
        return server.legacyAuthUrl(REALM) + path;
    }

    public String adminUrl(String path) {
        return server.baseUrl() + "/admin/realms/" + REALM + path;
    }

    public String tokenEndpoint() {
        return server.realmUrl(REALM) + "/protocol/openid-connect/token";
    }

    public String userId(String username) {
        return Realms.user(realm, username).getId();
    }

    /** A token of the master realm's admin. */
    public String masterAdminToken() {
        return server.admin().tokenManager().getAccessTokenString();
    }

    /** A user's own access token from Keycloak's password grant (public client account-cli). */
    public String userToken(String username, String password) throws Exception {
        HttpResponse<String> response = Http.send(Http.request(tokenEndpoint())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=account-cli&username="
                        + username + "&password=" + password)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    /** A new access key of the user, created by the master admin; {@code body} is the JSON request. */
    public String createKey(String username, String body) throws Exception {
        HttpResponse<String> created = Http.send(Http.request(adminUrl("/legacy-auth/users/" + userId(username)
                        + "/access-keys"))
                .header("Authorization", "Bearer " + masterAdminToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("key").asText();
    }

    /**
     * Writes one attribute of the user's own profile through Keycloak's account API, as the user could
     * (the realm lets users edit unmanaged attributes, see {@link Realms#letUsersEditUnmanagedAttributes}).
     */
    public void writeOwnAttribute(String username, String password, String name, List<String> values) throws Exception {
        String token = userToken(username, password);
        String account = server.realmUrl(REALM) + "/account/";
        com.fasterxml.jackson.databind.node.ObjectNode profile = (com.fasterxml.jackson.databind.node.ObjectNode)
                json(Http.get(account, "Authorization", "Bearer " + token, "Accept", "application/json"));
        com.fasterxml.jackson.databind.node.ObjectNode attributes = profile.has("attributes")
                && profile.get("attributes").isObject() ? (com.fasterxml.jackson.databind.node.ObjectNode) profile.get("attributes")
                : profile.putObject("attributes");
        var array = attributes.putArray(name);
        values.forEach(array::add);
        HttpResponse<String> written = Http.send(Http.request(account).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(profile.toString())));
        assertThat(written.statusCode()).as(written.body()).isEqualTo(204);
    }

    /** An admin's reset of the user's password, as the admin console's Credentials tab does it. */
    public void resetPassword(String username, String newPassword) {
        org.keycloak.representations.idm.CredentialRepresentation password =
                new org.keycloak.representations.idm.CredentialRepresentation();
        password.setType(org.keycloak.representations.idm.CredentialRepresentation.PASSWORD);
        password.setValue(newPassword);
        password.setTemporary(false);
        realm.users().get(userId(username)).resetPassword(password);
    }

    /**
     * A user's own password change as the account console makes it: Keycloak's application-initiated
     * action {@code kc_action=UPDATE_PASSWORD} for the client {@code account-console} (PKCE), signing in
     * with the current password and submitting the new one on Keycloak's update-password page.
     */
    public void changePasswordAsUser(String username, String current, String newPassword) throws Exception {
        // Keycloak marks its cookies Secure on localhost (a secure context for browsers), which Java's
        // CookieManager withholds over http: a jar of our own sends them, as a browser does
        Map<String, String> cookies = new java.util.LinkedHashMap<>();
        String account = server.realmUrl(REALM) + "/account/";
        String verifier = "v".repeat(43) + UUID.randomUUID().toString().replace("-", "");
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String authorize = server.realmUrl(REALM) + "/protocol/openid-connect/auth?client_id=account-console"
                + "&redirect_uri=" + URLEncoder.encode(account, StandardCharsets.UTF_8)
                + "&response_type=code&scope=openid&state=s1&nonce=n1&kc_action=UPDATE_PASSWORD"
                + "&code_challenge=" + challenge + "&code_challenge_method=S256";
        HttpResponse<String> login = browse(cookies, HttpRequest.newBuilder(URI.create(authorize)).GET());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        HttpResponse<String> update = postForm(cookies, formAction(login.body()),
                Map.of("username", username, "password", current, "credentialId", ""));
        while (update.statusCode() == 302 && update.headers().firstValue("Location").orElse("").contains("/login-actions/")) {
            update = browse(cookies, HttpRequest.newBuilder(URI.create(update.headers().firstValue("Location").get())).GET());
        }
        assertThat(update.statusCode()).as("the update-password page: " + update.body()).isEqualTo(200);
        assertThat(update.body()).contains("password-new");
        HttpResponse<String> done = postForm(cookies, formAction(update.body()),
                Map.of("password-new", newPassword, "password-confirm", newPassword));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
        assertThat(done.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).startsWith(account).contains("code="));
    }

    /**
     * An account-console token of a session the master admin opened by impersonating the user: Keycloak's
     * impersonation endpoint sets the realm's SSO cookies, then the account console's code flow (PKCE)
     * signs in with them, as the admin's browser would.
     */
    public String impersonatedAccountToken(String username) throws Exception {
        return impersonatedToken(username, "account-console", server.realmUrl(REALM) + "/account/");
    }

    /**
     * A token of {@code clientId} (a public client with PKCE, such as the realm's {@code account-console}
     * or {@code security-admin-console}) in a session the master admin opened by impersonating the user.
     */
    public String impersonatedToken(String username, String clientId, String redirectUri) throws Exception {
        Map<String, String> cookies = new java.util.LinkedHashMap<>();
        HttpResponse<String> impersonated = browse(cookies, HttpRequest.newBuilder(URI.create(
                        adminUrl("/users/" + userId(username) + "/impersonation")))
                .header("Authorization", "Bearer " + masterAdminToken())
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(impersonated.statusCode()).as(impersonated.body()).isEqualTo(200);
        String account = redirectUri;
        String verifier = "v".repeat(43) + UUID.randomUUID().toString().replace("-", "");
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        HttpResponse<String> authorized = browse(cookies, HttpRequest.newBuilder(URI.create(server.realmUrl(REALM)
                + "/protocol/openid-connect/auth?client_id=" + clientId + "&redirect_uri="
                + URLEncoder.encode(account, StandardCharsets.UTF_8) + "&response_type=code&scope=openid&state=s1&nonce=n1"
                + "&code_challenge=" + challenge + "&code_challenge_method=S256")).GET());
        String location = authorized.headers().firstValue("Location").orElse("");
        assertThat(location).as(authorized.statusCode() + " " + authorized.body()).startsWith(account).contains("code=");
        String code = java.net.URLDecoder.decode(location.replaceAll(".*[?&#]code=([^&]+).*", "$1"), StandardCharsets.UTF_8);
        HttpResponse<String> token = Http.send(Http.request(tokenEndpoint())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&client_id=" + clientId + "&code="
                        + URLEncoder.encode(code, StandardCharsets.UTF_8) + "&redirect_uri="
                        + URLEncoder.encode(account, StandardCharsets.UTF_8) + "&code_verifier=" + verifier)));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return JSON.readTree(token.body()).get("access_token").asText();
    }

    private static final HttpClient NO_REDIRECTS = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private static HttpResponse<String> browse(Map<String, String> cookies, HttpRequest.Builder request) throws Exception {
        if (!cookies.isEmpty()) {
            StringBuilder header = new StringBuilder();
            cookies.forEach((name, value) -> header.append(header.length() == 0 ? "" : "; ").append(name).append('=').append(value));
            request.header("Cookie", header.toString());
        }
        HttpResponse<String> response = NO_REDIRECTS.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int equals = pair.indexOf('=');
            if (equals > 0) {
                String value = pair.substring(equals + 1);
                if (value.isEmpty() || setCookie.contains("Max-Age=0")) {
                    cookies.remove(pair.substring(0, equals));
                } else {
                    cookies.put(pair.substring(0, equals), value);
                }
            }
        }
        return response;
    }

    private static String formAction(String html) {
        Matcher action = Pattern.compile("<form[^>]*action=\"([^\"]+)\"").matcher(html);
        assertThat(action.find()).as("a form in " + html).isTrue();
        return action.group(1).replace("&amp;", "&");
    }

    private static HttpResponse<String> postForm(Map<String, String> cookies, String url, Map<String, String> fields)
            throws Exception {
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return browse(cookies, HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** How many passwords Keycloak has checked with a hash in this realm so far, whatever the outcome. */
    public long passwordHashes() {
        return server.passwordHashes(REALM).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The id part of a key: the 8 characters after its last underscore. */
    public static String keyId(String key) {
        int separator = key.lastIndexOf('_');
        return key.substring(separator + 1, separator + 9);
    }

    /** The token endpoint's password grant with a legacy credential in a header; {@code form} is added to the body. */
    public HttpResponse<String> grant(String client, String secret, String header, String value, String form) {
        return Http.send(Http.request(tokenEndpoint())
                .header("Authorization", Http.basic(client, secret))
                .header(header, value)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password" + (form == null ? "" : "&" + form))));
    }

    public HttpResponse<String> refresh(String client, String secret, String refreshToken) {
        return Http.send(Http.request(tokenEndpoint())
                .header("Authorization", Http.basic(client, secret))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token=" + refreshToken)));
    }

    /** GET /verify with header name/value pairs. */
    public HttpResponse<String> verify(String... headers) {
        return Http.get(url("/verify"), headers);
    }

    /** The LOGIN_ERROR events of a user, newest first. */
    public List<EventRepresentation> loginErrors(String userId) {
        return realm.getEvents(List.of("LOGIN_ERROR"), null, userId, null, null, null, 0, 1000);
    }

    /** Runs the calls all at once on as many threads, and returns their answers in order. */
    public static <T> List<T> inParallel(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> future : pool.invokeAll(calls)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    public static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
