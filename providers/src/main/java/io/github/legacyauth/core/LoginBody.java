package io.github.legacyauth.core;

import java.io.IOException;
import java.io.InputStream;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import org.keycloak.models.KeycloakSession;

/**
 * The username and password of a login request's body: {@code {"username": "...", "password": "..."}}
 * (Tuleap's {@code /api/tokens}, ZaneOps' {@code /api/auth/login}) or, for a form content type, the form
 * fields {@code username} and {@code password} (Zettelstore's {@code /a}; Tuleap's REST layer takes
 * those too). Other JSON members are ignored (they must still be valid JSON); a body that is not one JSON
 * object with both names as non-empty strings, names one twice, nests deeper than a few levels or is
 * larger than {@value #MAX_BODY_BYTES} bytes is malformed.
 */
public record LoginBody(String username, String password) {

    /** The credentials of the current request's body: form fields for a form content type, else JSON. */
    public static LoginBody of(KeycloakSession session, InputStream body) throws MalformedCredentialException {
        MediaType type;
        try {
            type = session.getContext().getRequestHeaders().getMediaType();
        } catch (RuntimeException e) {
            throw new MalformedCredentialException("unreadable content type");
        }
        if (type != null && MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(type)) {
            MultivaluedMap<String, String> form;
            try {
                form = session.getContext().getHttpRequest().getDecodedFormParameters();
            } catch (RuntimeException e) {
                throw new MalformedCredentialException("unreadable form");
            }
            for (String name : new String[] {"username", "password"}) {
                if (form.get(name) != null && form.get(name).size() > 1) {
                    throw new MalformedCredentialException("a form field sent twice");
                }
            }
            return checked(form.getFirst("username"), form.getFirst("password"));
        }
        return read(body);
    }

    public static final int MAX_BODY_BYTES = 16 * 1024;
    private static final int MAX_USERNAME_LENGTH = 255;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).build())
            .build();

    public static LoginBody read(InputStream body) throws MalformedCredentialException {
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : body.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new MalformedCredentialException("unreadable body");
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw MalformedCredentialException.tooLarge("body too large");
        }
        return parse(bytes);
    }

    static LoginBody parse(byte[] bytes) throws MalformedCredentialException {
        String username = null;
        String password = null;
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedCredentialException("body is not a JSON object");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("username".equals(name) || "password".equals(name)) {
                    if (value != JsonToken.VALUE_STRING) {
                        throw new MalformedCredentialException("username and password must be strings");
                    }
                    if ("username".equals(name)) {
                        username = parser.getText();
                    } else {
                        password = parser.getText();
                    }
                } else {
                    parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new MalformedCredentialException("trailing content after the JSON object");
            }
        } catch (IOException | RuntimeException e) {
            throw new MalformedCredentialException("body is not valid JSON");
        }
        return checked(username, password);
    }

    private static LoginBody checked(String username, String password) throws MalformedCredentialException {
        if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
            throw new MalformedCredentialException("username or password missing");
        }
        if (username.length() > MAX_USERNAME_LENGTH || password.length() > LegacyRequest.MAX_CREDENTIAL_LENGTH
                || username.codePoints().anyMatch(Character::isISOControl)) {
            throw new MalformedCredentialException("username or password unusable");
        }
        return new LoginBody(username, password);
    }

    @Override
    public String toString() {
        return "LoginBody[username=" + username + ", password=****]";
    }
}
