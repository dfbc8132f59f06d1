package io.github.legacyauth.it.harness;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * Part of the smoke suite the compatibility matrix runs against every older Keycloak version (see
 * {@code it/pom.xml}): every scheme through {@code /verify}, the grants and issuing endpoints, the admin
 * REST API with the paths that reach into Keycloak's internals, the settings validation, one browser test
 * per console, the hostile corpus and the secrets scan.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("smoke")
public @interface Smoke {
}
