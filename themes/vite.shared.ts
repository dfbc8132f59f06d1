import { defineConfig, type UserConfig } from "vite";

/**
 * One console's build, as Keycloak builds its own: React comes from the server (the import map in the
 * parent theme's index.ftl), so it stays out of the bundle; Keycloak reads the entry chunk from
 * .vite/manifest.json. The output lands where Maven packs that theme's resources.
 */
export function consoleBuild(input: string, outDir: string, publicDir: string | false): UserConfig {
  return defineConfig({
    base: "",
    publicDir,
    esbuild: { jsx: "automatic" },
    build: {
      outDir,
      emptyOutDir: true,
      manifest: true,
      target: "es2022",
      chunkSizeWarningLimit: 16384,
      rollupOptions: {
        input,
        // "use client" markers of React Router mean nothing in a browser bundle.
        onwarn(warning, warn) {
          if (warning.code !== "MODULE_LEVEL_DIRECTIVE") warn(warning);
        },
        external: ["react", "react/jsx-runtime", "react-dom", "react-dom/client"],
        output: {
          // Keycloak's react-dom module exports createRoot itself.
          paths: { "react-dom/client": "react-dom" },
          // One script: Keycloak preloads an entry's imports by their manifest keys, which are not paths.
          inlineDynamicImports: true,
        },
      },
    },
  });
}
