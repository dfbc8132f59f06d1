package io.github.legacyauth.core;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;

/**
 * Reads a form body before the server's form reader does. Keycloak parses the form of every POST, PUT
 * and PATCH before the resource method runs, and a broken percent-escape ({@code %zz}) there is a 500.
 * The extension's resource locators run earlier: this reads the body (bounded), parses it strictly with
 * {@link UrlEncodedForm}, and hands the server the parsed form, so its reader has nothing left to do.
 * The body stays readable for the resource. Relies on RESTEasy Reactive, the server's JAX-RS
 * implementation; on anything else it does nothing.
 */
final class FormCapture {

    private static final Logger LOG = Logger.getLogger(FormCapture.class);
    private static final Set<String> WITH_FORM = Set.of("POST", "PUT", "PATCH");

    private FormCapture() {
    }

    /** What became of a request's form body. */
    enum Result { READ, UNREADABLE, TOO_LARGE }

    /** Whether the request carries a form the server could not read, or one past {@code maxBytes}. */
    static Result capture(String method, int maxBytes) {
        if (method == null || !WITH_FORM.contains(method.toUpperCase(java.util.Locale.ROOT))) {
            return Result.READ;
        }
        try {
            return Resteasy.capture(maxBytes);
        } catch (LinkageError e) {
            // another JAX-RS layer than the one this was built for: leave the form to the server
            LOG.debugf("Form bodies are left to the server: %s", e.getMessage());
            return Result.READ;
        }
    }

    /** The part that touches RESTEasy Reactive, loaded only when it runs. */
    private static final class Resteasy {

        private Resteasy() {
        }

        static Result capture(int maxBytes) {
            ResteasyReactiveRequestContext context;
            try {
                context = CurrentRequestManager.get();
            } catch (RuntimeException e) {
                return Result.READ;
            }
            if (context == null || context.getFormData() != null) {
                return Result.READ;
            }
            byte[] body;
            try (InputStream in = context.getInputStream()) {
                body = in.readNBytes(maxBytes + 1);
            } catch (IOException e) {
                LOG.debug("Could not read a form body", e);
                body = null;
            }
            // whatever happens, the server's own reader must not parse this body again
            FormData form = new FormData(UrlEncodedForm.MAX_FIELDS);
            context.setFormData(form);
            if (body == null) {
                return Result.UNREADABLE;
            }
            if (body.length > maxBytes) {
                return Result.TOO_LARGE;
            }
            context.setInputStream(new ByteArrayInputStream(body));
            try {
                for (Map.Entry<String, String> field : UrlEncodedForm.parse(body)) {
                    form.add(field.getKey(), field.getValue());
                }
                return Result.READ;
            } catch (MalformedCredentialException e) {
                return Result.UNREADABLE;
            }
        }
    }
}
