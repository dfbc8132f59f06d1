package io.github.legacyauth.it.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every secret the test run used: passwords, access keys, application tokens, token pairs, session
 * cookies and bearer tokens, taken from the requests {@link Http} sends and the answers it gets, plus the
 * users' passwords of every realm file. {@code SecretsScanIT} looks for each of them, at the end of the
 * run, wherever the server keeps or writes anything.
 */
public final class Secrets {

    /** Shorter values are too common to mean anything when found (and no secret here is that short). */
    static final int MIN_LENGTH = 10;

    private static final Set<String> USED = ConcurrentHashMap.newKeySet();
    private static final Set<String> PASSWORDS = ConcurrentHashMap.newKeySet();
    /** Minted secrets (and Kanboard-style hex tokens) sent where a password goes are not passwords. */
    private static final Pattern MINTED = Pattern.compile("(lak_|lat_|ltp_|lsc_).*|[0-9a-f]{40,}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ISSUED = Pattern.compile(
            "(lak_[ux][0-9a-z]{1,400}_[0-9A-Za-z]{36}|lat_[0-9A-Za-z]{38}|ltp_[0-9a-f]{32}[0-9A-Za-z]{28}|lsc_[0-9a-f]{32}[0-9A-Za-z]{28})");
    private static final Pattern BEARER = Pattern.compile("\\(\"Bearer\" \"([^\"]+)\"");
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"(?:access_token|refresh_token)\"\\s*:\\s*\"([^\"]+)\"");

    private Secrets() {
    }

    public static void remember(String secret) {
        if (secret != null && secret.length() >= MIN_LENGTH) {
            USED.add(secret);
        }
    }

    /**
     * The credentials a request carries in its headers. At the token endpoint {@code Authorization: Basic}
     * is the client's own authentication: client secrets are Keycloak's, kept in clear by its design.
     */
    static void fromRequest(String path, Map<String, List<String>> headers) {
        boolean clientAuthentication = path != null && path.endsWith("/protocol/openid-connect/token");
        headers.forEach((name, values) -> {
            String header = name.toLowerCase(Locale.ROOT);
            for (String value : values) {
                switch (header) {
                    case "authorization" -> {
                        if (value.regionMatches(true, 0, "Basic ", 0, 6) && !clientAuthentication) {
                            basic(value.substring(6).trim());
                        } else if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                            remember(value.substring(7).trim());
                        }
                    }
                    case "x-api-auth" -> basic(value.trim());
                    case "x-auth-accesskey", "x-auth-token" -> remember(value.trim());
                    case "cookie" -> cookie(value);
                    default -> {
                    }
                }
            }
        });
    }

    /** The secrets an answer hands out: new keys and tokens, cookies, access tokens. */
    static void fromResponse(Map<String, List<String>> headers, String body) {
        if (body != null) {
            for (Pattern pattern : List.of(ISSUED, BEARER, ACCESS_TOKEN)) {
                Matcher matcher = pattern.matcher(body);
                while (matcher.find()) {
                    remember(matcher.group(1));
                }
            }
        }
        headers.forEach((name, values) -> {
            if (name.equalsIgnoreCase("set-cookie")) {
                values.forEach(Secrets::cookie);
            }
        });
    }

    /** The secrets the run used so far, with the users' passwords of the given realm files. */
    public static Set<String> used(List<Path> realmFiles) {
        Set<String> all = new TreeSet<>(USED);
        for (Path file : realmFiles) {
            all.addAll(passwordsIn(file));
        }
        return all;
    }

    static Set<String> passwordsIn(Path realmFile) {
        Set<String> passwords = new TreeSet<>();
        try (InputStream in = Files.newInputStream(realmFile)) {
            JsonNode realm = JSON.readTree(in);
            for (JsonNode user : realm.path("users")) {
                for (JsonNode credential : user.path("credentials")) {
                    String value = credential.path("value").asText("");
                    if ("password".equals(credential.path("type").asText()) && value.length() >= MIN_LENGTH) {
                        passwords.add(value);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return passwords;
    }

    /**
     * The passwords the run used: the users' passwords of the given realm files and every password sent
     * in Basic or the custom header (minted keys and tokens sent in the password field left out: they are
     * stored as SHA-256 by design, being random).
     */
    public static Set<String> passwords(List<Path> realmFiles) {
        Set<String> all = new TreeSet<>(PASSWORDS);
        for (Path file : realmFiles) {
            all.addAll(passwordsIn(file));
        }
        return all;
    }

    /** Every realm file of a directory (the tests' and the demo's). */
    public static List<Path> realmFiles(Path... dirs) {
        return Stream.of(dirs).filter(Files::isDirectory).flatMap(dir -> {
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(f -> f.toString().endsWith(".json")).toList().stream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    private static void basic(String token) {
        try {
            String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon >= 0) {
                String password = decoded.substring(colon + 1);
                remember(password);
                if (password.length() >= MIN_LENGTH && !MINTED.matcher(password).matches()) {
                    PASSWORDS.add(password);
                }
            }
        } catch (IllegalArgumentException notBase64) {
            // not a credential at all
        }
    }

    private static void cookie(String header) {
        for (String pair : header.split(";")) {
            String trimmed = pair.trim();
            if (trimmed.startsWith("sessionid=")) {
                remember(trimmed.substring("sessionid=".length()).replace("\"", ""));
            }
        }
    }
}
