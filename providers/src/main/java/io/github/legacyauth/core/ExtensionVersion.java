package io.github.legacyauth.core;

/** The extension's version, from the JAR manifest; shown on the admin console's server-info page. */
public final class ExtensionVersion {

    private ExtensionVersion() {
    }

    public static String get() {
        String version = ExtensionVersion.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
