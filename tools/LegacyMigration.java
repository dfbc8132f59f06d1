import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moves a legacy application's users and API keys into a Keycloak realm that runs keycloak-legacy-auth.
 * One file, the JDK only: run it with {@code java LegacyMigration.java ...} (Java 17 or later).
 *
 * <pre>
 * java LegacyMigration.java users users.csv &gt; users.json
 *     A partial-import body (POST /admin/realms/{realm}/partialImport) of the users, each with the
 *     password hash the legacy application stored. Columns (a header line first):
 *     username,email,hash[,first_name,last_name,roles]; roles separated by ';'. The hash format is
 *     recognised: bcrypt ($2y$, $2a$, $2b$), Argon2 PHC ($argon2id$, $argon2i$), Django
 *     (pbkdf2_sha256$, pbkdf2_sha1$), crypt ($6$, $5$, $1$), Zettelstore ("&lt;zid&gt; &lt;ident&gt; $2a$…": the
 *     user zettel's id and the ident in front of the bcrypt hash); an empty hash imports the user without one,
 *     and so does a hash beyond what the extension checks (bcrypt cost above 15, Argon2 above 256 MiB,
 *     PBKDF2 above 2,000,000 iterations, sha-crypt above 1,000,000 rounds), with a line on standard error.
 *
 * KEYCLOAK_TOKEN=&lt;admin access token&gt; java LegacyMigration.java keys keys.csv https://sso.example.com realm
 *     Imports each key for its user through POST .../legacy-auth/users/{id}/access-keys/import.
 *     Columns: username,format,key_id,verifier_hash,secret,description,created_at,expires_at,scopes
 *     (format tuleap: key_id and verifier_hash; format secret: secret); scopes separated by ';'.
 *     Prints one line per key (never its secret); exits with 1 when any key was not imported.
 * </pre>
 */
public final class LegacyMigration {

    private static final Map<Pattern, String> ALGORITHMS = new LinkedHashMap<>();

    static {
        ALGORITHMS.put(Pattern.compile("^\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}$"), "bcrypt");
        ALGORITHMS.put(Pattern.compile("^\\$argon2(id|i|d)\\$.+"), "argon2-phc");
        ALGORITHMS.put(Pattern.compile("^pbkdf2_sha(256|1)\\$\\d+\\$[^$]*\\$[A-Za-z0-9+/=]+$"), "django-pbkdf2");
        ALGORITHMS.put(Pattern.compile("^\\$[156]\\$.+"), "crypt");
        ALGORITHMS.put(Pattern.compile("^\\d{14} .+ \\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}$"), "zettelstore-bcrypt");
    }

    private LegacyMigration() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (IllegalArgumentException | IOException e) {
            fail(e.getMessage());
        }
    }

    private static void run(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("users")) {
            System.out.println(users(read(Path.of(args[1]))));
        } else if (args.length == 4 && args[0].equals("keys")) {
            String token = System.getenv("KEYCLOAK_TOKEN");
            if (token == null || token.isBlank()) {
                fail("Set KEYCLOAK_TOKEN to an access token of an admin who may manage the realm's users");
            }
            System.exit(keys(read(Path.of(args[1])), args[2].replaceAll("/+$", ""), args[3], token.trim()) ? 0 : 1);
        } else {
            fail("usage: java LegacyMigration.java users users.csv > users.json\n"
                    + "       KEYCLOAK_TOKEN=... java LegacyMigration.java keys keys.csv <keycloak url> <realm>");
        }
    }

    /** The partial-import JSON of the users in the rows. */
    static String users(List<Map<String, String>> rows) {
        StringBuilder users = new StringBuilder();
        for (Map<String, String> row : rows) {
            String username = required(row, "username");
            StringBuilder user = new StringBuilder("{\"username\":").append(json(username))
                    .append(",\"enabled\":true");
            optional(row, "email").ifPresent(email -> user.append(",\"email\":").append(json(email)));
            optional(row, "first_name").ifPresent(name -> user.append(",\"firstName\":").append(json(name)));
            optional(row, "last_name").ifPresent(name -> user.append(",\"lastName\":").append(json(name)));
            List<String> roles = list(row.get("roles"));
            if (!roles.isEmpty()) {
                user.append(",\"realmRoles\":[").append(String.join(",", roles.stream().map(LegacyMigration::json).toList()))
                        .append("]");
            }
            String hash = row.getOrDefault("hash", "").trim();
            String algorithm = hash.isEmpty() ? null : algorithm(hash, row);
            String beyond = algorithm == null ? null : beyondBounds(hash, algorithm);
            if (beyond != null) {
                System.err.println("line " + row.get("#") + ": " + username + ": " + beyond
                        + "; imported without a password (the user sets one with Forgot password or an admin's reset)");
            } else if (algorithm != null) {
                String credentialData = "{\"algorithm\":\"" + algorithm + "\",\"hashIterations\":-1}";
                String secretData = "{\"value\":" + json(hash) + ",\"salt\":\"\"}";
                user.append(",\"credentials\":[{\"type\":\"password\",\"credentialData\":").append(json(credentialData))
                        .append(",\"secretData\":").append(json(secretData)).append("}]");
            }
            users.append(users.length() == 0 ? "\n    " : ",\n    ").append(user).append('}');
        }
        return "{\n  \"ifResourceExists\": \"FAIL\",\n  \"users\": [" + users + "\n  ]\n}";
    }

    /** Imports every key; true when all were imported. */
    static boolean keys(List<Map<String, String>> rows, String server, String realm, String token) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String admin = server + "/admin/realms/" + encode(realm);
        boolean all = true;
        for (Map<String, String> row : rows) {
            String username = required(row, "username");
            String line = "line " + row.get("#") + ": " + username;
            HttpResponse<String> found = http.send(HttpRequest.newBuilder(URI.create(admin + "/users?exact=true&briefRepresentation=true&username="
                            + encode(username))).header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(found.body());
            if (found.statusCode() != 200 || !id.find()) {
                System.out.println(line + ": no such user (" + found.statusCode() + ")");
                all = false;
                continue;
            }
            HttpResponse<String> imported = http.send(HttpRequest.newBuilder(URI.create(admin + "/legacy-auth/users/"
                            + encode(id.group(1)) + "/access-keys/import"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(keyRequest(row))).build(), HttpResponse.BodyHandlers.ofString());
            if (imported.statusCode() == 201) {
                Matcher keyId = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(imported.body());
                System.out.println(line + ": imported as " + (keyId.find() ? keyId.group(1) : "?"));
            } else {
                Matcher why = Pattern.compile("\"error_description\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(imported.body());
                System.out.println(line + ": refused (" + imported.statusCode() + ")" + (why.find() ? ": " + why.group(1) : ""));
                all = false;
            }
        }
        return all;
    }

    static String keyRequest(Map<String, String> row) {
        StringBuilder body = new StringBuilder("{\"format\":").append(json(required(row, "format")));
        for (String field : List.of("key_id", "verifier_hash", "secret", "description", "created_at", "expires_at")) {
            optional(row, field).ifPresent(value -> body.append(",\"").append(field).append("\":").append(json(value)));
        }
        List<String> scopes = list(row.get("scopes"));
        if (!scopes.isEmpty()) {
            body.append(",\"scopes\":[").append(String.join(",", scopes.stream().map(LegacyMigration::json).toList())).append("]");
        }
        return body.append('}').toString();
    }

    static String algorithm(String hash, Map<String, String> row) {
        for (Map.Entry<Pattern, String> entry : ALGORITHMS.entrySet()) {
            if (entry.getKey().matcher(hash).matches()) {
                return entry.getValue();
            }
        }
        throw new IllegalArgumentException("line " + row.get("#") + ": the hash of " + row.get("username")
                + " is in no format this tool knows (bcrypt, Argon2 PHC, Django PBKDF2, crypt, Zettelstore)");
    }

    private static final Pattern BCRYPT_COST = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}$");
    private static final Pattern ARGON2 = Pattern.compile("m=(\\d+),t=(\\d+),p=(\\d+)");
    private static final Pattern ROUNDS = Pattern.compile("^\\$[56]\\$rounds=(\\d+)\\$");

    /**
     * Why the extension would never verify this hash (what one check may cost is bounded; see the
     * README), or null. Such a user is imported without a password and resets it.
     */
    static String beyondBounds(String hash, String algorithm) {
        switch (algorithm) {
            case "bcrypt", "zettelstore-bcrypt" -> {
                Matcher cost = BCRYPT_COST.matcher(hash);
                if (cost.find() && Integer.parseInt(cost.group(1)) > 15) {
                    return "bcrypt cost " + cost.group(1) + " is above 15";
                }
                if (algorithm.equals("zettelstore-bcrypt")
                        && hash.substring(0, hash.lastIndexOf(' ') + 1).getBytes(StandardCharsets.UTF_8).length > 56) {
                    return "the ident is longer than 40 bytes (bcrypt would read too little of the password)";
                }
            }
            case "argon2-phc" -> {
                Matcher argon2 = ARGON2.matcher(hash);
                if (argon2.find() && (Long.parseLong(argon2.group(1)) > 262_144 || Long.parseLong(argon2.group(2)) > 16
                        || Long.parseLong(argon2.group(3)) > 64)) {
                    return "Argon2 " + argon2.group() + " is above m=262144 (256 MiB), t=16 or p=64";
                }
            }
            case "django-pbkdf2" -> {
                long iterations = Long.parseLong(hash.split("\\$")[1]);
                if (iterations > 2_000_000) {
                    return "PBKDF2 with " + iterations + " iterations is above 2,000,000";
                }
            }
            case "crypt" -> {
                Matcher rounds = ROUNDS.matcher(hash);
                if (rounds.find() && Long.parseLong(rounds.group(1)) > 1_000_000) {
                    return "sha-crypt with " + rounds.group(1) + " rounds is above 1,000,000";
                }
            }
            default -> {
            }
        }
        return null;
    }

    /** The rows of a CSV file (RFC 4180: quoted fields may hold commas, quotes doubled), keyed by the header. */
    static List<Map<String, String>> read(Path file) throws IOException {
        List<List<String>> records = parse(Files.readString(file, StandardCharsets.UTF_8));
        if (records.isEmpty()) {
            throw new IllegalArgumentException(file + " is empty: a header line is expected");
        }
        List<String> header = records.get(0).stream().map(name -> name.trim().toLowerCase(java.util.Locale.ROOT)).toList();
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> record = records.get(i);
            if (record.size() == 1 && record.get(0).isBlank()) {
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            row.put("#", String.valueOf(i + 1));
            for (int column = 0; column < header.size() && column < record.size(); column++) {
                row.put(header.get(column), record.get(column));
            }
            rows.add(row);
        }
        return rows;
    }

    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }

    private static String required(Map<String, String> row, String column) {
        String value = row.get(column);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("line " + row.get("#") + ": " + column + " is missing");
        }
        return value.trim();
    }

    private static java.util.Optional<String> optional(Map<String, String> row, String column) {
        String value = row.get(column);
        return value == null || value.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(value.trim());
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(value.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static String json(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
