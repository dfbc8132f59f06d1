import { defineConfig } from "vite";

// The account console as Keycloak builds it, plus the API access keys page. React comes from the
// server (the import map in keycloak.v3's index.ftl), so it stays out of the bundle; Keycloak reads
// the entry chunk from .vite/manifest.json. The output lands where Maven packs the theme's resources.
export default defineConfig({
  base: "",
  publicDir: "public",
  esbuild: { jsx: "automatic" },
  build: {
    outDir: "target/vite",
    emptyOutDir: true,
    manifest: true,
    target: "es2022",
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      input: "src/main.tsx",
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
